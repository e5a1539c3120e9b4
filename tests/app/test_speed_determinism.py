"""The engine's speed-ups (issue 16) change no outcome: fixed Baltic runs give the hashes and event logs the engine
gave before them, whether each run starts from a freshly loaded scenario (cold memos) or follows others in the same
process (the route memo shared through ``Scenario.derive``)."""

from __future__ import annotations

import dataclasses
import hashlib
import json

from wargame.app import batch as B
from wargame.app import variations as V
from wargame.engine import RULES_VERSION, Scenario, encode, initial_world, resolve_turn, state_hash

BEFORE: dict[int, list[tuple[int, int, str, str]]] = {
    # (seed, last turn, state_hash, sha256 of the event log) of runs 1-3 of `plan_batch("baltic", 3, turns=60)`,
    # computed with the engine of main at b9cab10, before the speed-ups (at 622e4e6, before main's Budapest change,
    # the engine gave other figures, and the speed-ups gave those too). A change meant to change outcomes replaces
    # them with figures made the same way by the engine of that change (a RULES_VERSION bump adds a version here).
    3: [
        (
            3043085955447085036,
            16,
            "eebf7029e4736fb2e6a3d5c38d52a59242b22e506d9c126e84349ab1071317be",
            "0353b60a647acd31af8c6ac4f89e127d1121b742952020bd01ab248f789e0704",
        ),
        (
            6278478077450809177,
            17,
            "03b1d664a3b944171e30c87230e1cf9511a778c700879f302686f07ef1c40257",
            "911130bd89e0b2fbd7592dcfb44f55aed1680ef805bb5b6876cefa42a578ff96",
        ),
        (
            1331417134430945498,
            16,
            "605c6445ca1e686d5586254dc5262d3d0935fd63385c58c2b5c689b51a6e4c73",
            "a93395e1e39c2c8cdfa465d34f22de86a4ddf1dddc78e7b7748939fff8834026",
        ),
    ]
}


def _play(base: Scenario, spec: B.RunSpec) -> tuple[int, int, str, str]:
    changes, difficulty = V.split_difficulty(spec.assignment)
    scenario = V.apply(base, changes)
    ai = frozenset(B.seats_of(scenario))
    world = initial_world(scenario)
    log = hashlib.sha256()
    while not world.ended:
        rec = resolve_turn(scenario, world, (), spec.seed, (), ai, difficulty)
        world = rec.world
        log.update(json.dumps([encode(e) for e in rec.events], sort_keys=True).encode())
    return spec.seed, world.turn, state_hash(world), log.hexdigest()


def test_fixed_runs_give_the_hashes_and_events_of_before_the_speed_ups() -> None:
    assert RULES_VERSION in BEFORE, "add this rules version's figures to BEFORE (see the comment there)"
    plan = B.plan_batch("baltic", 3, turns=60)
    base = plan.source.load()
    warm = [_play(base, spec) for spec in plan.runs]  # one process, the route memo shared run after run
    derived = V.apply(base, dict(plan.runs[0].assignment))
    assert derived is not base and derived.route_cache is base.route_cache
    B._LOADED.clear()
    cold = _play(plan.source.load(), plan.runs[2])  # a fresh scenario: every memo empty
    assert warm == BEFORE[RULES_VERSION]
    assert cold == warm[2]


def test_a_varied_scenario_that_changes_route_inputs_gets_its_own_memo() -> None:
    plan = B.plan_batch("baltic", 1, turns=5)
    base = plan.source.load()
    same = base.derive(max_turns=7)
    other = base.derive(rules=dataclasses.replace(base.rules, air_radius_km=1.0))
    assert same.route_cache is base.route_cache and other.route_cache is not base.route_cache
