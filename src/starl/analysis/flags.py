"""What to fix: flags with a message and a concrete suggestion drawn from the answer."""

from __future__ import annotations

import re
from collections.abc import Mapping

from starl.analysis.lexicon import (
    TECHNICAL_TERMS,
    has_quantity,
    hypothetical_share,
    pronoun_counts,
    states_quantity,
)
from starl.analysis.result import ComponentReport, Flag

FLAG_CODES = (
    "missing_situation",
    "missing_task",
    "missing_action",
    "missing_result",
    "missing_lesson",
    "over_budget_situation",
    "over_budget_task",
    "over_budget_result",
    "over_budget_lesson",
    "we_heavy_action",
    "unquantified_result",
    "too_long",
    "too_short",
    "thin_technical_action",
    "hypothetical_answer",
    "generic_lesson",
    "filler_heavy",
)
NAMES = {
    "situation": "Situation",
    "task": "Task",
    "action": "Action",
    "result": "Result",
    "lesson": "Lesson",
}
MISSING_HELP = {
    "situation": "Open with one or two sentences of context: the company or team, the "
    "product, and what was at stake.",
    "task": 'Say what was yours: "I owned...", "My job was...", "I was asked to...".',
    "action": "Walk through what you did, step by step, in the first person, with the "
    "data, model and metric you worked with.",
    "result": "Close the story with what changed, as a number against its baseline "
    '("recall went from 0.81 to 0.88", "saved 4 engineer-weeks").',
    "lesson": "End with what you learned and what you have done differently since "
    '("Since then I always...").',
}
# Thresholds for the judgement flags, fitted on the training split of the corpus.
THIN_ACTION_MAX_TERMS = 1
HYPOTHETICAL_MIN_SHARE = 0.5
HYPOTHETICAL_MIN_COUNT = 3
# A concrete change in the speaker's own behaviour.
_CHANGE = re.compile(
    r"\b(?:i (?:now|always|still|never|no longer|make sure|start|insist|require|ask|check|"
    r"add|build|keep|write|run|push|treat|lean|plan|bring|budget|test|validate|prefer|"
    r"spend|pair|put|open|get|schedule|set|log|track|default)|now i|since then|these days|"
    r"nowadays|next time|from then on|going forward|every time|whenever i|before i|"
    r"by default|my rule|rule of thumb|checklist|habit|i'd (?:start|do|get|have|push|ask))\b",
    re.IGNORECASE,
)
# Platitudes that stand in for a lesson.
_PLATITUDE = re.compile(
    r"\b(?:(?:is|are|was) (?:key|everything|vital|paramount|crucial|critical|essential|"
    r"(?:so |really |very |super )?important|everyone's (?:job|responsibility)|what matters)|"
    r"(?:is|was) (?:really |all |mostly )?about (?:patience|listening|communication|trust|"
    r"people|empathy|respect|teamwork)|what matters (?:most |is)|the importance of|"
    r"goes a long way|at the end of the day|"
    r"trust the process|learned a lot|it's (?:so |really |very )?important to|"
    r"(?:^|\band |\bthat |, )you (?:always |really )?(?:have|need|should|must)\b|"
    r"always (?:keep|remember|be)\b|never (?:give up|be afraid)|teamwork|work together|"
    r"keep learning|stay humble|be patient|mistakes happen)",
    re.IGNORECASE,
)


def quote(text: str, words: int = 12) -> str:
    """The first words of a passage, for quoting back in a suggestion."""
    parts = text.split()
    cut = " ".join(parts[:words]).strip(" ,;:")
    return f"\u201c{cut}{'...' if len(parts) > words else ''}\u201d"


def _first_sentence_with(text: str, pattern: re.Pattern[str]) -> str | None:
    for sentence in re.split(r"(?<=[.!?])\s+|\n+", text):
        if pattern.search(sentence):
            return sentence.strip()
    return None


def technical_terms(text: str) -> int:
    tokens = re.findall(r"[a-z0-9][a-z0-9/_+.-]*", text.lower())
    tokens = [t.strip(".-") for t in tokens]
    return sum(1 for t in tokens if t in TECHNICAL_TERMS)


def generic_lesson(lesson: str) -> bool:
    """A platitude ("communication is key") with no concrete change in behaviour."""
    return bool(_PLATITUDE.search(lesson)) and not _CHANGE.search(lesson)


def detect_flags(
    text: str,
    parts: Mapping[str, str],
    reports: Mapping[str, ComponentReport],
    total_seconds: float,
    *,
    over_budget_ratio: float,
    too_short_seconds: float,
    too_long_seconds: float,
    fillers: int,
    words: int,
) -> list[Flag]:
    """Every flag the answer earns, most important first."""
    flags: list[Flag] = []
    for name, report in reports.items():
        if not report.present:
            flags.append(
                Flag(
                    f"missing_{name}",
                    name,
                    f"No {NAMES[name]}: the answer never gets to it.",
                    MISSING_HELP[name],
                )
            )
    for name, report in reports.items():
        if name != "action" and report.seconds > report.target_seconds * over_budget_ratio:
            flags.append(
                Flag(
                    f"over_budget_{name}",
                    name,
                    f"The {NAMES[name]} runs {report.seconds:.0f} s against a "
                    f"{report.target_seconds} s target.",
                    f"Cut it to about {round(report.target_seconds * 2.5)} words: keep what "
                    f"the interviewer needs and drop the rest of {quote(parts[name], 10)}.",
                )
            )
    action = parts.get("action", "")
    if action:
        singular, plural = pronoun_counts(action)
        if plural > singular:
            example = _first_sentence_with(action, re.compile(r"\b(?:we|our|us)\b", re.I))
            flags.append(
                Flag(
                    "we_heavy_action",
                    "action",
                    f"The Action says \u201cwe\u201d {plural} times and \u201cI\u201d {singular}.",
                    "Say which steps were yours, in the first person"
                    + (f": rewrite {quote(example, 10)} as what you did." if example else "."),
                )
            )
    result = parts.get("result", "")
    if result and not states_quantity(result):
        flags.append(
            Flag(
                "unquantified_result",
                "result",
                "The Result has no number in it.",
                f"Put a figure on {quote(result, 10)}: by how much, against what baseline, "
                "over what time?",
            )
        )
    if total_seconds > too_long_seconds:
        longest = max(reports, key=lambda n: reports[n].seconds - reports[n].target_seconds)
        flags.append(
            Flag(
                "too_long",
                None,
                f"The answer runs {total_seconds:.0f} s; aim for about two minutes.",
                f"Trim {total_seconds - 120:.0f} s, starting with the {NAMES[longest]}, "
                f"which is {reports[longest].seconds:.0f} s against "
                f"{reports[longest].target_seconds} s.",
            )
        )
    elif total_seconds < too_short_seconds:
        flags.append(
            Flag(
                "too_short",
                None,
                f"The answer runs only {total_seconds:.0f} s; interviewers expect about two "
                "minutes.",
                "Add the technical detail of what you did and a measured result; the Action "
                "alone should take about a minute.",
            )
        )
    if action and technical_terms(action) + has_quantity(action) <= THIN_ACTION_MAX_TERMS:
        flags.append(
            Flag(
                "thin_technical_action",
                "action",
                "The Action names no data, model, method or metric.",
                f"Replace {quote(action, 10)} with the specifics: which data you pulled, "
                "what you trained or changed, and how you measured it.",
            )
        )
    share = hypothetical_share(text)
    hypothetical_count = len(re.findall(r"\b(?:would|i'd|we'd|i'll|will)\b", text, re.I))
    if share >= HYPOTHETICAL_MIN_SHARE and hypothetical_count >= HYPOTHETICAL_MIN_COUNT:
        example = _first_sentence_with(text, re.compile(r"\b(?:would|i'd)\b", re.I))
        flags.append(
            Flag(
                "hypothetical_answer",
                None,
                "Most of the answer says what you would do, not what you did.",
                "Tell one real time it happened: the situation, what you did, and what came "
                "of it" + (f", instead of {quote(example, 10)}." if example else "."),
            )
        )
    lesson = parts.get("lesson", "")
    if lesson and generic_lesson(lesson):
        flags.append(
            Flag(
                "generic_lesson",
                "lesson",
                "The Lesson is a general truth with no change in how you work.",
                f"After {quote(lesson, 10)}, say what you now do differently, e.g. "
                "\u201cSince then I always...\u201d.",
            )
        )
    if words and fillers * 100 / words > 4:
        flags.append(
            Flag(
                "filler_heavy",
                None,
                f"{fillers} fillers in {words} words ({fillers * 100 / words:.1f} per 100).",
                "Pause silently instead of saying um, uh, like or you know; a short silence "
                "sounds more confident.",
            )
        )
    return flags
