"""Record what the shipped model files were trained on (src/starl/data/model/manifest.json).

`make train` runs this last. The manifest holds a digest of the corpus and one of every
model file, so a test can tell when the corpus changed without a `make train`, or when a
model file was replaced by one that `make train` did not write.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from training.corpus import CORPUS  # noqa: E402

MODEL_DIR = ROOT / "src" / "starl" / "data" / "model"
MANIFEST = MODEL_DIR / "manifest.json"


def corpus_digest() -> str:
    """sha256 over the raw corpus files, by name and content, in name order."""
    digest = hashlib.sha256()
    for path in sorted((CORPUS / "raw").glob("*.jsonl")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def file_digests() -> dict[str, str]:
    return {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(MODEL_DIR.glob("*.npz"))
    }


def main() -> None:
    manifest = {"corpus_sha256": corpus_digest(), "files_sha256": file_digests()}
    MANIFEST.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {MANIFEST.relative_to(ROOT)}: {len(manifest['files_sha256'])} model files")


if __name__ == "__main__":
    main()
