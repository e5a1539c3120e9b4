"""Saved games carry no code: a file whose schema is not exactly its revision's is refused before anything runs.

The adversarial run found files with triggers that hang ``advance`` (a recursive query) or rewrite and delete
commands on every turn while ``verify`` still passed. Nothing compared an opened file's schema with the expected
one; now every object (tables, indexes, triggers, views) and every column, key, CHECK and collation is compared.
"""

from __future__ import annotations

import lzma
import sqlite3
from pathlib import Path

import pytest
from conftest import play, sample_meta

from wargame.store import ForeignSchemaError, GameFile, head_revision
from wargame.store.migrate import create_at_revision, make_engine
from wargame.store.schemacheck import clauses, describe, expected_schema

GOLDEN = Path(__file__).resolve().parents[1] / "data" / "golden"


def _game(path: Path) -> Path:
    with GameFile.create(path, sample_meta()) as g:
        play(g, 3)
        g.add_command(4, "EST", "note", {"text": "pending"})
    return path


def _sql(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        for s in statements:
            conn.execute(s)
    finally:
        conn.close()


def test_models_and_migrations_give_the_same_schema(tmp_path: Path) -> None:
    """A new file (models) and a file migrated from nothing (every migration) are described alike."""
    path = tmp_path / "migrated.wargame"
    create_at_revision(path, head_revision())
    conn = sqlite3.connect(path)
    try:
        assert describe(conn) == expected_schema(head_revision())
    finally:
        conn.close()


@pytest.mark.parametrize("packed", sorted(GOLDEN.glob("*.wargame.xz")), ids=lambda p: p.name.split(".")[0])
def test_files_of_earlier_versions_match_their_revision(packed: Path, tmp_path: Path) -> None:
    path = tmp_path / "g.wargame"
    path.write_bytes(lzma.decompress(packed.read_bytes()))
    conn = sqlite3.connect(path)
    try:
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        assert describe(conn) == expected_schema(revision)
    finally:
        conn.close()


HOSTILE = [
    (
        "trigger-deletes-commands",
        ["CREATE TRIGGER wipe AFTER INSERT ON turns BEGIN DELETE FROM commands; END"],
        "trigger 'wipe'",
    ),
    (
        "trigger-recursive-query",
        [
            "CREATE TRIGGER hang BEFORE INSERT ON events BEGIN SELECT count(*) FROM "
            "(WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT x FROM c); END"
        ],
        "trigger 'hang'",
    ),
    ("view", ["CREATE VIEW v AS SELECT * FROM commands"], "view 'v'"),
    ("extra-table", ["CREATE TABLE notes (x)"], "table 'notes'"),
    ("extra-index", ["CREATE INDEX ix_extra ON events (subject)"], "index 'ix_extra'"),
    ("generated-column", ["ALTER TABLE commands ADD COLUMN evil AS (length(payload)) VIRTUAL"], "table 'commands'"),
    ("added-column", ["ALTER TABLE events ADD COLUMN extra TEXT DEFAULT 'x'"], "table 'events'"),
    ("dropped-index", ["DROP INDEX ix_events_turn_kind"], "index 'ix_events_turn_kind' is missing"),
    ("dropped-table", ["DROP TABLE bookmarks"], "missing"),
]


@pytest.mark.parametrize(("name", "statements", "words"), HOSTILE, ids=[h[0] for h in HOSTILE])
@pytest.mark.parametrize("readonly", [False, True], ids=["rw", "ro"])
def test_a_file_carrying_sql_of_its_own_is_refused_untouched(
    tmp_path: Path, name: str, statements: list[str], words: str, readonly: bool
) -> None:
    path = _game(tmp_path / f"{name}.wargame")
    _sql(path, *statements)
    before = path.read_bytes()
    with pytest.raises(ForeignSchemaError) as err:
        GameFile.open(path, readonly=readonly)
    message = str(err.value)
    assert "\n" not in message and words in message and "refused" in message
    assert path.read_bytes() == before
    with pytest.raises(ForeignSchemaError):  # even an inspecting open (verify, recover) refuses it
        GameFile.open(path, readonly=True, inspect=True)


def test_changed_check_and_collation_are_seen(tmp_path: Path) -> None:
    """A CHECK expression or a collation written into the schema text (PRAGMA writable_schema) is refused."""
    path = _game(tmp_path / "g.wargame")
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'game_meta'").fetchone()[0]
        conn.execute("PRAGMA writable_schema=ON")
        conn.execute(
            "UPDATE sqlite_master SET sql = ? WHERE name = 'game_meta'",
            (sql.replace("CHECK (id = 1)", "CHECK (id = 1 AND length(zeroblob(100000000)) > 0)"),),
        )
        conn.execute("PRAGMA writable_schema=OFF")
    finally:
        conn.close()
    with pytest.raises(ForeignSchemaError, match="table 'game_meta' differs"):
        GameFile.open(path, readonly=True)
    assert clauses("CREATE TABLE t (a TEXT COLLATE \"NoCase\", CHECK ((a) <> 'x'))") == (
        ("( a ) <> 'x'",),
        ("nocase",),
    )


def test_an_old_file_with_a_trigger_is_refused_before_it_is_migrated(tmp_path: Path) -> None:
    """The check runs against the file's own revision, before the backup and the migration (whose writes a
    trigger would see)."""
    path = tmp_path / "old.wargame"
    create_at_revision(path, "0004")
    _sql(
        path,
        "INSERT INTO game_meta VALUES (1, 's', 'S', 'h', '', '{}', 1, '0', 't', NULL, NULL, '{}', 0)",
        "CREATE TRIGGER t AFTER UPDATE ON commands BEGIN DELETE FROM turns; END",
    )
    before = path.read_bytes()
    with pytest.raises(ForeignSchemaError, match="trigger 't'"):
        GameFile.open(path)
    assert path.read_bytes() == before
    assert not list(tmp_path.glob("*.bak-*"))


def test_connections_trust_no_schema_sql_and_load_no_extension(tmp_path: Path) -> None:
    path = _game(tmp_path / "g.wargame")
    for readonly in (False, True):
        engine = make_engine(path, readonly=readonly)
        try:
            with engine.connect() as conn:
                assert conn.exec_driver_sql("PRAGMA trusted_schema").scalar() == 0
                assert conn.exec_driver_sql("PRAGMA cell_size_check").scalar() == 1
                with pytest.raises(Exception, match="not authorized"):
                    conn.exec_driver_sql("SELECT load_extension('/nonexistent/evil')").scalar()
        finally:
            engine.dispose()
