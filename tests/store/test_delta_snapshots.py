"""Schema 0004: keyframes every KEYFRAME_EVERY turns plus changed rows; reads give the full state at any turn."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from wargame.store import GameFile, GameMeta
from wargame.store.gamefile import KEYFRAME_EVERY

META = GameMeta(scenario_id="t", scenario_name="t", scenario_hash="h", scenario_text="", seed=1, app_version="t")


def world(turn: int) -> dict:
    """Twenty entities: one changes every turn, one only on even turns, one appears at 5 and goes at 13."""
    snap = {
        "force": {f"F{i}": {"strength": 1.0, "at": "home"} for i in range(18)},
        "nation": {"A": {"support": 50 + turn}, "B": {"support": 40 + turn // 2 * 2}},
    }
    if 5 <= turn < 13:
        snap["attack"] = {"A1": {"turn": 5}}
    return snap


def play(path: Path, turns: int) -> GameFile:
    gf = GameFile.create(path, META)
    for t in range(turns + 1):
        gf.commit_turn(t, events=[], snapshot=world(t), state_hash=f"h{t}", summary={})
    return gf


def test_every_turn_reads_whole_and_only_changes_are_stored(tmp_path: Path) -> None:
    with play(tmp_path / "g.wargame", 25) as gf:
        for t in range(26):
            assert gf.snapshot(t) == world(t), t
    con = sqlite3.connect(tmp_path / "g.wargame")
    per_turn = dict(con.execute("SELECT turn, count(*) FROM snapshots GROUP BY turn").fetchall())
    con.close()
    assert per_turn[0] == 20 and per_turn[KEYFRAME_EVERY] == 21  # keyframes are full (the attack exists at 10)
    assert per_turn[1] == 1 and per_turn[2] == 2  # A every turn; B on even turns
    assert per_turn[13] == 2  # A changed, and the attack's removal (a tombstone)
    assert sum(per_turn.values()) < 26 * 20 / 3


def test_series_carries_values_forward(tmp_path: Path) -> None:
    with play(tmp_path / "g.wargame", 14) as gf:
        assert gf.series("nation", "B", "support") == [(t, 40 + t // 2 * 2) for t in range(15)]
        assert gf.series("force", "F3", "at") == [(t, "home") for t in range(15)]
        assert [t for t, _ in gf.series("attack", "A1", "turn")] == list(range(5, 13))


def test_truncate_then_continue_and_branch_copy(tmp_path: Path) -> None:
    with play(tmp_path / "g.wargame", 17) as gf:
        gf.truncate_after(12)
        for t in range(13, 20):
            gf.commit_turn(t, events=[], snapshot=world(t), state_hash=f"h{t}", summary={})
        assert all(gf.snapshot(t) == world(t) for t in range(20))
        with gf.copy_to(tmp_path / "b.wargame", upto_turn=14) as copy:
            assert copy.snapshot(14) == world(14) and copy.last_turn == 14
            copy.commit_turn(15, events=[], snapshot=world(15), state_hash="h15", summary={})
            assert copy.snapshot(15) == world(15)
    with GameFile.open(tmp_path / "g.wargame", readonly=True) as again:
        assert again.snapshot(19) == world(19) and again.snapshot(7) == world(7)
