"""Interactive prompts (prompt_toolkit) with a live status line: used only in a terminal."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

import typer

from starl.cli.common import console

if TYPE_CHECKING:
    from starl.store import StoryDraft


def _session(toolbar: Callable[[], object], multiline: bool = False) -> object:
    from prompt_toolkit import PromptSession
    from prompt_toolkit.key_binding import KeyBindings

    bindings = KeyBindings()

    @bindings.add("c-d")
    def _submit(event: object) -> None:
        event.current_buffer.validate_and_handle()  # type: ignore[attr-defined]

    return PromptSession(
        bottom_toolbar=toolbar, refresh_interval=0.5, multiline=multiline, key_bindings=bindings
    )


def prompt_story(title: str | None) -> StoryDraft:
    """Title, then one prompt per part; the toolbar shows words and seconds against the
    part's target as the user types. Pasting a whole answer at the first prompt splits it."""
    from prompt_toolkit.formatted_text import HTML

    from starl.knowledge import load_knowledge
    from starl.store import StoryDraft
    from starl.stories import split_text
    from starl.timing import count_words, estimate_seconds

    framework = load_knowledge().framework
    while not title:
        title = typer.prompt("Title").strip()
    console.print(
        "Write each part (Enter moves on; leave empty to skip). At the Situation prompt you "
        "can also paste the whole answer and starl splits it."
    )
    parts: dict[str, str] = {}
    for spec in framework.components:
        session = _session(lambda: None)

        def toolbar(spec: object = spec, session: object = session) -> object:
            text = session.default_buffer.text  # type: ignore[attr-defined]
            words = count_words(text)
            seconds = estimate_seconds(words, framework.words_per_minute)
            target = spec.target_seconds  # type: ignore[attr-defined]
            state = "ok" if seconds <= 1.5 * target else "long"
            return HTML(
                f" <b>{spec.name}</b>: {words} words, ~{seconds:.0f} s of {target} s target"  # type: ignore[attr-defined]
                f" ({state}) · {spec.ask_yourself}"  # type: ignore[attr-defined]
            )

        session.bottom_toolbar = toolbar  # type: ignore[attr-defined]
        text = session.prompt(f"{spec.name}> ").strip()  # type: ignore[attr-defined]
        if spec.id == "situation" and count_words(text) > 80:
            split = split_text(text, title)
            console.print("That looks like a whole answer; starl split it:")
            for part, piece in split.draft.parts().items():
                console.print(
                    f"  [bold]{part}[/]: {piece[:100] + ('...' if len(piece) > 100 else '')}"
                )
            if typer.confirm(
                "Keep this split? (you can correct it later with `starl story edit`)", default=True
            ):
                return split.draft
        parts[spec.id] = text
    return StoryDraft(title=title, **parts)


def prompt_answer(question: str, limit_seconds: int) -> tuple[str, float]:
    """A multi-line answer with a live countdown and the STARL phase to be in.

    Enter adds a line; Ctrl-D (or Esc then Enter) submits. Returns the text and seconds taken.
    """
    from prompt_toolkit.formatted_text import HTML

    from starl.practice import phase_at
    from starl.timing import count_words

    started = time.monotonic()
    session = _session(lambda: None, multiline=True)

    def toolbar() -> object:
        elapsed = time.monotonic() - started
        phase, left = phase_at(elapsed)
        words = count_words(session.default_buffer.text)  # type: ignore[attr-defined]
        remaining = limit_seconds - elapsed
        clock = f"{int(remaining) // 60}:{int(remaining) % 60:02d}" if remaining > 0 else "time!"
        if phase == "over":
            where = f"<b>over time</b> by {left:.0f} s: wrap up"
        else:
            where = f"now: <b>{phase.upper()}</b> ({left:.0f} s left in it)"
        return HTML(f" {clock} left · {where} · {words} words · Ctrl-D to submit")

    session.bottom_toolbar = toolbar  # type: ignore[attr-defined]
    text = session.prompt("> ", prompt_continuation="  ")  # type: ignore[attr-defined]
    return text, time.monotonic() - started
