"""The saved-game file layer: one SQLite file per game, migrated by Alembic on open.

Values in and out are plain dicts and the dataclasses below; ORM objects stay inside.
"""

from __future__ import annotations

from .errors import (
    DamagedFileError,
    FileExistsError_,
    ForeignSchemaError,
    GameBusyError,
    InvalidOperationError,
    NewerVersionError,
    NotAGameFile,
    ReadOnlyError,
    SaveFileError,
    SaveFileExistsError,
    StaleTurnError,
)
from .gamefile import GameFile
from .migrate import APPLICATION_ID, MIGRATIONS_DIR, head_revision, known_revisions
from .records import BookmarkRecord, CommandRecord, EventRecord, GameMeta

__all__ = [
    "APPLICATION_ID",
    "BookmarkRecord",
    "MIGRATIONS_DIR",
    "CommandRecord",
    "DamagedFileError",
    "EventRecord",
    "FileExistsError_",
    "ForeignSchemaError",
    "GameBusyError",
    "GameFile",
    "GameMeta",
    "InvalidOperationError",
    "NewerVersionError",
    "NotAGameFile",
    "ReadOnlyError",
    "SaveFileError",
    "SaveFileExistsError",
    "StaleTurnError",
    "head_revision",
    "known_revisions",
]
