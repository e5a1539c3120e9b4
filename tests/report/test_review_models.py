"""Review read models on a 100-turn engine game: state at a turn, bookmarks, diffs, provenance, compare."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from reportgame import BRANCH_TURN, DEMO, TURNS

from wargame.app import AppError, new_game, open_game, review
from wargame.engine import encode, state_hash


def test_review_shows_the_state_the_live_game_had(game, played) -> None:
    """world_at(t) of the saved game hashes to what the live game's world hashed to at turn t, for every turn."""
    assert game.last_turn == TURNS
    for t in range(TURNS + 1):
        assert state_hash(game.world_at(t)) == played.live_hashes[t], t
    assert game.hashes() == played.live_hashes


def test_auto_bookmarks_cover_every_kind(game) -> None:
    marks = review.auto_bookmarks(game)
    kinds = {b.kind for b in marks}
    assert {"inject", "first_verdict", "invocation", "arrival", "control", "end"} <= kinds
    first = marks[0]
    assert (first.turn, first.kind) == (1, "inject") and "A1" in first.label
    assert [b.turn for b in marks if b.kind == "end"] == [TURNS]
    firsts = [b.label for b in marks if b.kind == "first_verdict"]
    assert len(firsts) == len(set(firsts))
    arrivals = [b for b in marks if b.kind == "arrival"]
    forces = [game.events(b.turn)[b.event_seq - 1].subject for b in arrivals]
    assert len(forces) == len(set(forces)), "only the first arrival of each force"
    for b in marks:
        ev = game.events(b.turn)[b.event_seq - 1]
        assert ev.seq == b.event_seq and ev.summary == b.label


def test_manual_bookmarks_are_stored_in_the_game(played, tmp_path: Path) -> None:
    copy = tmp_path / "copy.wargame"
    shutil.copyfile(played.path, copy)
    with open_game(copy) as g:
        b = review.add_bookmark(g, 12, "  Art 5   debate  ")
        assert (b.turn, b.kind, b.note) == (12, "manual", "Art 5 debate") and b.id is not None
        with pytest.raises(AppError, match="turn 101 does not exist"):
            review.add_bookmark(g, 101, "later")
    with open_game(copy, readonly=True) as g:
        manual = [x for x in review.bookmarks(g) if x.kind == "manual"]
        assert [(x.turn, x.note) for x in manual] == [(12, "Art 5 debate")]
        with pytest.raises(AppError, match="read-only"):
            review.add_bookmark(g, 3, "no")
    with open_game(copy) as g:
        review.remove_bookmark(g, manual[0].id)
        assert not [x for x in review.bookmarks(g) if x.kind == "manual"]
        with pytest.raises(AppError, match="no bookmark"):
            review.remove_bookmark(g, manual[0].id)


def test_diff_turn_is_world_before_against_world_after(game) -> None:
    d = review.diff_turn(game, 1)
    assert ("LVA", "LVA", "RUS") in d.control
    assert any(k == "NATO:5:A1" and a is None and b == "TRIGGERED" for k, a, b in d.verdicts)
    before, after = game.world_at(0), game.world_at(1)
    assert {s for s, _, _ in d.opinion} == {
        s for s in after.nations if abs(after.nations[s].support - before.nations[s].support) > 1e-9
    }
    assert all(b != a for _, b, a in d.forces)
    assert review.diff_turn(game, 0).empty
    with pytest.raises(AppError):
        review.diff_turn(game, TURNS + 1)


def _first(game, kind: str, pred=lambda e: True):
    return next(e for e in game.events(kinds=[kind]) if pred(e))


def test_provenance_of_a_verdict_is_its_own_record(game) -> None:
    ev = _first(game, "verdict", lambda e: e.data["verdict"]["code"] == "TRIGGERED" and e.subject.startswith("NATO:5"))
    prov = review.provenance(game, ev.turn, ev.seq)
    gates = ev.data["verdict"]["gates"]
    assert [(r["label"], r["passed"], r["detail"]) for r in prov.rule] == [
        (g["name"], g["passed"], g["detail"]) for g in gates
    ]
    assert prov.event == encode(ev)
    assert any(r.get("citation") for r in prov.rule)
    injects = [c for c in prov.commands if c["kind"] == "inject"]
    assert injects and injects[0]["payload"]["victim"] == "LVA"
    assert prov.inputs["attacks"]["A1"]["spec"]["location"] == "LVA"
    assert prov.overrides == []


def test_provenance_of_an_engagement_has_its_draws(game) -> None:
    ev = _first(game, "engagement")
    prov = review.provenance(game, ev.turn, ev.seq)
    assert prov.draws and prov.draws == [encode(d) for d in ev.draws]
    assert all(d["stream"].startswith("combat/") for d in prov.draws)


def test_provenance_of_an_attack_finds_the_inject_command(game) -> None:
    ev = _first(game, "attack", lambda e: e.subject == "A1")
    prov = review.provenance(game, ev.turn, ev.seq)
    (cmd,) = prov.commands
    assert cmd["kind"] == "inject" and cmd["turn"] == 1 and cmd["payload"]["description"] == "tanks cross into Latgale"
    scheduled = _first(game, "attack", lambda e: e.subject == "A2")
    assert review.provenance(game, scheduled.turn, scheduled.seq).commands == []
    with pytest.raises(AppError, match="no event 999"):
        review.provenance(game, 1, 999)


def test_branch_played_differently_shows_up_in_compare(game, branch) -> None:
    cmp = review.compare(game, branch, states=["LTU", "LVA", "EST"])
    assert cmp.branch_turn == BRANCH_TURN and cmp.first_divergence == BRANCH_TURN + 1
    assert cmp.at_turn == TURNS
    assert any(key.endswith(":A6") and a is None and b is not None for key, a, b in cmp.verdict_diffs)
    differing = review.series_differ(cmp)
    assert differing and all(t > BRANCH_TURN for turns in differing.values() for t in turns)
    assert any(k.startswith("forces_in_theatre:") or k.startswith("support:LTU") for k in differing)
    early = review.compare(game, branch, at_turn=BRANCH_TURN)
    assert early.verdict_diffs == [] and early.control_diffs == []
    assert set(cmp.series) == set(review.METRICS)
    assert set(cmp.series["support"]) == {f"{lab}:{s}" for lab in (cmp.a, cmp.b) for s in ("LTU", "LVA", "EST")}


def test_compare_refuses_other_scenarios(game, tmp_path: Path) -> None:
    with new_game(DEMO, tmp_path / "short.wargame") as other:
        with pytest.raises(AppError, match="different scenarios"):
            review.compare(game, other)


def test_series_metrics(game) -> None:
    sup = review.series(game, "support", "EST")
    assert [t for t, _ in sup] == list(range(TURNS + 1))
    assert sup[0][1] == game.world_at(0).nations["EST"].support
    fit = dict(review.series(game, "forces_in_theatre", "LVA"))
    w = game.world_at(50)
    expected = sum(
        1
        for f in w.forces.values()
        if f.status.value == "deployed" and f.location == "LVA" and game.scenario.force(f.id).owner == "LVA"
    )
    assert fit[0] == 0 and fit[50] == expected > 0
    with pytest.raises(AppError, match="unknown series"):
        review.series(game, "morale", "EST")
