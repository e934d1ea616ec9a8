"""A 0-100 score with five subscores a candidate can act on."""

from __future__ import annotations

from collections.abc import Mapping

from starl.analysis.lexicon import pronoun_counts, states_quantity
from starl.analysis.result import ComponentReport

WEIGHTS = {"structure": 0.25, "timing": 0.2, "ownership": 0.2, "impact": 0.2, "lesson": 0.15}
PRESENCE = {"situation": 0.15, "task": 0.15, "action": 0.35, "result": 0.2, "lesson": 0.15}


def _timing(reports: Mapping[str, ComponentReport], total_seconds: float) -> float:
    """1 when every part is on target, falling with each part's relative miss."""
    target = sum(r.target_seconds for r in reports.values())
    miss = 0.0
    for report in reports.values():
        ratio = report.seconds / report.target_seconds
        miss += report.target_seconds * min(abs(ratio - 1.0), 1.5) / 1.5
    overall = min(abs(total_seconds - target) / target, 1.0)
    return max(0.0, 1.0 - 0.7 * miss / target - 0.3 * overall)


def score_answer(
    parts: Mapping[str, str],
    reports: Mapping[str, ComponentReport],
    total_seconds: float,
    generic_lesson: bool,
    hypothetical: bool,
) -> tuple[int, dict[str, int]]:
    structure = sum(w for name, w in PRESENCE.items() if reports[name].present)
    singular, plural = pronoun_counts(parts.get("action", ""))
    if not reports["action"].present:
        ownership = 0.0
    elif singular + plural == 0:
        ownership = 0.6
    else:
        ownership = min(1.0, singular / (singular + plural) / 0.7)
    if hypothetical:
        ownership *= 0.5
    result = parts.get("result", "")
    impact = (0.5 + 0.5 * states_quantity(result)) if reports["result"].present else 0.0
    lesson = 0.0
    if reports["lesson"].present:
        lesson = 0.6 if generic_lesson else 1.0
    subscores = {
        "structure": round(100 * structure),
        "timing": round(100 * _timing(reports, total_seconds)),
        "ownership": round(100 * ownership),
        "impact": round(100 * impact),
        "lesson": round(100 * lesson),
    }
    total = sum(WEIGHTS[k] * v for k, v in subscores.items())
    return round(total), subscores
