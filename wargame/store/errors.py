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
    """The file is truncated or corrupt: SQLite's structure check, a seal of the integrity chain, or a stored value
    that is not what was written (``wargame verify`` says what, ``wargame recover`` saves the trustworthy turns)."""


class ForeignSchemaError(SaveFileError):
    """The file's schema is not the one of its revision: it carries triggers, views, tables, indexes or expressions
    that wargame never writes (a saved game must bring no code), or lacks some of its own."""


class GameBusyError(SaveFileError):
    """Another process holds the game's write lock (it is advancing the game) for longer than a write waits."""

    def __init__(self, path: str | Path, action: str) -> None:
        super().__init__(
            path,
            f"the game is being advanced by another process; could not {action} (nothing was changed: "
            "try again when it has finished)",
        )


class SaveFileExistsError(SaveFileError):
    """A new game file would replace an existing file and ``overwrite`` was not given."""


FileExistsError_ = SaveFileExistsError
"""Alias of :class:`SaveFileExistsError`."""


class ReadOnlyError(SaveFileError):
    """A write (or a needed migration) was asked of a file opened read-only."""


class InvalidOperationError(SaveFileError):
    """The operation does not fit the file's state (e.g. committing turns out of order)."""


class StaleTurnError(InvalidOperationError):
    """The game moved on (another process committed a turn) between reading it and writing to it."""

    def __init__(self, path: str | Path, expected: int, last: int) -> None:
        self.expected = expected
        self.last = last
        super().__init__(path, f"the game was advanced to turn {last} by another process (expected turn {expected})")
