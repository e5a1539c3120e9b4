"""The military rules of issue 11, one case each (DATC style): roles and releases, domains, arrivals before the
end, theatres, territorial defence, lift queues, munitions, sanctions, nuclear thresholds and what the AI knows."""

from __future__ import annotations

import dataclasses

from builders import D, bilateral, force, nato_like, place, scenario, state

from wargame.engine import (
    AttackKind,
    AttackSpec,
    Command,
    CommandKind,
    Doctrine,
    Domain,
    EventKind,
    ForceDef,
    ForceRole,
    ForceStatus,
    Government,
    Transport,
    encode,
    initial_world,
    resolve_turn,
)
from wargame.engine import ai as ai_mod
from wargame.engine.military import LiftPool, Military, NuclearDoctrine, Plan, Stage, Stock, Theatre, Union


def _force(fid, owner, home, *, role=ForceRole.EXPEDITIONARY, domain=Domain.LAND, kind="brigade", **kw):
    base = force(fid, owner, home, **kw)
    return dataclasses.replace(base, role=role, domain=domain, kind=kind)


def world_of(extra_forces=(), military=Military(), max_turns=30, places=()):
    est = state("EST", lat=59.4, lon=24.7, population_m=1.4, defence_budget_busd=1.5)
    lva = state("LVA", lat=56.95, lon=24.1, population_m=1.9)
    usa = state("USA", continent="north_america", lat=38.9, lon=-77.0, defence_budget_busd=900, population_m=340)
    rus = state("RUS", lat=55.75, lon=37.6, government=Government.AUTOCRACY, doctrine=Doctrine.AGGRESSOR)
    base_places = [
        place("EST-NAR", "land", "EST", "europe", (), 59.38, 28.19),
        place("EST-TLL", "land", "EST", "europe", ("atlantic",), 59.44, 24.75),
        place("SEA-BAL", "sea", None, "", ("atlantic",), 58.0, 20.0),
        place("RUS-LUG", "land", "RUS", "europe", (), 58.74, 29.85),
    ]
    base_places = [dataclasses.replace(p, coastal=p.id == "EST-TLL", airbase=p.id == "EST-TLL") for p in base_places]
    forces = [
        _force("EST-1", "EST", "EST-TLL", cp=5, readiness=1),
        _force("USA-82", "USA", "USA", cp=3, readiness=1, speed=8000, transport=Transport.AIR),
        _force("RUS-6A", "RUS", "RUS-LUG", cp=40, readiness=0),
        *extra_forces,
    ]
    nato = nato_like({"EST": D(2004, 3, 29), "LVA": D(2004, 3, 29), "USA": None})
    sc = scenario([est, lva, usa, rus], [*base_places, *places], [nato], forces, max_turns=max_turns)
    return dataclasses.replace(sc, military=military)


def invade(sc, turns, seed=5, extra=None, controlled=(), place_id="EST-NAR", ai=()):
    world = initial_world(sc)
    events = []
    spec = AttackSpec("RUS", "EST", place_id, AttackKind.INVASION, casualties=40, attribution=0.95)
    for t in range(1, turns + 1):
        cmds = [Command(CommandKind.INJECT, 1, encode(spec))] if t == 1 else []
        cmds += (extra or {}).get(t, [])
        rec = resolve_turn(sc, world, cmds, seed, controlled=controlled, ai=ai)
        world, events = rec.world, events + list(rec.events)
    return world, events


def deploy(t, state_id, fid, dest, **kw):
    return Command(
        CommandKind.DECIDE, t, {"state": state_id, "action": "deploy", "force": fid, "destination": dest, **kw}
    )


def rejected(events, needle):
    return [e for e in events if e.kind is EventKind.REJECTED and needle in e.summary]


def test_a_home_defence_force_leaves_its_state_only_when_a_decision_releases_it():
    """A home-defence force ordered abroad is refused ('it needs a decision that releases it'); ordered with a
    release, it goes, and the release is a logged decision that names why."""
    home = _force("USA-HD", "USA", "USA", role=ForceRole.HOME_DEFENCE, cp=4, readiness=0, speed=8000)
    sc = world_of([home])
    _, ev = invade(sc, 2, extra={1: [deploy(1, "USA", "USA-HD", "EST-TLL")]}, controlled=("USA",))
    assert rejected(ev, "home-defence force") and rejected(ev, "releases it")
    w, ev2 = invade(
        sc, 2, extra={1: [deploy(1, "USA", "USA-HD", "EST-TLL", release="the President's order")]}, controlled=("USA",)
    )
    rel = [e for e in ev2 if e.kind is EventKind.DECISION and e.data.get("level") == "release"]
    assert rel and "the President's order" in rel[0].summary and w.forces["USA-HD"].release


def test_forward_forces_defend_where_they_stand():
    """An allied forward-presence force at the invaded place fights there without any order (eFP: it defends
    its host); it does not leave its host state on its own."""
    efp = _force("USA-EFP", "USA", "EST-NAR", role=ForceRole.FORWARD_PRESENCE, cp=6, readiness=0)
    sc = world_of([efp])
    _, ev = invade(sc, 3)
    fights = [e for e in ev if e.kind is EventKind.ENGAGEMENT and e.subject == "EST-NAR" and e.reasons]
    assert fights and any("USA-EFP" in e.reasons[0].facts.get("defender_forces", []) for e in fights)
    assert not any(e.kind is EventKind.DEPART and e.subject == "USA-EFP" for e in ev)


def test_a_move_the_domain_forbids_is_refused_with_the_reason():
    """Ships do not sail to inland Narva, tanks do not go to the Baltic Sea, air wings go to bases."""
    ships = _force("USA-CSG", "USA", "SEA-BAL", domain=Domain.SEA, kind="carrier_strike_group", readiness=0)
    wing = _force("USA-FW", "USA", "EST-TLL", domain=Domain.AIR, kind="fighter_wing", readiness=0)
    sc = world_of([ships, wing])
    cmds = {
        1: [
            deploy(1, "USA", "USA-CSG", "EST-NAR"),
            deploy(1, "USA", "USA-82", "SEA-BAL"),
            deploy(1, "USA", "USA-FW", "EST-NAR"),
        ]
    }
    _, ev = invade(sc, 1, extra=cmds, controlled=("USA",))
    assert rejected(ev, "EST-NAR is inland: naval forces go to sea areas and coastal places")
    assert rejected(ev, "is a sea area: land forces go to land")
    assert rejected(ev, "EST-NAR has no air base")


def test_a_move_that_would_arrive_after_the_end_is_refused_when_ordered():
    """With the game ending on turn 2, a force that needs days to get there is not sent, and says why."""
    slow = _force("USA-SLOW", "USA", "USA", cp=4, readiness=0, speed=300)
    sc = world_of([slow], max_turns=2)
    _, ev = invade(sc, 1, extra={1: [deploy(1, "USA", "USA-SLOW", "EST-TLL")]}, controlled=("USA",))
    assert rejected(ev, "after the game's last day")


def test_nothing_leaves_a_theatre_under_attack_for_another_without_a_release():
    """While Europe is under attack, the default policy sends no European force to another theatre, and a seat's
    order to do so is refused unless it releases the force."""
    theatres = (
        Theatre("europe", "Europe", ((34.0, 72.0, -25.0, 45.0),)),
        Theatre("america", "America", ((15.0, 72.0, -170.0, -50.0),)),
    )
    eu = _force("USA-EUR", "USA", "EST-TLL", cp=4, readiness=0, speed=8000)
    sc = world_of([eu], military=Military(theatres=theatres))
    _, ev = invade(sc, 2, extra={2: [deploy(2, "USA", "USA-EUR", "USA")]}, controlled=("USA",))
    assert rejected(ev, "its theatre (Europe) is under attack")
    _, ev2 = invade(
        sc, 2, extra={2: [deploy(2, "USA", "USA-EUR", "USA", release="home to the hurricane")]}, controlled=("USA",)
    )
    assert any(e.kind is EventKind.DECISION and e.data.get("level") == "release" for e in ev2)


def test_a_state_without_forces_is_defended_by_a_territorial_estimate():
    """Latvia has no formed forces here: an invasion meets a territorial-defence estimate (never walked through in
    one step), which slows and bleeds the attacker but cannot hold for ever."""
    sc = world_of()
    world = initial_world(sc)
    spec = AttackSpec("RUS", "LVA", "LVA", AttackKind.INVASION, casualties=10)
    events = []
    for t in range(1, 8):
        cmds = [Command(CommandKind.INJECT, 1, encode(spec))] if t == 1 else []
        rec = resolve_turn(sc, world, cmds, 3, controlled=("USA", "EST"))
        world, events = rec.world, events + list(rec.events)
    fights = [e for e in events if e.kind is EventKind.ENGAGEMENT and e.subject == "LVA" and e.reasons]
    assert fights and all(e.reasons[0].facts["territorial_power"] > 0 for e in fights)
    assert not any(e.kind is EventKind.CONTROL and "undefended" in e.reasons[0].detail for e in events)
    assert world.nations["LVA"].casualties > 10 and world.territorial.get("LVA", 1.0) < 1.0


def test_strategic_lift_is_a_queue_so_the_order_of_arrival_is_a_choice():
    """Two brigades flown by the same airlift pool: the one ordered first arrives first; the pool's rate and the
    airfield's reception are named in the move's reasons."""
    a = _force("USA-A", "USA", "USA", cp=3, readiness=0, speed=0, transport=Transport.AIR, personnel=3000)
    b = _force("USA-B", "USA", "USA", cp=3, readiness=0, speed=0, transport=Transport.AIR, personnel=3000)
    lift = (LiftPool("USA", "air", 2000.0, 7000.0, "test pool"),)
    sc = world_of(
        [a, b], military=Military(lift=lift), places=[place("USA-X", "sea", None, "", ("atlantic",), 40.0, -40.0)]
    )
    # no land route over the Atlantic: the builder world has no outlines, so make the USA an island by sea
    sc = dataclasses.replace(
        sc, locations={**sc.locations, "USA": dataclasses.replace(sc.locations["USA"], airbase=True)}
    )
    w, ev = invade(
        sc,
        8,
        extra={1: [deploy(1, "USA", "USA-B", "EST-TLL"), deploy(1, "USA", "USA-A", "EST-TLL")]},
        controlled=("USA",),
    )
    deps = {e.subject: e for e in ev if e.kind is EventKind.DEPART}
    assert set(deps) >= {"USA-A", "USA-B"}
    assert deps["USA-B"].data["arrive_day"] <= deps["USA-A"].data["arrive_day"]


def test_munitions_are_drawn_down_and_refilled_only_at_the_production_rate():
    """Fighting fires artillery from the stock (paid for at its unit cost); industry refills it daily; an empty
    stock halves the fires (research §7)."""
    stocks = (
        Stock("RUS", "artillery", 1000.0, 10.0, 0.002, "test"),
        Stock("EST", "artillery", 0.0, 0.0, 0.005, "test"),
    )
    dug_in = _force("EST-2", "EST", "EST-NAR", cp=20, readiness=0)
    sc = world_of([dug_in], military=Military(munitions=stocks))
    w, ev = invade(sc, 4)
    fights = [e for e in ev if e.kind is EventKind.ENGAGEMENT and e.summary.startswith("Fighting")]
    assert fights
    assert w.munitions["RUS:artillery"] < 1000.0 + 4 * 10.0
    assert w.munitions["EST:artillery"] == 0.0
    assert any(t.label == "Munitions fired" and t.value < 0 for t in w.nations["RUS"].budget_terms)


def test_crossing_a_nuclear_threshold_is_handed_to_the_white_cell():
    """When Estonia's counter-attack takes a Russian place, Russia's declared threshold (homeland invaded) is
    crossed: a white-cell event and a pending decision; the engine resolves nothing."""
    nuke = (NuclearDoctrine("RUS", ("homeland_invaded",), (), True, "test doctrine", "test"),)
    sc = world_of(military=Military(nuclear=nuke))
    world = initial_world(sc)
    spec = AttackSpec("RUS", "EST", "EST-NAR", AttackKind.INVASION, casualties=40)
    rec = resolve_turn(sc, world, [Command(CommandKind.INJECT, 1, encode(spec))], 3)
    world = rec.world
    world.control["RUS-LUG"] = "EST"  # the white cell's ruling: Estonian forces took Luga
    rec = resolve_turn(sc, world, [], 3)
    items = rec.world.white_cell
    assert items and items[0].kind == "homeland_invaded" and not items[0].resolved
    ev = [e for e in rec.events if e.kind is EventKind.NUCLEAR and e.data.get("white_cell")]
    assert ev and "does not resolve nuclear use" in ev[0].summary
    assert rec.world.nuclear["RUS"].level == 4


def test_sanctions_need_the_unions_unanimity_and_cost_gdp_budget_and_support():
    """Once a member wants sanctions, a union package is adopted after its lag (longer if a member holds out);
    the target loses GDP and revenue, imposers lose a little GDP and some support over time."""
    eu = bilateral("EU-42-7", "EST", "LVA")
    union = (Union("EU", "European Union", eu.id, "unanimity", 2.0, 35.0, "test"),)
    sc = world_of(military=Military(unions=union))
    sc = dataclasses.replace(sc, treaties=sc.treaties + (eu,))
    w, ev = invade(sc, 12)
    adopted = [e for e in ev if e.kind is EventKind.SANCTIONS and "adopts" in e.summary]
    assert adopted and w.sanctions["RUS"].imposers
    assert w.nations["RUS"].gdp_change_pct < 0 and w.nations["EST"].gdp_change_pct < 0
    assert any(t.label.startswith("Sanctions fatigue") for t in w.nations["EST"].support_terms)
    assert any(t.label.startswith("Sanctions") and t.value < 0 for t in w.nations["RUS"].budget_terms)


def test_the_ai_never_reads_another_states_private_decisions():
    """Two worlds that differ only in another state's orders, pending votes, permissions and the white cell give
    the aggressor the same view and the same move (canary values)."""
    plan = Plan("RUS", "eu", ("EST",), (Stage(("EST-NAR",), 2.0),))
    sc = world_of(military=Military(theatres=(Theatre("eu", "Europe", ((34.0, 72.0, -25.0, 45.0),)),), plans=(plan,)))
    w1 = initial_world(sc)
    w2 = initial_world(sc)
    w2.forces["USA-82"].destination = "EST-NAR"
    w2.forces["USA-82"].mission = "CANARY"
    w2.nations["USA"].approvals["deploy:CANARY"] = 3
    w2.nations["USA"].responses["CANARY"] = "deploy"  # type: ignore[assignment]
    v1, v2 = ai_mod.view_for(sc, w1, "RUS"), ai_mod.view_for(sc, w2, "RUS")
    assert v1 == v2 and "CANARY" not in repr(v2)
    m1, m2 = ai_mod.decide(sc, v1, 1, "normal", 9), ai_mod.decide(sc, v2, 1, "normal", 9)
    assert m1 == m2


def test_forces_keep_their_kind_domain_and_role():
    """A force's domain defaults from its kind (sea and air kinds by name) and its role to expeditionary."""
    from wargame.engine.forces import domain_of_kind

    assert domain_of_kind("carrier_strike_group") is Domain.SEA and domain_of_kind("fighter_wing") is Domain.AIR
    assert domain_of_kind("armoured_brigade") is Domain.LAND
    assert ForceDef("X", "USA", "x", "brigade", 1, 1, "USA", 0).role is ForceRole.EXPEDITIONARY
    assert ForceStatus.DESTROYED.value == "destroyed"
