"""Where the trained model files live, and how their word lists are packed into npz."""

from __future__ import annotations

from collections.abc import Iterable
from importlib import resources
from pathlib import Path

import numpy as np

from starl.errors import StarlError


class ModelMissingError(StarlError):
    """A model file is not installed: the package is broken or `make train` never ran."""


def model_path(name: str) -> Path:
    """The installed file `starl/data/model/NAME` (wheels and editable installs alike)."""
    path = resources.files("starl").joinpath("data", "model", name)
    if not path.is_file():
        raise ModelMissingError(f"the model file {name} is not installed; run `make train`")
    return Path(str(path))


def pack_strings(items: Iterable[str]) -> np.ndarray:
    """Strings as one UTF-8 byte array: compact, and loadable without pickle."""
    return np.frombuffer("\n".join(items).encode("utf-8"), dtype=np.uint8)


def unpack_strings(packed: np.ndarray) -> list[str]:
    return bytes(packed).decode("utf-8").split("\n")
