"""Errors raised by the saved-game layer; ``str(e)`` is one line that names the file."""

from __future__ import annotations

from pathlib import Path


class SaveFileError(Exception):
    """Base class: a saved-game file could not be created, opened, read or written."""

    def __init__(self, path: str | Path, reason: str) -> None:
        self.path = Path(path)
        self.reason = " ".join(str(reason).split())
        super().__init__(f"{self.path}: {self.reason}")


class NotAGameFile(SaveFileError):
    """The file is not SQLite, or is SQLite but not a wargame saved game."""


class NewerVersionError(SaveFileError):
    """The file was written by a newer version of the application (unknown schema revision)."""

    def __init__(self, path: str | Path, revision: str) -> None:
        self.revision = revision
        super().__init__(
            path,
            f"saved by a newer version of wargame (schema revision {revision!r} is unknown here); "
            "update the application to open it",
        )


class DamagedFileError(SaveFileError):
    """The file is truncated or corrupt (integrity check failed)."""


class SaveFileExistsError(SaveFileError):
    """A new game file would replace an existing file and ``overwrite`` was not given."""


FileExistsError_ = SaveFileExistsError
"""Alias of :class:`SaveFileExistsError`."""


class ReadOnlyError(SaveFileError):
    """A write (or a needed migration) was asked of a file opened read-only."""


class InvalidOperationError(SaveFileError):
    """The operation does not fit the file's state (e.g. committing turns out of order)."""
