"""The saved-game layer: one SQLite file per game (or a PostgreSQL database per hosted game), migrated by Alembic.

Values in and out are plain dicts and the dataclasses below; ORM objects stay inside.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

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
from .ident import APPLICATION_ID
from .records import BookmarkRecord, CommandRecord, EventRecord, GameMeta

if TYPE_CHECKING:
    from .gamefile import GameFile
    from .migrate import MIGRATIONS_DIR, database_label, head_revision, is_database_url, known_revisions

_LAZY = {
    "GameFile": "gamefile",
    "MIGRATIONS_DIR": "migrate",
    "database_label": "migrate",
    "is_database_url": "migrate",
    "head_revision": "migrate",
    "known_revisions": "migrate",
}


def __getattr__(name: str) -> Any:
    """SQLAlchemy and Alembic are imported when a game is first opened or made, not with the package (the
    desktop application starts without them: ``benchmarks/bench_gui.py``)."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'wargame.store' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


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
    "database_label",
    "head_revision",
    "is_database_url",
    "known_revisions",
]
