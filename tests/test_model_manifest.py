"""The shipped model files are the ones `make train` wrote from the corpus as it is."""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from training.manifest import MANIFEST, corpus_digest, file_digests


def test_the_models_were_trained_on_the_corpus_as_committed() -> None:
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    assert manifest["corpus_sha256"] == corpus_digest(), (
        "corpus/raw changed since the models were trained: run `make train`"
    )


def test_every_model_file_is_the_one_make_train_wrote() -> None:
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    assert file_digests() == manifest["files_sha256"], (
        "a model file differs from the one `make train` recorded: run `make train`"
    )
