"""Schema 0004: keyframes every KEYFRAME_EVERY turns plus changed rows; reads give the full state at any turn."""

from __future__ import annotations

import json
import sqlite3
import zlib
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


def _frames(path: Path) -> dict[int, dict[str, dict]]:
    """turn → entity kind → the frame stored for it, inflated."""
    con = sqlite3.connect(path)
    try:
        rows = con.execute("SELECT turn, entity_kind, data FROM frames").fetchall()
    finally:
        con.close()
    out: dict[int, dict[str, dict]] = {}
    for turn, kind, data in rows:
        out.setdefault(turn, {})[kind] = json.loads(zlib.decompress(data))
    return out


def test_every_turn_reads_whole_and_only_changes_are_stored(tmp_path: Path) -> None:
    with play(tmp_path / "g.wargame", 25) as gf:
        for t in range(26):
            assert gf.snapshot(t) == world(t), t
    frames = _frames(tmp_path / "g.wargame")
    assert frames[0] == {"force": {"full": world(0)["force"]}, "nation": {"full": world(0)["nation"]}}
    assert set(frames[KEYFRAME_EVERY]) == {"force", "nation", "attack"}  # keyframes are full (the attack is on)
    assert frames[1] == {"nation": {"patch": {"A": {"s": {"support": 51}}}}}  # A every turn: the field alone
    assert frames[2] == {"nation": {"patch": {"A": {"s": {"support": 52}}, "B": {"s": {"support": 42}}}}}
    assert frames[5] == {"attack": {"put": {"A1": {"turn": 5}}}, "nation": {"patch": {"A": {"s": {"support": 55}}}}}
    assert frames[13]["attack"] == {"gone": ["A1"]}  # the attack's removal
    assert sum(len(kinds) for kinds in frames.values()) < 26 * 2


def test_nested_tables_store_only_what_changed(tmp_path: Path) -> None:
    """A change deep inside a payload stores that field alone; lists are replaced whole; removed fields are named."""
    big = {"terms": [{"label": "x" * 50, "value": i} for i in range(30)], "inner": {"a": 1, "b": {"c": 2, "d": 3}}}
    changed = {"terms": big["terms"], "inner": {"a": 1, "b": {"c": 2, "d": 4}}, "new": True}
    with GameFile.create(tmp_path / "g.wargame", META) as gf:
        gf.commit_turn(0, events=[], snapshot={"world": {"_": big}}, state_hash="h0", summary={})
        gf.commit_turn(1, events=[], snapshot={"world": {"_": changed}}, state_hash="h1", summary={})
        gf.commit_turn(2, events=[], snapshot={"world": {"_": {"inner": 1.0}}}, state_hash="h2", summary={})
        gf.commit_turn(3, events=[], snapshot={"world": {"_": {"inner": 1}}}, state_hash="h3", summary={})
        assert [gf.snapshot(t)["world"]["_"] for t in range(4)] == [big, changed, {"inner": 1.0}, {"inner": 1}]
        assert isinstance(gf.snapshot(3)["world"]["_"]["inner"], int)
    frames = _frames(tmp_path / "g.wargame")
    assert frames[1]["world"] == {"patch": {"_": {"p": {"inner": {"p": {"b": {"s": {"d": 4}}}}}, "s": {"new": True}}}}
    assert frames[2]["world"] == {"patch": {"_": {"d": ["new", "terms"], "s": {"inner": 1.0}}}}
    assert frames[3]["world"] == {"patch": {"_": {"s": {"inner": 1}}}}  # 1.0 and 1 are different JSON


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
