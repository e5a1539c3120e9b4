"""The hotwash tables (schema 0005_hotwash): an older file gains them empty; items are stored all or none."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from conftest import sample_meta

from wargame.store import GameFile, InvalidOperationError, SaveFileError, head_revision
from wargame.store.migrate import create_at_revision


def _fill_rev_0004(path: Path) -> None:
    """A game at schema 0004 (before the hotwash) with a meta row, two turns and a bookmark."""
    create_at_revision(path, "0004")
    conn = sqlite3.connect(path)
    m = sample_meta()
    conn.execute(
        "INSERT INTO game_meta VALUES (1, ?, ?, ?, ?, '{}', ?, ?, ?, NULL, NULL, '{}', 0)",
        (m.scenario_id, m.scenario_name, m.scenario_hash, m.scenario_text, m.seed, m.app_version, m.title),
    )
    for t in (0, 1):
        conn.execute("INSERT INTO turns VALUES (?, ?, '{}')", (t, f"h{t}"))
    conn.execute("INSERT INTO bookmarks (turn, note, created_seq) VALUES (1, 'kept', 1)")
    conn.commit()
    conn.close()


def test_0004_file_opens_and_gains_empty_hotwash_tables(tmp_path: Path) -> None:
    path = tmp_path / "old.wargame"
    _fill_rev_0004(path)
    with GameFile.open(path) as g:
        assert g.backup_path == tmp_path / "old.wargame.bak-0004"
        assert [b.note for b in g.bookmarks()] == ["kept"]
        assert g.hotwash_items("observation") == []
        assert g.hotwash_items("action") == []
        assert g.hotwash_items("feedback") == []
        (oid,) = g.add_hotwash_items(
            "observation",
            [{"team": "EST", "kind": "strength", "text": "t", "capability": "Planning", "turn": 1, "event_seq": None}],
        )
        assert g.hotwash_items("observation")[0]["id"] == oid
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [(head_revision(),)]
    with sqlite3.connect(tmp_path / "old.wargame.bak-0004") as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert "hotwash_observations" not in tables


def test_items_are_added_all_or_none(tmp_path: Path) -> None:
    with GameFile.create(tmp_path / "g.wargame", sample_meta()) as g:
        good = {
            "issue": "i",
            "action": "a",
            "owner": "o",
            "due": "2027-01-01",
            "capability": "",
            "observation_id": None,
        }
        bad = {**good, "owner": None}  # NOT NULL
        with pytest.raises(SaveFileError):  # the database refuses the row; none of the batch is kept
            g.add_hotwash_items("action", [good, bad])
        assert g.hotwash_items("action") == []
        ids = g.add_hotwash_items("action", [good, {**good, "issue": "j"}])
        assert [r["issue"] for r in g.hotwash_items("action")] == ["i", "j"]
        g.update_hotwash_item("action", ids[0], {"owner": "MoD"})
        assert g.hotwash_items("action")[0]["owner"] == "MoD"
        g.remove_hotwash_item("action", ids[0])
        assert [r["id"] for r in g.hotwash_items("action")] == [ids[1]]
        with pytest.raises(InvalidOperationError, match="no hotwash action"):
            g.remove_hotwash_item("action", ids[0])
        with pytest.raises(ValueError, match="unknown hotwash item kind"):
            g.hotwash_items("survey")
