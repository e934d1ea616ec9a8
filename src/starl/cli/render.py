"""Rich renderings of the knowledge base, shared by the browse commands and the tour."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Protocol

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from starl.knowledge import Company, Framework, KnowledgeBase, Question

COMPONENT_STYLES = {
    "situation": "cyan",
    "task": "magenta",
    "action": "green",
    "result": "yellow",
    "lesson": "bright_blue",
}
BAR_WIDTH = 24  # characters for 0 to twice the target


def component_label(component: str) -> Text:
    return Text(component.capitalize(), style=f"bold {COMPONENT_STYLES[component]}")


def timing_bar(component: str, seconds: float, target_seconds: float) -> Text:
    """A bar from 0 to twice the target with a tick at the target; `▶` past the end."""
    style = COMPONENT_STYLES[component]
    scale = BAR_WIDTH / (2 * target_seconds)
    filled = min(BAR_WIDTH, round(seconds * scale))
    tick = BAR_WIDTH // 2
    bar = Text()
    for i in range(BAR_WIDTH):
        if i < filled:
            bar.append("█", style=style)
        else:
            bar.append("│" if i == tick else "·", style="dim")
    if seconds > 2 * target_seconds:
        bar.append("▶", style=f"bold {style}")
    return bar


STATUS_STYLES = {"ok": "green", "short": "yellow", "long": "red", "missing": "bold red"}


class TimingRow(Protocol):
    @property
    def words(self) -> int: ...
    @property
    def seconds(self) -> float: ...
    @property
    def target_seconds(self) -> int: ...
    @property
    def status(self) -> str: ...


def timing_table(
    rows: Mapping[str, TimingRow], title: str, outside: tuple[int, float] | None = None
) -> Table:
    """Words, seconds and a bar against the target for each component, then the total.

    `outside` is the words and seconds in no component (preamble, closing filler): a row
    of their own, counted in the total so that it adds up to the whole answer."""
    table = Table(title=title, title_justify="left")
    table.add_column("Component")
    table.add_column("Words", justify="right")
    table.add_column("Seconds", justify="right")
    table.add_column("Target", justify="right")
    table.add_column("0 ─── target ─── 2x", no_wrap=True, min_width=BAR_WIDTH + 1)
    table.add_column("Status")
    for component, t in rows.items():
        table.add_row(
            component_label(component),
            str(t.words),
            f"{t.seconds:.0f}",
            f"{t.target_seconds}",
            timing_bar(component, t.seconds, t.target_seconds),
            Text(t.status, style=STATUS_STYLES[t.status]),
        )
    total_words = sum(t.words for t in rows.values())
    total_seconds = sum(t.seconds for t in rows.values())
    total_target = sum(t.target_seconds for t in rows.values())
    if outside and outside[0] > 0:
        words, seconds = outside
        table.add_row(
            Text("No component", style="dim"), str(words), f"{seconds:.0f}", "", "", "", style="dim"
        )
        total_words += words
        total_seconds += seconds
    table.add_section()
    table.add_row("Total", str(total_words), f"{total_seconds:.0f}", str(total_target), "", "")
    return table


def framework_view(framework: Framework) -> RenderableType:
    table = Table(show_lines=True, expand=True)
    table.add_column("Component", no_wrap=True)
    table.add_column("Target", justify="right", no_wrap=True)
    table.add_column("What belongs there")
    table.add_column("Ask yourself")
    for spec in framework.components:
        words = spec.target_seconds * framework.words_per_minute // 60
        table.add_row(
            component_label(spec.id),
            f"{spec.target_seconds} s\n~{words} words",
            spec.covers,
            Text(spec.ask_yourself, style="italic"),
        )
    tips = Text()
    for i, tip in enumerate(framework.tips, 1):
        tips.append(f"{i}. {tip.title}. ", style="bold")
        tips.append(tip.detail + ("\n" if i < len(framework.tips) else ""))
    header = Text(
        f"{framework.name}: {framework.total_seconds} seconds in all at "
        f"{framework.words_per_minute} words a minute\n",
        style="bold",
    )
    header.append(framework.summary, style="not bold")
    return Group(header, table, Panel(tips, title="Tips", title_align="left"))


def questions_table(
    questions: Iterable[Question], title: str | None = None, numbered: bool = False
) -> Table:
    """Questions with their id; themes (and a non-story kind) in dim under the text."""
    table = Table(title=title, title_justify="left", expand=True)
    if numbered:
        table.add_column("#", justify="right")
    table.add_column("Id", style="bold", no_wrap=True)
    table.add_column("Question")
    for i, q in enumerate(questions, 1):
        marker = " [cyan]★[/]" if q.source == "reference" and not numbered else ""
        cell = Text(q.text)
        kind = "" if q.kind == "story" else f"{q.kind} · "
        cell.append(f"\n{kind}{', '.join(q.themes)}", style="dim")
        table.add_row(*([str(i)] if numbered else []), q.id + marker, cell)
    return table


def model_answer_view(question: Question) -> RenderableType:
    body = Table.grid(padding=(0, 1, 1, 0))
    body.add_column(no_wrap=True)
    body.add_column()
    for segment in question.model_answer or []:
        style = COMPONENT_STYLES[segment.component]
        body.add_row(
            Text(segment.component.upper(), style=f"bold {style}"),
            Text(segment.text, style=style),
        )
    note = {
        "approach": "An approach question: the answer is mostly method, with a short real example.",
        "reflection": "A reflection question: mostly the lesson, anchored in a short example.",
    }.get(question.kind)
    parts: list[RenderableType] = [Text(note, style="italic dim")] if note else []
    parts.append(body)
    return Panel(Group(*parts), title="Model answer", title_align="left")


def question_view(kb: KnowledgeBase, question: Question) -> RenderableType:
    head = Text(question.text, style="bold")
    head.append(f"\n{question.id} · {question.kind} · {'ML' if question.ml else 'general'}")
    head.append(f" · themes: {', '.join(question.themes)}", style="dim")
    parts: list[RenderableType] = [Panel(head, title="Question", title_align="left")]
    if question.evaluates:
        evaluates = Text("What interviewers evaluate\n", style="bold")
        evaluates.append("\n".join(f"  • {item}" for item in question.evaluates))
        parts.append(evaluates)
    if question.values:
        values = Text("Company values it probes\n", style="bold")
        for ref in question.values:
            company_id, value_id = ref.split(":", 1)
            company = kb.companies[company_id]
            value = company.value(value_id)
            values.append(f"  • {company.name}: {value.name if value else value_id}\n")
        parts.append(values)
    if question.model_answer:
        parts.append(model_answer_view(question))
        timings = kb.framework.time_segments(question.model_answer)
        title = f"Time against the STARL budget ({kb.framework.words_per_minute} words a minute)"
        parts.append(timing_table({t.component: t for t in timings}, title))
    return Group(*parts)


def companies_table(companies: Iterable[Company]) -> Table:
    table = Table()
    table.add_column("Id", style="bold", no_wrap=True)
    table.add_column("Company")
    table.add_column("Framework")
    table.add_column("Values", justify="right")
    table.add_column("Per value", justify="right")
    table.add_column("Stories", justify="right")
    for c in companies:
        table.add_row(
            c.id,
            c.name,
            c.framework,
            str(len(c.values)),
            str(c.stories_per_value),
            str(c.stories_to_prepare),
        )
    return table


def company_view(kb: KnowledgeBase, company: Company) -> RenderableType:
    head = Text(f"{company.name}: {company.framework}\n", style="bold")
    head.append(company.summary, style="not bold")
    head.append(
        f"\n\nPrepare {company.stories_per_value} "
        f"stor{'y' if company.stories_per_value == 1 else 'ies'} per value: "
        f"{company.stories_to_prepare} in all.",
        style="bold",
    )
    if company.emphasis:
        head.append(f"\n{company.emphasis}", style="italic")
    marks_focus = len(company.focus) < len(company.values)
    values: list[RenderableType] = []
    for value in company.values:
        asked = len(kb.questions_for_value(company.id, value.id))
        star = "★ " if marks_focus and value.id in company.focus else ""
        name = Text(f"{star}{value.name}", style="bold")
        name.append(f"  {value.id} · {asked} questions", style="dim")
        detail = Text(f"{value.description}\n")
        detail.append("Listen for: ", style="italic")
        detail.append(value.listens_for)
        values += [name, Padding(detail, (0, 0, 1, 2))]
    parts: list[RenderableType] = [Panel(head, title=company.name, title_align="left"), *values]
    if marks_focus:
        parts.append(Text("★ a focus value: prepare these first.", style="dim"))
    if company.tips:
        parts.append(
            Panel("\n".join(f"• {tip}" for tip in company.tips), title="Tips", title_align="left")
        )
    return Group(*parts)
