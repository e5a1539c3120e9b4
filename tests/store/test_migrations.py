"""Migrations: older files are backed up then upgraded; the migrated schema equals the models."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from conftest import sample_meta

from wargame.store import GameFile, ReadOnlyError, head_revision, known_revisions
from wargame.store.migrate import backup_database, create_at_revision, make_engine
from wargame.store.schema import Base


def _fill_rev_0001(path: Path) -> None:
    """A game at schema 0001 with a meta row, two turns, events, snapshots and a pending command."""
    create_at_revision(path, "0001")
    conn = sqlite3.connect(path)
    m = sample_meta()
    conn.execute(
        "INSERT INTO game_meta VALUES (1, ?, ?, ?, ?, '{}', ?, ?, ?, NULL, NULL, '{}', 0)",
        (m.scenario_id, m.scenario_name, m.scenario_hash, m.scenario_text, m.seed, m.app_version, m.title),
    )
    for t in (0, 1):
        conn.execute("INSERT INTO turns VALUES (?, ?, '{}')", (t, f"h{t}"))
        conn.execute("INSERT INTO events (turn, seq, kind, subject, payload) VALUES (?, 0, 'k', 's', '{}')", (t,))
        conn.execute("INSERT INTO snapshots VALUES (?, 'nation', 'EST', ?)", (t, f'{{"support": {60 + t}}}'))
    conn.execute(
        "INSERT INTO commands (turn, seq, seat, kind, payload, cancelled) VALUES (2, 1, 'EST', 'note', '{}', 0)"
    )
    conn.commit()
    conn.close()


def _schema(path: Path) -> set[tuple[str, str]]:
    conn = sqlite3.connect(path)
    try:
        return set(conn.execute("SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"))
    finally:
        conn.close()


def test_revisions_are_linear_and_head_is_latest() -> None:
    assert known_revisions() == [
        "0001",
        "0002",
        "0003",
        "0004",
        "0005_hotwash",
        "0006_integrity",
        "0007_compressed_snapshots",
    ]
    assert head_revision() == "0007_compressed_snapshots"


def test_old_file_is_backed_up_then_migrated(tmp_path: Path) -> None:
    """Opening a 0001 file copies it byte for byte to <name>.bak-0001, then upgrades it with all data kept."""
    path = tmp_path / "old.wargame"
    _fill_rev_0001(path)
    original = path.read_bytes()
    with GameFile.open(path) as g:
        assert g.backup_path == tmp_path / "old.wargame.bak-0001"
        assert g.hashes() == {0: "h0", 1: "h1"}
        assert g.series("nation", "EST", "support") == [(0, 60), (1, 61)]
        assert [c.turn for c in g.pending_commands()] == [2]
        assert g.meta.seed == sample_meta().seed
    assert (tmp_path / "old.wargame.bak-0001").read_bytes() == original
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [(head_revision(),)]
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 7
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()
    with GameFile.open(path) as g:
        assert g.backup_path is None


def test_second_backup_does_not_overwrite_the_first(tmp_path: Path) -> None:
    path = tmp_path / "old.wargame"
    _fill_rev_0001(path)
    (tmp_path / "old.wargame.bak-0001").write_bytes(b"earlier backup")
    with GameFile.open(path) as g:
        assert g.backup_path == tmp_path / "old.wargame.bak-0001-2"
    assert (tmp_path / "old.wargame.bak-0001").read_bytes() == b"earlier backup"


def test_old_file_opens_read_only_through_an_upgraded_copy_and_is_left_alone(tmp_path: Path) -> None:
    """Reviewing or reporting a game saved by an older version needs no write: a private copy is upgraded and
    read, the file itself keeps every byte, no backup or -wal/-shm appears beside it, and the copy goes on close."""
    path = tmp_path / "old.wargame"
    _fill_rev_0001(path)
    before = path.read_bytes()
    gf = GameFile.open(path, readonly=True)
    try:
        assert gf.path == path and gf.readonly
        assert gf.last_turn == 1 and gf.meta.scenario_id == sample_meta().scenario_id
        scratch = gf._scratch
        assert scratch is not None and scratch.exists()
        with pytest.raises(ReadOnlyError):
            gf.add_command(2, "EST", "note", {"text": "x"})
    finally:
        gf.close()
    assert not scratch.exists()
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.wargame"]


def test_migrated_schema_equals_created_schema(tmp_path: Path) -> None:
    """Upgrading from 0001 reaches exactly the tables and indexes create_all makes, and the models see no diff."""
    old, new = tmp_path / "old.wargame", tmp_path / "new.wargame"
    _fill_rev_0001(old)
    GameFile.open(old).close()
    GameFile.create(new, sample_meta()).close()
    assert _schema(old) == _schema(new)
    engine = make_engine(old, readonly=True)
    try:
        with engine.connect() as conn:
            assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
    finally:
        engine.dispose()


def test_backup_api_used_when_wal_is_busy(tmp_path: Path) -> None:
    """With a reader pinning the WAL, the backup falls back to the sqlite3 backup API and is still complete."""
    path = tmp_path / "g.wargame"
    g = GameFile.create(path, sample_meta())
    g.commit_turn(0, events=[], snapshot={"nation": {"EST": {"s": 1}}}, state_hash="h0", summary={})
    reader = sqlite3.connect(path, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM turns").fetchone()
    g.commit_turn(1, events=[], snapshot={"nation": {"EST": {"s": 2}}}, state_hash="h1", summary={})
    dest = tmp_path / "copy.bak"
    try:
        backup_database(path, dest)
    finally:
        reader.execute("COMMIT")
        reader.close()
    with sqlite3.connect(dest) as c:
        assert c.execute("SELECT turn, state_hash FROM turns ORDER BY turn").fetchall() == [(0, "h0"), (1, "h1")]
        assert c.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    g.close()
