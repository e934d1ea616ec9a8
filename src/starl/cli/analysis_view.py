"""The terminal report of an analysis: coloured answer, timing, flags, score, matches."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from starl.analysis.result import Analysis
from starl.cli.render import COMPONENT_STYLES, timing_table


def coloured_answer(analysis: Analysis) -> Text:
    """The answer as typed, each component in its colour, with a [S]-style tag in front."""
    text = Text()
    cursor = 0
    for segment in analysis.segments:
        if segment.start > cursor:
            text.append(analysis.text[cursor : segment.start], style="dim")
        style = COMPONENT_STYLES[segment.component]
        text.append(f"[{segment.component[0].upper()}]", style=f"bold reverse {style}")
        text.append(" " + segment.text, style=style)
        cursor = segment.end
    if cursor < len(analysis.text):
        text.append(analysis.text[cursor:], style="dim")
    return text


def _legend() -> Text:
    legend = Text("Key: ")
    for name, style in COMPONENT_STYLES.items():
        legend.append(f"[{name[0].upper()}] {name.capitalize()}  ", style=style)
    legend.append("grey: no component", style="dim")
    return legend


def _score(analysis: Analysis) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(justify="right")
    table.add_column()
    colour = "green" if analysis.score >= 80 else "yellow" if analysis.score >= 60 else "red"
    table.add_row(Text(str(analysis.score), style=f"bold {colour}"), Text("/ 100", style="bold"))
    for name, value in analysis.subscores.items():
        table.add_row(str(value), name)
    return table


def analysis_view(analysis: Analysis) -> RenderableType:
    kind = "measured" if analysis.timed else f"estimated at {analysis.wpm:g} words a minute"
    title = f"Time against the STARL budget: {analysis.total_seconds:.0f} s in all, {kind}"
    parts: list[RenderableType] = [
        Panel(
            Group(coloured_answer(analysis), Text(), _legend()),
            title="Your answer",
            title_align="left",
        ),
        timing_table(analysis.components, title, _outside(analysis)),
    ]
    if analysis.flags:
        flags = Table.grid(padding=(0, 1, 1, 0))
        flags.add_column(no_wrap=True)
        flags.add_column()
        for flag in analysis.flags:
            body = Text(flag.message + "\n", style="bold")
            body.append(flag.suggestion, style="not bold")
            flags.add_row("•", body)
        parts.append(
            Panel(
                flags,
                title=f"What to fix ({len(analysis.flags)})",
                title_align="left",
                border_style="yellow",
            )
        )
    else:
        parts.append(
            Text(
                "Nothing flagged: all five components are there, none over twice its budget.",
                style="green",
            )
        )
    parts.append(Panel(_score(analysis), title="Score", title_align="left", expand=False))
    parts.append(_matches(analysis))
    if analysis.followups:
        follow = Text("What an interviewer may ask next\n", style="bold")
        follow.append("\n".join(f"  ? {q}" for q in analysis.followups))
        parts.append(follow)
    return Group(*parts)


def _outside(analysis: Analysis) -> tuple[int, float]:
    """Words and seconds in no component: what the whole answer has beyond the five."""
    reports = analysis.components.values()
    words = analysis.words - sum(r.words for r in reports)
    return words, max(analysis.total_seconds - sum(r.seconds for r in reports), 0.0)


def _matches(analysis: Analysis) -> RenderableType:
    from starl import load_knowledge

    kb = load_knowledge()
    table = Table(title="Questions this story answers", title_justify="left", expand=True)
    table.add_column("Fit", justify="right")
    table.add_column("Question")
    rows = [("model answer", m) for m in analysis.matches[:3]]
    rows += [("bank", m) for m in analysis.related_questions[:3]]
    for source, match in rows:
        question = kb.question(match.question_id)
        table.add_row(
            f"{match.score:.2f}",
            Text(question.text).append(f"  {match.question_id} · {source}", style="dim"),
        )
    values = Text("Company values it shows: ", style="bold")
    shown = []
    for value in analysis.values[:6]:
        company = kb.companies[value.company]
        found = company.value(value.value_id)
        shown.append(f"{company.name}: {found.name if found else value.value_id}")
    values.append("; ".join(shown) or "none clearly", style="not bold")
    return Group(table, values)
