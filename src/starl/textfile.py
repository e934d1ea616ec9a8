"""Reading a text file (or stdin) that a user names, with one-line errors for what is wrong."""

from __future__ import annotations

import sys
from pathlib import Path

from starl.errors import StarlError


class TextFileError(StarlError):
    """A file that cannot be read as UTF-8 text; the message names it and says what to do."""


def read_text(source: str | Path, *, max_bytes: int, too_big_hint: str) -> str:
    """The UTF-8 text of `source` (a path, or `-` for standard input)."""
    name = "standard input" if str(source) == "-" else str(source)
    try:
        if str(source) == "-":
            data = sys.stdin.buffer.read(max_bytes + 1)
        else:
            with Path(source).open("rb") as handle:
                data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise TextFileError(f"{name}: no such file; give a text file or - for stdin") from None
    except IsADirectoryError:
        raise TextFileError(f"{name}: is a directory; give the files in it") from None
    except OSError as exc:
        raise TextFileError(f"{name}: cannot be read ({exc.strerror})") from None
    if len(data) > max_bytes:
        raise TextFileError(f"{name} is over {max_bytes:,} bytes; {too_big_hint}")
    if b"\x00" in data:
        raise TextFileError(f"{name} looks like a binary file; give plain UTF-8 text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise TextFileError(
            f"{name}:{line}: not UTF-8 text (byte 0x{data[exc.start]:02x} at offset "
            f"{exc.start}); save it as UTF-8"
        ) from None
