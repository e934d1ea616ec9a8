"""Train the story-to-question model: TF-IDF and logistic regression over the corpus.

Writes src/starl/data/model/questions.npz. The vocabulary and IDF come from the training
stories and the built-in question texts; the classifier learns the ten reference
questions from the stories written for them.
"""

from __future__ import annotations

import math
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from starl.analysis.matching import QuestionModel, question_profile, terms  # noqa: E402
from starl.knowledge import load_knowledge  # noqa: E402
from training.corpus import Answer, load_splits  # noqa: E402

OUT = ROOT / "src" / "starl" / "data" / "model" / "questions.npz"
# Inverse regularisation, fixed. One dev split cannot choose it: its top-1 differs by at
# most 0.004 from C = 1 to 100 and the winner flipped from 30 to 1 when batches 56-59
# came in. Pooled over 3 cross-validation folds of train + dev (batches 1-59), top-1 /
# top-3 is 0.944 / 0.992 at C = 1, 0.947 / 0.993 at 3, 0.948 / 0.992 at 10, 0.949 /
# 0.992 at 30 and 0.947 / 0.992 at 100: flat from 10 up, best at 30.
C = 30.0


def fit(answers: list[Answer], c: float = 10.0) -> QuestionModel:
    kb = load_knowledge()
    stories = [a for a in answers if a.question_id]
    documents = [a.text for a in answers]
    for q in kb.questions.values():
        documents.append(question_profile(q.text, q.evaluates, q.themes))
    df: Counter[str] = Counter()
    for doc in documents:
        df.update(set(terms(doc)))
    vocabulary = sorted(t for t, n in df.items() if n >= 2)
    idf = np.array([math.log((1 + len(documents)) / (1 + df[t])) + 1 for t in vocabulary])
    classes = sorted({a.question_id for a in stories if a.question_id})
    empty = QuestionModel(
        vocabulary, idf, np.zeros((len(classes), len(vocabulary))), np.zeros(len(classes)), classes
    )
    x = np.vstack([empty.vector(a.text) for a in stories])
    y = [a.question_id for a in stories]
    clf = LogisticRegression(C=c, max_iter=2000)
    clf.fit(x, y)
    order = [list(clf.classes_).index(q) for q in classes]
    return QuestionModel(vocabulary, idf, clf.coef_[order], clf.intercept_[order], classes)


def accuracy(model: QuestionModel, answers: list[Answer]) -> tuple[float, float]:
    stories = [a for a in answers if a.question_id]
    top1 = top3 = 0
    for a in stories:
        probs = model.probabilities(model.vector(a.text))
        ranked = [model.classes[i] for i in np.argsort(-probs)]
        top1 += ranked[0] == a.question_id
        top3 += a.question_id in ranked[:3]
    return top1 / len(stories), top3 / len(stories)


def main() -> None:
    splits = load_splits()
    top1, top3 = accuracy(fit(splits["train"], C), splits["dev"])
    print(f"C={C}: dev top-1 {top1:.3f} top-3 {top3:.3f}")
    model = fit(splits["train"] + splits["dev"], C)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    model.save(str(OUT))
    print(f"wrote {OUT.relative_to(ROOT)}: C={C}, {len(model.index)} terms")


if __name__ == "__main__":
    main()
