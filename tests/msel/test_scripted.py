"""The scenario's own scripted injects are MSEL rows: held, skipped, postponed and fired like imported ones,
through a recorded command, so replay (verify) stays exact; untouched, each fires on its scenario turn."""

from __future__ import annotations

from pathlib import Path

import pytest

from wargame.app import msel, new_game, open_game
from wargame.app.types import InjectError

BALTIC = Path(__file__).resolve().parents[2] / "assets" / "scenarios" / "baltic.toml"


def attack_turns(game) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Scenario serial → the turn its attack entered (from the attack events' origin)."""
    out = {}
    for e in game.events(kinds=["attack"]):
        origin = next((r.detail for r in e.reasons if r.label == "origin"), "")
        if origin.startswith("MSEL serial "):
            out[origin.removeprefix("MSEL serial ")] = e.turn
    return out


def test_untouched_scripted_injects_fire_on_their_scenario_turns(tmp_path: Path) -> None:
    with new_game(BALTIC, tmp_path / "a.wargame") as game:
        rows = msel.all_rows(game)
        assert [r.serial for r in rows[:3]] == ["S1", "S2", "S3"] and all(r.origin == "scenario" for r in rows)
        assert {r.serial: r.turn for r in rows} == {f"S{i.serial}": i.turn for i in game.scenario.injects}
        game.advance(6)
        assert attack_turns(game) == {i.serial: i.turn for i in game.scenario.injects if i.turn <= 6}
        status = {r.serial: r.status for r in msel.all_rows(game)}
        assert status["S4"] == "fired" and status["S9"] == "scheduled"
        assert game.world.script == {}  # nothing stored: the hashes of untouched games do not change
        assert game.verify().ok


def test_hold_skip_postpone_and_fire_a_scripted_inject(tmp_path: Path) -> None:
    with new_game(BALTIC, tmp_path / "b.wargame") as game:
        game.advance(2)
        msel.hold(game, "S4")  # the invasion at Narva is held back
        msel.skip(game, "S3")
        pending = game.pending()
        assert [p.kind for p in pending] == ["script", "script"] and "serial 4" in pending[0].description
        assert {r.serial: r.status for r in msel.all_rows(game)}["S4"] == "held"
        game.advance(3)  # turns 3 to 5
        fired = attack_turns(game)
        assert "4" not in fired and "3" not in fired and fired["5"] == 5
        msel.postpone(game, "S9", 2)  # scheduled for turn 10: now 12
        msel.fire_now(game, "S4")  # from the held-back deck: on turn 6
        game.advance(1)
        assert attack_turns(game)["4"] == 6
        rows = {r.serial: r for r in msel.all_rows(game)}
        assert rows["S9"].turn == 12 and rows["S3"].status == "skipped" and rows["S4"].status == "fired"
        path = game.path
        assert game.verify().ok
    with open_game(path) as game:  # the rescheduling is kept in the saved world
        assert game.world.script == {"3": -1, "4": 6, "9": 12}
        assert {r.serial: r.turn for r in msel.all_rows(game)}["S9"] == 12
        game.advance(6)
        assert attack_turns(game)["9"] == 12 and game.verify().ok


def test_impossible_reschedules_are_refused_in_one_line(tmp_path: Path) -> None:
    with new_game(BALTIC, tmp_path / "c.wargame") as game:
        game.advance(4)
        with pytest.raises(InjectError, match="already fired"):
            msel.hold(game, "S4")
        with pytest.raises(InjectError, match="already fired"):
            game.script({"1": 8})
        with pytest.raises(InjectError, match="no inject with serial '99'"):
            game.script({"99": 8})
        with pytest.raises(InjectError, match="a turn from 5 on"):
            game.script({"9": 2})
        with pytest.raises(InjectError, match="no MSEL serial"):
            msel.skip(game, "S99")
        assert game.pending() == []
