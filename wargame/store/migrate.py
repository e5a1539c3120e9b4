"""Connections, file checks, backups and Alembic migrations for saved-game files.

The Alembic environment lives in ``db/migrations`` next to the package; its configuration
is built here in code (no alembic.ini at runtime).
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection
from sqlalchemy.pool import QueuePool

if TYPE_CHECKING:  # pragma: no cover
    from alembic.config import Config
    from alembic.script import ScriptDirectory

import wargame

from .errors import DamagedFileError, NewerVersionError, NotAGameFile, SaveFileError

APPLICATION_ID = 0x57474D31
"""``PRAGMA application_id`` of every wargame saved game ("WGM1")."""

MIGRATIONS_DIR = Path(wargame.__file__).resolve().parents[1] / "db" / "migrations"
"""The Alembic script directory shipped with the application."""

SQLITE_MAGIC = b"SQLite format 3\x00"
SIDE_FILES = ("-wal", "-shm", "-journal")
"""Suffixes of the files SQLite keeps next to a database."""

WRITE_OPTION = "wargame_write"
"""Execution option: the transaction takes the write lock at BEGIN (``BEGIN IMMEDIATE``)."""


# --------------------------------------------------------------------------- connections
def _json_dumps(value: Any) -> str:
    """Compact JSON, text kept as UTF-8 (payload columns)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def _uri(path: Path, readonly: bool) -> str:
    mode = "ro" if readonly else "rw"
    return f"file:{quote(str(path.resolve()))}?mode={mode}"


def sqlite_connect(path: Path, *, readonly: bool, create: bool = False) -> sqlite3.Connection:
    """A raw sqlite3 connection in driver autocommit mode (transactions are explicit)."""
    uri = _uri(path, readonly)
    if create:
        uri = uri.replace("mode=rw", "mode=rwc")
    conn = sqlite3.connect(uri, uri=True, timeout=10.0, check_same_thread=False, isolation_level=None)
    return conn


def make_engine(path: Path, *, readonly: bool, foreign_keys: bool = True, create: bool = False) -> Engine:
    """An engine for one saved game: WAL, synchronous=NORMAL, foreign keys, explicit BEGIN.

    A read-only engine opens the file with ``mode=ro`` and ``query_only``, so it cannot write.
    """

    def creator() -> sqlite3.Connection:
        return sqlite_connect(path, readonly=readonly, create=create)

    engine = create_engine(
        "sqlite+pysqlite://",
        creator=creator,
        poolclass=QueuePool,
        pool_size=2,
        json_serializer=_json_dumps,
    )

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        cur = dbapi_conn.cursor()
        if readonly:
            cur.execute("PRAGMA query_only=ON")
        else:
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get(WRITE_OPTION, False) and not readonly
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def remove_database(path: Path) -> None:
    """Delete a database file and its WAL/SHM/journal companions (a stale WAL must never pair with a new file)."""
    for p in [path, *(path.with_name(path.name + s) for s in SIDE_FILES)]:
        try:
            p.unlink()
        except FileNotFoundError:
            pass


# --------------------------------------------------------------------------- alembic
def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic config built in code, pointing at ``db/migrations``."""
    from alembic.config import Config  # imported when first needed: keeps the application's start fast

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR).replace("%", "%%"))
    cfg.set_main_option("path_separator", "os")
    cfg.attributes["connection"] = connection
    return cfg


def script_directory() -> ScriptDirectory:
    """The migration scripts known to this version of the application."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    """The latest schema revision."""
    head = script_directory().get_current_head()
    assert head is not None, "db/migrations has no revisions"
    return head


def known_revisions() -> list[str]:
    """Every revision this application knows, oldest first."""
    return [s.revision for s in reversed(list(script_directory().walk_revisions()))]


def user_version_of(revision: str) -> int:
    """The ``PRAGMA user_version`` stored with a schema revision: its leading number ("0002" → 2,
    "0005_hotwash" → 5; 0 if it has none)."""
    digits = revision[: len(revision) - len(revision.lstrip("0123456789"))]
    return int(digits) if digits else 0


# --------------------------------------------------------------------------- checks
def inspect_file(path: Path) -> str:
    """Check that ``path`` is an intact wargame saved game; return its schema revision.

    Reads only (header bytes, then a read-only connection): the file is never modified.
    Raises :class:`NotAGameFile`, :class:`DamagedFileError` or :class:`SaveFileError`.
    """
    if not path.exists():
        raise SaveFileError(path, "no such file")
    if not path.is_file():
        raise SaveFileError(path, "not a file")
    try:
        with path.open("rb") as fh:
            header = fh.read(100)
    except OSError as exc:
        raise SaveFileError(path, f"cannot read the file ({exc.strerror or exc})") from None
    if not header:
        raise NotAGameFile(path, "not a wargame saved game (the file is empty)")
    if not header.startswith(SQLITE_MAGIC):
        raise NotAGameFile(path, "not a wargame saved game (not an SQLite database)")
    if len(header) < 100:
        raise DamagedFileError(path, "the saved game is damaged (truncated header)")
    app_id = int.from_bytes(header[68:72], "big")
    if app_id != APPLICATION_ID:
        raise NotAGameFile(path, "not a wargame saved game (an SQLite database of another application)")
    try:
        conn = _check_connection(path)
    except sqlite3.DatabaseError as exc:
        raise DamagedFileError(path, f"the saved game is damaged or unreadable ({exc})") from None
    try:
        return _check_contents(path, conn)
    except sqlite3.DatabaseError as exc:
        raise DamagedFileError(path, f"the saved game is damaged ({exc})") from None
    finally:
        conn.close()


def _check_connection(path: Path) -> sqlite3.Connection:
    """A read-only connection; falls back to read-write (still only reading) if a WAL needs recovery."""
    conn = sqlite_connect(path, readonly=True)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError as exc:
        conn.close()
        name = getattr(exc, "sqlite_errorname", "")
        if not (name.startswith("SQLITE_READONLY") or name.startswith("SQLITE_CANTOPEN")):
            raise
    if not os.access(path, os.W_OK):
        raise sqlite3.DatabaseError("the file's write-ahead log needs recovery but the file is read-only")
    conn = sqlite_connect(path, readonly=False)
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    return conn


_REQUIRED_TABLES = {
    "alembic_version",
    "game_meta",
    "commands",
    "turns",
    "events",
    "snapshots",
    "bookmarks",
    "hotwash_observations",
    "hotwash_actions",
    "hotwash_feedback",
}


def _check_contents(path: Path, conn: sqlite3.Connection) -> str:
    rows = conn.execute("PRAGMA quick_check").fetchall()
    if [r[0] for r in rows] != ["ok"]:
        first = rows[0][0] if rows else "no result"
        raise DamagedFileError(path, f"the saved game is damaged (integrity check: {first})")
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "alembic_version" not in tables or "game_meta" not in tables:
        raise NotAGameFile(path, "not a wargame saved game (its tables are missing)")
    revisions = [r[0] for r in conn.execute("SELECT version_num FROM alembic_version")]
    if len(revisions) != 1:
        raise DamagedFileError(path, f"the saved game is damaged ({len(revisions)} schema revisions recorded)")
    revision = str(revisions[0])
    known = known_revisions()
    if revision not in known:
        raise NewerVersionError(path, revision)
    if revision == head_revision() and not _REQUIRED_TABLES <= tables:
        missing = ", ".join(sorted(_REQUIRED_TABLES - tables))
        raise DamagedFileError(path, f"the saved game is damaged (missing tables: {missing})")
    if conn.execute("SELECT count(*) FROM game_meta").fetchone()[0] != 1:
        raise DamagedFileError(path, "the saved game is damaged (no game description row)")
    return revision


# --------------------------------------------------------------------------- backup and upgrade
def backup_path_for(path: Path, revision: str) -> Path:
    """``<name>.bak-<rev>``, or ``<name>.bak-<rev>-2`` … if that exists already."""
    candidate = path.with_name(f"{path.name}.bak-{revision}")
    n = 2
    while candidate.exists():
        candidate = path.with_name(f"{path.name}.bak-{revision}-{n}")
        n += 1
    return candidate


def backup_database(src: Path, dest: Path) -> None:
    """Copy a live database to ``dest`` safely (never the main file alone while a WAL holds data).

    The WAL is folded into the main file first (``wal_checkpoint(TRUNCATE)``); if that
    completes, the main file is copied byte for byte under a read lock, so the backup is
    identical to the file. Otherwise (another connection is busy) the sqlite3 backup API
    copies a consistent snapshot page by page.
    """
    if dest.exists():
        raise SaveFileError(dest, "backup file exists already")
    conn = sqlite_connect(src, readonly=False)
    try:
        conn.execute("PRAGMA busy_timeout=100")  # a busy WAL means: use the backup API instead
        busy, _log, _done = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        conn.execute("PRAGMA busy_timeout=10000")
        wal = src.with_name(src.name + "-wal")
        conn.execute("BEGIN")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        try:
            if busy == 0 and (not wal.exists() or wal.stat().st_size == 0):
                shutil.copyfile(src, dest)
                with dest.open("rb+") as fh:
                    os.fsync(fh.fileno())
                return
        finally:
            conn.execute("COMMIT")
        out = sqlite3.connect(str(dest))
        try:
            conn.backup(out)
        finally:
            out.close()
    except (sqlite3.Error, OSError) as exc:
        remove_database(dest)
        raise SaveFileError(src, f"could not back up the saved game to {dest.name} ({exc})") from None
    finally:
        conn.close()


def upgrade_file(path: Path, to_revision: str = "head") -> None:
    """Run the migrations on ``path`` in one transaction with foreign keys off, then check them.

    Foreign keys are off because a batch migration recreates tables, and with them on, dropping
    a parent table would delete every child row through ``ON DELETE CASCADE``.
    """
    engine = make_engine(path, readonly=False, foreign_keys=False)
    try:
        with engine.connect().execution_options(**{WRITE_OPTION: True}) as conn:
            with conn.begin():
                from alembic import command

                command.upgrade(alembic_config(conn), to_revision)
                broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise DamagedFileError(
                        path,
                        f"upgrade left {len(broken)} broken references (first in table {broken[0][0]}); "
                        "the file was not changed",
                    )
                revision = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar_one()
                conn.exec_driver_sql(f"PRAGMA user_version={user_version_of(str(revision))}")
    finally:
        engine.dispose()


def create_at_revision(path: Path, revision: str) -> None:
    """Create an empty database file at an older schema ``revision`` (for tests and tools).

    It carries the application id, so it opens as a wargame file; it has no game_meta row.
    """
    engine = make_engine(path, readonly=False, create=True)
    try:
        with engine.connect().execution_options(**{WRITE_OPTION: True}) as conn:
            with conn.begin():
                conn.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
                from alembic import command

                command.upgrade(alembic_config(conn), revision)
                conn.exec_driver_sql(f"PRAGMA user_version={user_version_of(revision)}")
    finally:
        engine.dispose()
