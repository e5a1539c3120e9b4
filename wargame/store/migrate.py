"""Connections, file checks, backups and Alembic migrations for saved-game files.

The Alembic environment lives in ``db/migrations`` next to the package; its configuration
is built here in code (no alembic.ini at runtime).
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import sqlite3
import stat
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

from .errors import DamagedFileError, ForeignSchemaError, NewerVersionError, NotAGameFile, SaveFileError
from .ident import APPLICATION_ID

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


BUSY_TIMEOUT_S = 10.0
"""How long a write waits for another process's write to finish before it is refused."""


def read_mode(path: Path) -> str:
    """How a read-only connection opens ``path`` so that it works anywhere and leaves nothing behind.

    * ``rw``: the file and its folder are writable. The connection opens read-write but is ``query_only``; as the
      last connection to close, SQLite folds and deletes the ``-wal``/``-shm`` files it needed (a ``mode=ro``
      connection cannot, and leaves them behind).
    * ``ro``: a ``-wal`` or ``-shm`` file is there (another process has the game open, or a crash left them): join
      them read-only.
    * ``immutable``: nothing can be written here (a read-only file or folder) and no writer is about: read the file
      as it is, without the ``-shm`` file SQLite could not create in a read-only folder. (A process of another
      user who may write there could change the file under this reader; see docs/security.md.)
    """
    if os.access(path, os.W_OK) and os.access(path.parent, os.W_OK):
        return "rw"
    if any(path.with_name(path.name + s).exists() for s in ("-wal", "-shm")):
        return "ro"
    return "immutable"


def _uri(path: Path, mode: str) -> str:
    query = {"rw": "mode=rw", "rwc": "mode=rwc", "ro": "mode=ro", "immutable": "mode=ro&immutable=1"}[mode]
    return f"file:{quote(str(path.resolve()))}?{query}"


def harden(conn: sqlite3.Connection) -> None:
    """Per-connection defences: schema SQL may call only harmless functions (``trusted_schema=OFF``), no extension
    can be loaded, and page cells are checked for size as they are read (``cell_size_check``)."""
    if hasattr(conn, "enable_load_extension"):
        conn.enable_load_extension(False)
    conn.execute("PRAGMA trusted_schema=OFF")
    conn.execute("PRAGMA cell_size_check=ON")


def sqlite_connect(path: Path, *, readonly: bool, create: bool = False) -> sqlite3.Connection:
    """A raw sqlite3 connection in driver autocommit mode (transactions are explicit), hardened; a read-only one
    opens in the mode :func:`read_mode` chooses and is ``query_only``."""
    mode = "rwc" if create else (read_mode(path) if readonly else "rw")
    try:
        conn = sqlite3.connect(
            _uri(path, mode), uri=True, timeout=BUSY_TIMEOUT_S, check_same_thread=False, isolation_level=None
        )
    except OSError as exc:
        raise sqlite3.OperationalError(f"cannot open the file ({exc.strerror or exc})") from None
    try:
        harden(conn)
        if readonly:
            conn.execute("PRAGMA query_only=ON")
    except BaseException:
        conn.close()
        raise
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
        if not readonly:
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get(WRITE_OPTION, False) and not readonly
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def remove_database(path: Path, *, keep_main: bool = False) -> None:
    """Delete a database file and its WAL/SHM/journal companions (a stale WAL must never pair with a new file);
    ``keep_main`` deletes only the companions (before a new file is renamed over the main one)."""
    for p in [*([] if keep_main else [path]), *(path.with_name(path.name + s) for s in SIDE_FILES)]:
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


@functools.cache
def head_revision() -> str:
    """The latest schema revision (the scripts are read once per process)."""
    head = script_directory().get_current_head()
    assert head is not None, "db/migrations has no revisions"
    return head


def known_revisions() -> list[str]:
    """Every revision this application knows, oldest first."""
    return list(_known_revisions())


@functools.cache
def _known_revisions() -> tuple[str, ...]:
    return tuple(s.revision for s in reversed(list(script_directory().walk_revisions())))


def user_version_of(revision: str) -> int:
    """The ``PRAGMA user_version`` stored with a schema revision: its leading number ("0002" → 2,
    "0005_hotwash" → 5; 0 if it has none)."""
    digits = revision[: len(revision) - len(revision.lstrip("0123456789"))]
    return int(digits) if digits else 0


# --------------------------------------------------------------------------- checks
def inspect_file(path: Path, *, quick_check: bool = True) -> str:
    """Check that ``path`` is an intact wargame saved game carrying no SQL of its own; return its schema revision.

    Reads only (header bytes, then a read-only connection): the file is never modified. ``quick_check=False``
    skips SQLite's structure check (``verify`` and ``recover`` run the full check themselves and report it).
    Raises :class:`NotAGameFile`, :class:`DamagedFileError`, :class:`ForeignSchemaError`,
    :class:`NewerVersionError` or :class:`SaveFileError`.
    """
    try:
        st = path.stat()
    except OSError as exc:
        if isinstance(exc, FileNotFoundError):
            raise SaveFileError(path, "no such file") from None
        raise SaveFileError(path, f"cannot read the file ({exc.strerror or exc})") from None
    if stat.S_ISDIR(st.st_mode):
        raise SaveFileError(path, "not a file (a folder)")
    if not stat.S_ISREG(st.st_mode):
        raise SaveFileError(path, "not a regular file (a device, pipe or socket cannot be a saved game)")
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
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
        raise DamagedFileError(path, f"the saved game is damaged or unreadable ({_short(exc)})") from None
    try:
        return _check_contents(path, conn, quick_check=quick_check)
    except (sqlite3.DatabaseError, UnicodeDecodeError, OverflowError) as exc:  # text that is not UTF-8 …
        raise DamagedFileError(path, f"the saved game is damaged ({_short(exc)})") from None
    finally:
        conn.close()


def _short(exc: BaseException, limit: int = 160) -> str:
    text = " ".join(str(exc).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _check_connection(path: Path) -> sqlite3.Connection:
    """A read-only connection (see :func:`read_mode`); a write-ahead log that needs recovery in a place that
    cannot be written is a clear error."""
    conn = sqlite_connect(path, readonly=True)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError as exc:
        conn.close()
        name = getattr(exc, "sqlite_errorname", "")
        if name.startswith("SQLITE_READONLY") or name.startswith("SQLITE_CANTOPEN"):
            raise sqlite3.DatabaseError(
                "the file's write-ahead log needs recovery but the file or its folder is read-only"
            ) from None
        raise


def _check_contents(path: Path, conn: sqlite3.Connection, *, quick_check: bool = True) -> str:
    """Structure (``quick_check``), identity, revision and schema (nothing extra, nothing missing)."""
    if quick_check:
        rows = conn.execute("PRAGMA quick_check").fetchall()
        if [r[0] for r in rows] != ["ok"]:
            first = rows[0][0] if rows else "no result"
            raise DamagedFileError(path, f"the saved game is damaged (structure check: {first})")
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "alembic_version" not in tables or "game_meta" not in tables:
        raise NotAGameFile(path, "not a wargame saved game (its tables are missing)")
    revisions = [r[0] for r in conn.execute("SELECT version_num FROM alembic_version")]
    if len(revisions) != 1 or not isinstance(revisions[0], str):
        raise DamagedFileError(path, "the saved game is damaged (its schema revision record)")
    revision = revisions[0]
    known = known_revisions()
    if revision not in known:
        raise NewerVersionError(path, revision)
    from .schemacheck import schema_problems

    problem = schema_problems(conn, revision)
    if problem:
        raise ForeignSchemaError(path, f"refused: {problem}")
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


def upgrade_file(path: Path, to_revision: str = "head", *, from_revision: str | None = None) -> None:
    """Run the migrations on ``path`` in one transaction with foreign keys off, then check them.

    Foreign keys are off because a batch migration recreates tables, and with them on, dropping
    a parent table would delete every child row through ``ON DELETE CASCADE``.
    """
    engine = make_engine(path, readonly=False, foreign_keys=False)
    try:
        with engine.connect().execution_options(**{WRITE_OPTION: True}) as conn:
            with conn.begin():
                from alembic import command

                cfg = alembic_config(conn)
                cfg.attributes["from_revision"] = from_revision  # 0006 records where its chain began
                command.upgrade(cfg, to_revision)
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


# --------------------------------------------------------------------------- PostgreSQL (hosted games)
PG_SCHEMES = ("postgresql", "postgresql+psycopg")
"""Database URLs of hosted games (``postgresql+psycopg://user:password@host:port/database``)."""


def is_database_url(target: object) -> bool:
    """Whether ``target`` names a PostgreSQL database rather than a saved-game file."""
    return isinstance(target, str) and target.split("://", 1)[0] in PG_SCHEMES and "://" in target


def database_label(url: str) -> Path:
    """How messages name a hosted game's database (never its password): ``postgresql:HOST:PORT/DATABASE``."""
    from sqlalchemy.engine import make_url

    try:
        u = make_url(url)
    except Exception:  # noqa: BLE001 - an unreadable URL is named as such
        return Path("postgresql:(an unreadable database URL)")
    return Path(f"postgresql:{u.host or 'localhost'}:{u.port or 5432}/{u.database or ''}")


def make_pg_engine(url: str) -> Engine:
    """An engine for a hosted game in PostgreSQL: one schema with SQLite files (the same models and migrations).

    A write transaction takes the game's advisory lock first (the server is the only writer, but a second process
    on the same database waits, then is refused, as on a file); each connection waits at most
    :data:`BUSY_TIMEOUT_S` for a lock. Reads see every committed turn; :meth:`GameFile.reading` reads in one
    ``REPEATABLE READ`` transaction.
    """
    from sqlalchemy.engine import make_url

    u = make_url(url)
    if u.drivername == "postgresql":
        u = u.set(drivername="postgresql+psycopg")
    engine = create_engine(
        u,
        json_serializer=_json_dumps,
        pool_size=2,
        pool_pre_ping=True,
        connect_args={"connect_timeout": 10},
    )

    @event.listens_for(engine, "connect")
    def _settings(dbapi_conn: Any, _record: Any) -> None:
        cur = dbapi_conn.cursor()
        cur.execute(f"SET lock_timeout = '{int(BUSY_TIMEOUT_S * 1000)}ms'")
        cur.close()
        dbapi_conn.commit()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        if conn.get_execution_options().get(WRITE_OPTION, False):
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({APPLICATION_ID})")

    return engine


def inspect_database(label: Path, conn: Connection) -> str | None:
    """The schema revision of the game in a PostgreSQL database, None if the database holds no tables at all.

    Raises :class:`NotAGameFile` (tables of something else), :class:`NewerVersionError` or
    :class:`DamagedFileError` (no revision or no game description)."""
    from sqlalchemy import inspect as sa_inspect

    tables = set(sa_inspect(conn).get_table_names())
    if not tables:
        return None
    if "alembic_version" not in tables or "game_meta" not in tables:
        raise NotAGameFile(label, "the database holds tables that are not a wargame game; give an empty database")
    revisions = [r[0] for r in conn.exec_driver_sql("SELECT version_num FROM alembic_version")]
    if len(revisions) != 1:
        raise DamagedFileError(label, "the hosted game is damaged (its schema revision record)")
    if revisions[0] not in known_revisions():
        raise NewerVersionError(label, revisions[0])
    missing = sorted(set(_schema_tables()) - tables)
    if missing:
        raise DamagedFileError(label, f"the hosted game is damaged (tables missing: {', '.join(missing)})")
    if conn.exec_driver_sql("SELECT count(*) FROM game_meta").scalar() != 1:
        raise DamagedFileError(label, "the hosted game is damaged (no game description row)")
    return str(revisions[0])


def _schema_tables() -> list[str]:
    from .schema import Base

    return list(Base.metadata.tables)


def upgrade_database(conn: Connection, from_revision: str | None) -> None:
    """Run the migrations on a PostgreSQL database inside the caller's transaction (DDL is transactional there:
    a failed upgrade changes nothing). From an empty database this builds the whole schema."""
    from alembic import command

    cfg = alembic_config(conn)
    cfg.attributes["from_revision"] = from_revision
    command.upgrade(cfg, "head")
