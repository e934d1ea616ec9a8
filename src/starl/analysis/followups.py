"""Questions an interviewer would probe next, drawn from what the answer says and skips."""

from __future__ import annotations

import re
from collections.abc import Mapping

from starl.analysis.lexicon import pronoun_counts, states_quantity

# A figure with the words that say what it counts: "4 minutes per user", "38%", "$2.4M".
# Punctuation after the number ends it: "0.79, and revenue..." quotes "0.79".
# The words that may follow it stop at a joining word: "18% across the board" is "18%".
_JOINING = (
    "and but so or on in at the a an to for of with by from across over within after "
    "before than that which when while during"
).split()
_FIGURE = re.compile(
    r"(?<![\w.])(?:[$€£]\s?)?\d+(?:[.,]\d+)*(?:\s?(?:%|[kmb]\b|x\b))?"
    rf"(?:[ \t]+(?!(?:{'|'.join(_JOINING)})\b)[a-z@%]+\b(?![-'’]\w)){{0,3}}",
    re.IGNORECASE,
)
# The word just before a figure that names what it measures: "AUC 0.79", "recall 0.91".
_METRIC_BEFORE = re.compile(
    r"(?:\b[A-Z][A-Z0-9@]{1,5}|\b(?i:precision|recall|accuracy|latency|error|revenue|"
    r"churn|conversion|uptime|coverage|throughput|cost|costs|loss|score))\s+$"
)
_BASELINE = re.compile(
    r"\b(?:from|compared|baseline|versus|vs\.?|than|instead of|previous|before|was)\b",
    re.IGNORECASE,
)
MODEL_NAMES = (
    "xgboost",
    "lightgbm",
    "catboost",
    "gradient boosting",
    "gradient-boosted",
    "random forest",
    "logistic regression",
    "linear regression",
    "bert",
    "transformer",
    "lstm",
    "cnn",
    "neural network",
    "deep learning",
    "llm",
    "gpt",
    "fine-tuned",
    "fine-tuning",
    "embedding model",
    "two-tower",
    "isolation forest",
    "autoencoder",
    "prophet",
    "arima",
    "bandit",
)
_ALTERNATIVE = re.compile(
    r"\b(?:instead of|rather than|compared|versus|vs\.?|alternative|over the|against|"
    r"head-to-head|side by side|baseline|benchmark(?:ed)?)\b",
    re.IGNORECASE,
)


def suggest_followups(parts: Mapping[str, str], present: Mapping[str, bool]) -> list[str]:
    """Two or three follow-up questions, the most pointed first."""
    out: list[str] = []
    result = parts.get("result", "")
    action = parts.get("action", "")
    figure = _FIGURE.search(result)
    if figure and not _BASELINE.search(result):
        metric = _METRIC_BEFORE.search(result[: figure.start()])
        name = metric.group() if metric else ""
        quoted = (name if name.strip().isupper() else name.lower()) + figure.group().strip()
        out.append(
            f"You mentioned {quoted}: compared with what baseline, and how did you measure it?"
        )
    lowered = action.lower()
    model = next((m for m in MODEL_NAMES if m in lowered), None)
    if model and not _ALTERNATIVE.search(action):
        out.append(f"Why {model}? What else did you consider, and why did you rule it out?")
    singular, plural = pronoun_counts(action)
    if plural > singular:
        out.append("You said \u201cwe\u201d a lot: which of those steps did you do yourself?")
    if not present.get("result", True):
        out.append("How did you know it worked? What changed afterwards, in numbers?")
    elif not states_quantity(result):
        out.append("Can you put a number on the outcome?")
    if not present.get("lesson", True):
        out.append("Looking back, what would you do differently, and what have you changed since?")
    if not present.get("task", True):
        out.append("What exactly was your responsibility, as opposed to the team's?")
    if len(out) < 2 and re.search(r"\b(?:data|labels?|dataset)\b", action, re.IGNORECASE):
        out.append("How did you check that the data was right before trusting the model?")
    if len(out) < 2:
        out.append("What was the hardest trade-off you made, and what did it cost you?")
    if len(out) < 2:
        out.append("If you had to do it again with half the time, what would you cut?")
    return out[:3]
