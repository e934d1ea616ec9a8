"""Company coverage: which stories demonstrate each value, what is missing, and a plan.

A story demonstrates a value when the value is on the story (suggested by the analyzer
when the story was saved, confirmed or changed by the user). Amazon asks for two stories
per Leadership Principle, the others one per value (the knowledge base says; callers may
override).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from starl.store.models import Story

DEFAULT_MAX_VALUES_PER_STORY = 3


@dataclass(frozen=True)
class ValueCoverage:
    value_id: str
    name: str
    required: int
    stories: list[str]
    focus: bool
    questions: list[str] = field(default_factory=list)  # to prepare, for a gap

    @property
    def missing(self) -> int:
        return max(self.required - len(self.stories), 0)

    def to_dict(self) -> dict[str, Any]:
        return {
            "value_id": self.value_id,
            "name": self.name,
            "required": self.required,
            "stories": self.stories,
            "missing": self.missing,
            "focus": self.focus,
            "questions": self.questions,
        }


@dataclass(frozen=True)
class Coverage:
    company: str
    company_name: str
    rows: list[ValueCoverage]

    @property
    def gaps(self) -> list[ValueCoverage]:
        return [row for row in self.rows if row.missing]

    @property
    def covered(self) -> int:
        return sum(1 for row in self.rows if not row.missing)

    def to_dict(self) -> dict[str, Any]:
        return {
            "company": self.company,
            "company_name": self.company_name,
            "values": len(self.rows),
            "covered": self.covered,
            "rows": [row.to_dict() for row in self.rows],
        }


def coverage(
    company_id: str, stories: Sequence[Story], required: int | None = None, questions: int = 3
) -> Coverage:
    """Each of the company's values against the live stories that demonstrate it."""
    from starl.knowledge import load_knowledge

    kb = load_knowledge()
    company = kb.company(company_id)
    need = required if required is not None else company.stories_per_value
    if need < 1:
        raise ValueError("required must be at least 1")
    rows = []
    for value in company.values:
        ref = f"{company.id}:{value.id}"
        holders = [s.id for s in stories if ref in s.values and not s.trashed]
        to_prepare = []
        if len(holders) < need:
            to_prepare = [q.id for q in kb.questions_for_value(company.id, value.id)][:questions]
        rows.append(
            ValueCoverage(
                value_id=value.id,
                name=value.name,
                required=need,
                stories=holders,
                focus=value.id in company.focus,
                questions=to_prepare,
            )
        )
    return Coverage(company=company.id, company_name=company.name, rows=rows)


@dataclass(frozen=True)
class Plan:
    company: str
    max_values_per_story: int
    assignments: dict[str, list[str]]  # value id -> story ids
    uncovered: dict[str, int]  # value id -> stories still needed
    load: dict[str, list[str]]  # story id -> value ids it carries

    def to_dict(self) -> dict[str, Any]:
        return {
            "company": self.company,
            "max_values_per_story": self.max_values_per_story,
            "assignments": self.assignments,
            "uncovered": self.uncovered,
            "stories": self.load,
        }


def plan(
    company_id: str,
    stories: Sequence[Story],
    max_values_per_story: int = DEFAULT_MAX_VALUES_PER_STORY,
    required: int | None = None,
) -> Plan:
    """Assign stories to values so each value gets its required number of stories and no
    story carries more than `max_values_per_story` values, covering as many slots as any
    assignment can (a maximum flow), preferring the company's focus values."""
    if max_values_per_story < 1:
        raise ValueError("max values per story must be at least 1")
    table = coverage(company_id, stories, required)
    # focus values first so that, among equally large assignments, they are filled
    rows = sorted(table.rows, key=lambda r: (not r.focus, len(r.stories)))
    story_ids = sorted({s for r in rows for s in r.stories})
    source, sink = "<source>", "<sink>"
    capacity: dict[str, dict[str, int]] = {source: {}, sink: {}}
    for sid in story_ids:
        capacity[source][f"s:{sid}"] = max_values_per_story
        capacity[f"s:{sid}"] = {}
    for row in rows:
        node = f"v:{row.value_id}"
        capacity[node] = {sink: row.required}
        for sid in row.stories:
            capacity[f"s:{sid}"][node] = 1
    flow = max_flow(capacity, source, sink)
    assignments: dict[str, list[str]] = {row.value_id: [] for row in table.rows}
    load: dict[str, list[str]] = {sid: [] for sid in story_ids}
    for sid in story_ids:
        for node, used in flow.get(f"s:{sid}", {}).items():
            if used > 0 and node.startswith("v:"):
                assignments[node[2:]].append(sid)
                load[sid].append(node[2:])
    uncovered = {
        row.value_id: row.required - len(assignments[row.value_id])
        for row in table.rows
        if len(assignments[row.value_id]) < row.required
    }
    return Plan(
        company=table.company,
        max_values_per_story=max_values_per_story,
        assignments={k: sorted(v) for k, v in assignments.items()},
        uncovered=uncovered,
        load={k: v for k, v in load.items() if v},
    )


def max_flow(
    capacity: dict[str, dict[str, int]], source: str, sink: str
) -> dict[str, dict[str, int]]:
    """Edmonds-Karp on a small graph given as {node: {next node: capacity}}; returns flows."""
    from collections import deque

    residual: dict[str, dict[str, int]] = {}
    for u, edges in capacity.items():
        for v, cap in edges.items():
            residual.setdefault(u, {})[v] = residual.get(u, {}).get(v, 0) + cap
            residual.setdefault(v, {}).setdefault(u, 0)
    while True:
        parent = {source: source}
        queue = deque([source])
        while queue and sink not in parent:
            u = queue.popleft()
            for v, cap in residual[u].items():
                if cap > 0 and v not in parent:
                    parent[v] = u
                    queue.append(v)
        if sink not in parent:
            break
        push, v = float("inf"), sink
        while v != source:
            push = min(push, residual[parent[v]][v])
            v = parent[v]
        v = sink
        while v != source:
            u = parent[v]
            residual[u][v] -= int(push)
            residual[v][u] += int(push)
            v = u
    flows: dict[str, dict[str, int]] = {}
    for u, edges in capacity.items():
        for v, cap in edges.items():
            used = cap - residual[u][v]
            if used > 0:
                flows.setdefault(u, {})[v] = used
    return flows
