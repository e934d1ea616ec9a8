"""Interactive prompts (prompt_toolkit) with a live status line: used only in a terminal."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

import typer

from starl.cli.common import console

if TYPE_CHECKING:
    from prompt_toolkit import PromptSession
    from prompt_toolkit.formatted_text import HTML

    from starl.knowledge import ComponentSpec
    from starl.store import StoryDraft


def _session(multiline: bool = False) -> PromptSession[str]:
    """A prompt whose status line redraws twice a second; Ctrl-D submits."""
    from prompt_toolkit import PromptSession
    from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent

    bindings = KeyBindings()

    @bindings.add("c-d")
    def _submit(event: KeyPressEvent) -> None:
        event.current_buffer.validate_and_handle()

    return PromptSession(refresh_interval=0.5, multiline=multiline, key_bindings=bindings)


def prompt_story(title: str | None) -> StoryDraft:
    """Title, then one prompt per part; the toolbar shows words and seconds against the
    part's target as the user types. Pasting a whole answer at the first prompt splits it."""
    from starl.knowledge import load_knowledge
    from starl.store import StoryDraft
    from starl.stories import split_text
    from starl.timing import count_words

    framework = load_knowledge().framework
    while not title:
        title = typer.prompt("Title").strip()
    console.print(
        "Write each part (Enter moves on; leave empty to skip). At the Situation prompt you "
        "can also paste the whole answer and starl splits it."
    )
    parts: dict[str, str] = {}
    for spec in framework.components:
        session = _session()
        session.bottom_toolbar = _part_status(session, spec, framework.words_per_minute)
        text = session.prompt(f"{spec.name}> ").strip()
        if spec.id == "situation" and count_words(text) > 80:
            split = split_text(text, title)
            console.print("That looks like a whole answer; starl split it:")
            for part, piece in split.draft.parts().items():
                shown = piece[:100] + ("..." if len(piece) > 100 else "")
                console.print(f"  [bold]{part}[/]: {shown}")
            if typer.confirm(
                "Keep this split? (you can correct it later with `starl story edit`)", default=True
            ):
                return split.draft
        parts[spec.id] = text
    return StoryDraft.from_parts(title, parts)


def _part_status(session: PromptSession[str], spec: ComponentSpec, wpm: int) -> Callable[[], HTML]:
    from prompt_toolkit.formatted_text import HTML

    from starl.timing import count_words, estimate_seconds

    def status() -> HTML:
        words = count_words(session.default_buffer.text)
        seconds = estimate_seconds(words, wpm)
        state = "ok" if seconds <= 1.5 * spec.target_seconds else "long"
        return HTML(
            f" <b>{spec.name}</b>: {words} words, ~{seconds:.0f} s of {spec.target_seconds} s "
            f"target ({state}) · {spec.ask_yourself}"
        )

    return status


def prompt_answer(question: str, limit_seconds: int) -> tuple[str, float]:
    """A multi-line answer with a live countdown and the STARL phase to be in.

    Enter adds a line; Ctrl-D (or Esc then Enter) submits. Returns the text and seconds taken.
    """
    from prompt_toolkit.formatted_text import HTML

    from starl.practice import phase_at
    from starl.timing import count_words

    started = time.monotonic()
    session = _session(multiline=True)

    def status() -> HTML:
        elapsed = time.monotonic() - started
        phase, left = phase_at(elapsed)
        words = count_words(session.default_buffer.text)
        remaining = limit_seconds - elapsed
        clock = f"{int(remaining) // 60}:{int(remaining) % 60:02d}" if remaining > 0 else "time!"
        if phase == "over":
            where = f"<b>over time</b> by {left:.0f} s: wrap up"
        else:
            where = f"now: <b>{phase.upper()}</b> ({left:.0f} s left in it)"
        return HTML(f" {clock} left · {where} · {words} words · Ctrl-D to submit")

    session.bottom_toolbar = status
    text = session.prompt("> ", prompt_continuation="  ")
    return text, time.monotonic() - started
