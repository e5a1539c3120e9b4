"""Property tests: replay reproduces games; opinion and budget invariants hold under random play."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wargame.app import new_game
from wargame.engine import (
    AttackKind,
    AttackSpec,
    Command,
    CommandKind,
    EventKind,
    InjectError,
    TargetKind,
    check_attack,
    encode,
    initial_world,
    resolve_turn,
)
from wargame.scenario import load_scenario

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "assets" / "scenarios" / "demo.toml"
SCENARIO = load_scenario(DEMO)
STATES = sorted(s for s, v in SCENARIO.states.items() if not v.non_state)
ATTACKERS = sorted(SCENARIO.states)
PLACES = sorted(SCENARIO.locations)

attack_st = st.builds(
    AttackSpec,
    attacker=st.sampled_from(ATTACKERS),
    victim=st.sampled_from(STATES),
    location=st.sampled_from(PLACES),
    kind=st.sampled_from(list(AttackKind)),
    target=st.sampled_from(list(TargetKind)),
    casualties=st.integers(0, 3000),
    damage_musd=st.floats(0, 5000, allow_nan=False),
    attribution=st.floats(0, 1, allow_nan=False),
    victim_initiated=st.booleans(),
    request=st.booleans(),
)
plan_st = st.lists(st.tuples(st.integers(1, 12), attack_st), min_size=1, max_size=6)


def valid(spec: AttackSpec) -> bool:
    try:
        check_attack(SCENARIO, spec)
    except InjectError:
        return False
    return True


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(plan=plan_st, seed=st.integers(0, 2**31), turns=st.integers(3, 12))
def test_replay_reproduces_every_event_and_hash(tmp_path_factory, plan, seed, turns):
    """Replaying a saved game's commands from its scenario reproduces every event and every state hash."""
    path = tmp_path_factory.mktemp("p") / "g.wargame"
    with new_game(DEMO, path, seed=seed) as game:
        for t in range(1, turns + 1):
            for when, spec in plan:
                if when == t and valid(spec):
                    try:
                        game.inject(spec)
                    except InjectError:
                        pass  # the world may forbid it by now (the game ended)
            if game.world.ended:
                break
            game.advance(1)
        rep = game.verify()
        assert rep.ok, encode(rep)


@settings(max_examples=25, deadline=None)
@given(plan=plan_st, seed=st.integers(0, 2**31), poor=st.booleans())
def test_opinion_in_range_and_no_silent_negative_budget(plan, seed, poor):
    """Opinion stays within 0..100, and a budget never goes negative without the state being flagged
    exhausted and an event saying so."""
    sc = SCENARIO
    if poor:
        sc = dataclasses.replace(
            sc,
            states={
                k: dataclasses.replace(v, defence_budget_busd=v.defence_budget_busd / 200) for k, v in sc.states.items()
            },
        )
    world = initial_world(sc)
    announced: set[str] = set()
    for t in range(1, 16):
        cmds = [Command(CommandKind.INJECT, t, encode(spec)) for when, spec in plan if when == t and valid(spec)]
        if world.ended:
            break
        rec = resolve_turn(sc, world, cmds, seed)
        world = rec.world
        for e in rec.events:
            if e.kind is EventKind.BUDGET and e.data.get("exhausted") is True:
                announced.add(e.subject)
        for sid, n in world.nations.items():
            assert 0.0 <= n.support <= 100.0
            assert abs(sum(x.value for x in n.support_terms) - n.support) < 1e-6
            if n.budget_musd < 0:
                assert n.exhausted and sid in announced, (sid, n.budget_musd)
