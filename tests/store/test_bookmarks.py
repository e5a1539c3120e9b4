"""Bookmarks set by hand (schema 0003): stored, ordered, removed, dropped with truncated turns; 0002 files upgrade."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from conftest import sample_meta

from wargame.store import GameFile, InvalidOperationError, ReadOnlyError, head_revision
from wargame.store.migrate import create_at_revision, user_version_of


def _fill_rev_0002(path: Path) -> None:
    """A game at schema 0002 (before bookmarks) with a meta row and two turns."""
    create_at_revision(path, "0002")
    conn = sqlite3.connect(path)
    m = sample_meta()
    conn.execute(
        "INSERT INTO game_meta VALUES (1, ?, ?, ?, ?, '{}', ?, ?, ?, NULL, NULL, '{}', 0)",
        (m.scenario_id, m.scenario_name, m.scenario_hash, m.scenario_text, m.seed, m.app_version, m.title),
    )
    for t in (0, 1):
        conn.execute("INSERT INTO turns VALUES (?, ?, '{}')", (t, f"h{t}"))
    conn.commit()
    conn.close()


def test_0002_file_is_backed_up_then_gains_bookmarks(tmp_path: Path) -> None:
    path = tmp_path / "old.wargame"
    _fill_rev_0002(path)
    original = path.read_bytes()
    with GameFile.open(path) as g:
        assert g.backup_path == tmp_path / "old.wargame.bak-0002"
        assert g.bookmarks() == []
        b = g.add_bookmark(1, "first day")
        assert (b.turn, b.note, b.created_seq) == (1, "first day", 1)
        assert g.hashes() == {0: "h0", 1: "h1"}
    assert (tmp_path / "old.wargame.bak-0002").read_bytes() == original
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [(head_revision(),)]
        assert conn.execute("PRAGMA user_version").fetchone()[0] == user_version_of(head_revision())
    with sqlite3.connect(tmp_path / "old.wargame.bak-0002") as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert "bookmarks" not in tables


def test_bookmarks_order_remove_and_truncate(game: GameFile) -> None:
    a = game.add_bookmark(3, "late")
    b = game.add_bookmark(1, "early")
    c = game.add_bookmark(3, "later still")
    assert [(x.turn, x.note) for x in game.bookmarks()] == [(1, "early"), (3, "late"), (3, "later still")]
    assert [x.created_seq for x in (a, b, c)] == [1, 2, 3]
    game.remove_bookmark(b.id)
    assert [x.id for x in game.bookmarks()] == [a.id, c.id]
    with pytest.raises(InvalidOperationError, match="no bookmark"):
        game.remove_bookmark(b.id)
    with pytest.raises(InvalidOperationError, match="cannot bookmark turn 9"):
        game.add_bookmark(9, "future")
    with pytest.raises(ValueError, match="non-negative"):
        game.add_bookmark(-1, "x")
    game.truncate_after(2)
    assert game.bookmarks() == []


def test_bookmarks_follow_a_copy_up_to_its_turn(game: GameFile, tmp_path: Path) -> None:
    game.add_bookmark(1, "keep")
    game.add_bookmark(3, "drop")
    with game.copy_to(tmp_path / "branch.wargame", upto_turn=2) as copy:
        assert [x.note for x in copy.bookmarks()] == ["keep"]


def test_read_only_file_refuses_a_bookmark(game: GameFile) -> None:
    path = game.path
    game.close()
    with GameFile.open(path, readonly=True) as ro:
        with pytest.raises(ReadOnlyError):
            ro.add_bookmark(1, "no")
