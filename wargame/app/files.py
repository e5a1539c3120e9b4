"""Files the application writes for the user (reports, exports, MSEL spreadsheets), handled like a careful
desktop application:

* :func:`check_output` refuses a folder, a missing folder, a path too long, the command's own input, a saved game
  it was not asked to write (even with ``--force``), and an existing file unless ``force``;
* :func:`atomic_write` and :func:`temp_beside` write under a unique temporary name next to the target and rename
  into place, so a reader never sees half a file and two writers never share a temporary file;
* :func:`csv_cell` escapes a spreadsheet cell that a spreadsheet would run as a formula (OWASP, "CSV Injection":
  a cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading ``'``), and
  :func:`csv_unescape` undoes it on import, so an exported MSEL imports back unchanged.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from wargame.store import APPLICATION_ID

from . import AppError

__all__ = [
    "FORMULA_STARTS",
    "atomic_write",
    "check_output",
    "csv_cell",
    "csv_unescape",
    "is_saved_game",
    "show_path",
    "temp_beside",
]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet treat a cell as a formula (OWASP CSV Injection)."""
MAX_PATH_CHARS = 4096
MAX_NAME_CHARS = 255


def show_path(path: str | os.PathLike[str], limit: int = 160) -> str:
    """A path for a message, its middle cut out when it is very long."""
    text = str(path)
    return text if len(text) <= limit else text[: limit // 2 - 1] + "…" + text[-(limit // 2) :]


def csv_cell(value: Any) -> Any:
    """A value for a CSV cell: text a spreadsheet would run as a formula gets a leading ``'``; numbers stay."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_unescape(text: str) -> str:
    """Undo :func:`csv_cell` on a cell read back from a spreadsheet."""
    if text.startswith("'") and text[1:2] and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


def is_saved_game(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is a wargame saved game (an SQLite file with our application id)."""
    try:
        with open(path, "rb") as fh:
            header = fh.read(100)
    except OSError:
        return False
    return header.startswith(b"SQLite format 3\x00") and int.from_bytes(header[68:72], "big") == APPLICATION_ID


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and os.path.samefile(a, b))
    except OSError:
        return False


def check_output(
    path: str | os.PathLike[str],
    *,
    force: bool = False,
    inputs: Iterable[str | os.PathLike[str]] = (),
    what: str = "file",
    game: bool = False,
) -> Path:
    """The absolute path to write ``what`` to, or :class:`AppError` saying why not (one line).

    ``inputs`` are the files the command reads (never written over); ``game`` says the command writes a saved
    game (otherwise an existing saved game is never replaced, even with ``force``).
    """
    raw = str(path)
    if not raw.strip():
        raise AppError(f"no file name given for the {what}")
    if "\x00" in raw:
        raise AppError(f"the {what} path contains a NUL character")
    p = Path(raw)
    if len(raw) > MAX_PATH_CHARS or any(len(part) > MAX_NAME_CHARS for part in p.parts):
        raise AppError(f"the {what} path is too long ({len(raw):,} characters): {show_path(raw)}")
    try:
        p = p.absolute()
        is_dir, exists, parent_ok = p.is_dir(), p.exists(), p.parent.is_dir()
    except OSError as exc:
        raise AppError(f"{show_path(raw)}: {exc.strerror or exc}") from None
    if is_dir:
        raise AppError(f"{show_path(p)} is a folder; give a file name for the {what}")
    if not parent_ok:
        raise AppError(f"the folder {show_path(p.parent)} does not exist")
    for src in inputs:
        if _same(p, Path(src)):
            raise AppError(f"{show_path(p)} is this command's own input; write the {what} to another file")
    if exists and not game and is_saved_game(p):
        raise AppError(
            f"{show_path(p)} is a saved game; it is never replaced by the {what}, even with --force (choose another name)"
        )
    if exists and not force:
        raise AppError(f"{show_path(p)} exists already; use --force to replace it")
    return p


def temp_beside(path: Path, *, suffix: str = ".partial") -> Path:
    """A new empty file next to ``path`` under a name no other writer uses (rename it into place when done)."""
    try:
        fd, name = tempfile.mkstemp(prefix=f".{path.name[:80]}.", suffix=suffix, dir=path.parent)
    except OSError as exc:
        raise AppError(f"cannot write in {show_path(path.parent)}: {exc.strerror or exc}") from None
    os.close(fd)
    return Path(name)


@contextmanager
def atomic_write(
    path: str | os.PathLike[str], *, encoding: str = "utf-8", newline: str | None = ""
) -> Iterator[IO[str]]:
    """Write text to ``path`` through a unique temporary file renamed into place when the block ends."""
    target = Path(path)
    tmp = temp_beside(target)
    try:
        with open(tmp, "w", encoding=encoding, newline=newline) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise AppError(f"cannot write {show_path(target)}: {exc.strerror or exc}") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
