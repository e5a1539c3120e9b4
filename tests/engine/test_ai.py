"""Solo play: the aggressor AI weighs deterrence; allies hesitate or decline; white-cell overrides."""

from __future__ import annotations

import dataclasses

from builders import D, force, nato_like, place, scenario, state

from wargame.engine import (
    AttackKind,
    AttackSpec,
    Command,
    CommandKind,
    Doctrine,
    EventKind,
    Government,
    VerdictKey,
    encode,
    initial_world,
    resolve_turn,
)
from wargame.engine.military import Military, Plan, Stage, Theatre


def two_flanks(strengthen_north: bool = False):
    est = state("EST", lat=59.4, lon=24.7, population_m=1.4)
    pol = state("POL", lat=52.2, lon=21.0, population_m=37)
    usa = state("USA", continent="north_america", lat=38.9, lon=-77.0, defence_budget_busd=900)
    rus = state("RUS", lat=55.75, lon=37.6, government=Government.AUTOCRACY, doctrine=Doctrine.AGGRESSOR)
    places = [
        place("EST-NAR", "land", "EST", "europe", (), 59.38, 28.19),
        place("POL-SUW", "land", "POL", "europe", (), 54.10, 22.93),
        place("RUS-IVG", "land", "RUS", "europe", (), 59.37, 28.20),
        place("RUS-KGD", "land", "RUS", "europe", ("atlantic",), 54.71, 20.51),
    ]
    forces = [
        force("EST-1", "EST", "EST-NAR", cp=5),
        force("POL-1", "POL", "POL-SUW", cp=5),
        force("RUS-N", "RUS", "RUS-IVG", cp=30, readiness=0),
        force("RUS-S", "RUS", "RUS-KGD", cp=30, readiness=0),
        force("USA-82", "USA", "USA", cp=8, readiness=1, speed=8000),
    ]
    if strengthen_north:
        forces += [
            force(f"EST-REINF{i}", "EST", "EST-NAR", cp=40, readiness=0, speed=80) for i in range(3)
        ]  # territorial defence: slow to leave
    nato = nato_like({"EST": D(2004, 3, 29), "POL": D(1999, 3, 12), "USA": None})
    sc = scenario([est, pol, usa, rus], places, [nato], forces)
    plan = Plan("RUS", "flanks", ("EST", "POL"), (Stage(("EST-NAR", "POL-SUW"), 3.0, "the flanks"),))
    theatre = Theatre("flanks", "The northern flank", ((50.0, 62.0, 15.0, 35.0),))
    return dataclasses.replace(sc, military=Military(theatres=(theatre,), plans=(plan,)))


def ai_first_attack(sc):
    world = initial_world(sc)
    for _t in range(1, 5):
        rec = resolve_turn(sc, world, [], 3, ai=("RUS",))
        world = rec.world
        attacks = [e for e in rec.events if e.kind is EventKind.ATTACK]
        if attacks:
            ai_events = [e for e in rec.events if e.kind is EventKind.AI]
            return attacks[0].data["attack"]["spec"], ai_events
    raise AssertionError("the AI never attacked")


def test_aggressor_probes_the_weaker_flank_and_switches_when_it_is_strengthened():
    """The aggressor attacks where the credibility-weighted defence it can expect is weakest; strengthening
    that flank moves its choice to the other, and its reasoning is logged with deterrence ratios."""
    spec, why = ai_first_attack(two_flanks())
    assert spec["victim"] == "EST"
    assert spec["kind"] == "gray_zone"  # the first rung of the ladder: a probe below the threshold
    assert any("ratio" in r.detail for e in why for r in e.reasons)
    spec2, _ = ai_first_attack(two_flanks(strengthen_north=True))
    assert spec2["victim"] == "POL"


def test_aggressor_climbs_the_ladder_one_rung_at_a_time():
    """While deterrence stays low the aggressor escalates: probe, then limited strike, then invasion."""
    sc = two_flanks()
    world = initial_world(sc)
    kinds = []
    for _ in range(12):
        rec = resolve_turn(sc, world, [], 3, ai=("RUS",))
        world = rec.world
        kinds += [e.data["attack"]["spec"]["kind"] for e in rec.events if e.kind is EventKind.ATTACK]
    assert kinds[:3] == ["gray_zone", "strike", "invasion"]


def test_aggressor_is_deterred_on_easy_and_bolder_on_hard():
    """Difficulty changes boldness: a deterrence ratio that deters an easy aggressor does not deter a hard one."""
    sc = two_flanks(strengthen_north=True)
    sc = dataclasses.replace(
        sc,
        forces=sc.forces + tuple(force(f"POL-R{i}", "POL", "POL-SUW", cp=40, readiness=0, speed=80) for i in range(2)),
    )

    def first(difficulty):
        world = initial_world(sc)
        rec = resolve_turn(sc, world, [], 3, ai=("RUS",), difficulty=difficulty)
        return [e for e in rec.events if e.kind in (EventKind.AI, EventKind.ATTACK)]

    easy = first("easy")
    assert not any(e.kind is EventKind.ATTACK for e in easy)
    assert any(r.label == "deterred" for e in easy for r in e.reasons)
    assert any(e.kind is EventKind.ATTACK for e in first("hard"))


def _invasion(sc, turns, commands=None, difficulty="normal"):
    world = initial_world(sc)
    events = []
    spec = AttackSpec("RUS", "EST", "EST-NAR", AttackKind.INVASION, casualties=40, attribution=0.95)
    for t in range(1, turns + 1):
        cmds = [Command(CommandKind.INJECT, 1, encode(spec))] if t == 1 else []
        cmds += (commands or {}).get(t, [])
        rec = resolve_turn(sc, world, cmds, 5, difficulty=difficulty)
        world = rec.world
        events += rec.events
    return world, events


def test_ally_with_low_support_declines_and_says_why():
    """An ally whose support is far below its threshold declines to commit forces, and the reason is logged."""
    sc = two_flanks()
    usa = dataclasses.replace(sc.states["USA"], opinion_baseline=26, support_threshold=60)
    sc = dataclasses.replace(sc, states={**sc.states, "USA": usa})
    world, events = _invasion(sc, 4)
    assert world.nations["USA"].responses["A1"] == "declined"
    why = [r for e in events if e.kind is EventKind.DECISION and e.subject == "USA" for r in e.reasons]
    assert any(r.label == "opinion" and "far below" in r.detail for r in why)


def test_ally_with_exhausted_budget_delays_and_says_why():
    """An ally whose operations budget is exhausted hesitates (delays) and asks for a supplemental."""
    sc = two_flanks()
    world0 = initial_world(sc)
    world0.nations["USA"].budget_terms[0].value = -5.0
    world0.nations["USA"].budget_musd = -5.0
    world0.nations["USA"].exhausted = True
    spec = AttackSpec("RUS", "EST", "EST-NAR", AttackKind.INVASION, casualties=40, attribution=0.95)
    world, events = world0, []
    for t in range(1, 4):
        rec = resolve_turn(sc, world, [Command(CommandKind.INJECT, 1, encode(spec))] if t == 1 else [], 5)
        world, events = rec.world, events + list(rec.events)
    assert world.nations["USA"].responses["A1"] == "delayed"
    assert any(
        e.kind is EventKind.DECISION and "delays" in e.summary and any(r.label == "budget" for r in e.reasons)
        for e in events
    )


def test_hard_difficulty_makes_allies_less_reliable():
    """On hard, allies weigh their public's support 10 points lower; a marginal ally then declines."""
    sc = two_flanks()
    usa = dataclasses.replace(sc.states["USA"], opinion_baseline=41, support_threshold=60)
    sc = dataclasses.replace(sc, states={**sc.states, "USA": usa})
    assert _invasion(sc, 4)[0].nations["USA"].responses["A1"] != "declined"
    assert _invasion(sc, 4, difficulty="hard")[0].nations["USA"].responses["A1"] == "declined"


def test_white_cell_overrides_a_verdict_with_its_rationale():
    """The facilitator can overrule a verdict; the override stands on later turns, keeps the computed gates
    visible and adds its own gate with the rationale. Without a rationale it is refused."""
    sc = two_flanks()
    ov = {"target": "verdict", "key": "NATO:5:A1", "value": "BELOW_THRESHOLD", "rationale": "exercise: hold Art 5 back"}
    world, events = _invasion(sc, 3, {2: [Command(CommandKind.OVERRIDE, 2, ov)]})
    v = world.verdicts[VerdictKey.parse("NATO:5:A1")]
    assert v.code == "BELOW_THRESHOLD"
    assert v.gates[-1].name == "override" and "hold Art 5 back" in v.gates[-1].detail
    assert any(e.kind is EventKind.OVERRIDE for e in events)
    bad = dict(ov, rationale="  ")
    _, ev2 = _invasion(sc, 2, {2: [Command(CommandKind.OVERRIDE, 2, bad)]})
    assert any(e.kind is EventKind.REJECTED and "rationale" in e.summary for e in ev2)


def test_white_cell_overrides_opinion_budget_control_and_decision():
    """Opinion, budget, engagement results (control) and decisions can be overruled; each shows as a term or event."""
    sc = two_flanks()
    cmds = {
        2: [
            Command(
                CommandKind.OVERRIDE,
                2,
                {"target": "opinion", "key": "USA", "value": 80, "rationale": "a rally the model misses"},
            ),
            Command(
                CommandKind.OVERRIDE, 2, {"target": "budget", "key": "POL", "value": 5000, "rationale": "EU funds"}
            ),
            Command(
                CommandKind.OVERRIDE,
                2,
                {"target": "control", "key": "EST-NAR", "value": "EST", "rationale": "umpire ruling"},
            ),
            Command(
                CommandKind.OVERRIDE,
                2,
                {"target": "decision", "key": "POL:A1", "value": "declined", "rationale": "political guidance"},
            ),
        ]
    }
    world, events = _invasion(sc, 2, cmds)
    assert abs(world.nations["USA"].support - 80) < 1e-6
    assert any("White-cell" in t.label for t in world.nations["USA"].support_terms)
    assert abs(world.nations["POL"].budget_musd - 5000) < 1e-6
    assert world.nations["POL"].responses["A1"] == "declined"
    assert any(e.kind is EventKind.CONTROL and "white-cell" in e.summary for e in events)
