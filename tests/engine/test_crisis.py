"""Rule cases for the crisis model of issue 10, one per named rule, in the manner of the DATC.

Numbered by item: 1xx gravity, 2xx requests and forums, 3xx attribution, 4xx the UN, 5xx consultations, 6xx
decisions and obligations, 7xx legal clocks, 8xx opinion, 9xx necessity and anticipation. Each docstring states
the rule in plain words and the source it follows. The worlds are built in code (``builders.py``).
"""

from __future__ import annotations

import dataclasses
import math
import statistics

import pytest
from builders import D, baltic, bilateral, crisis_world, state

from wargame.engine import (
    AttackKind,
    AttackSpec,
    Command,
    CommandKind,
    CouncilSeats,
    DecisionRule,
    Doctrine,
    EventKind,
    Gravity,
    Intent,
    LegalClock,
    Obligation,
    Outcome,
    Relation,
    RelationKind,
    ResponseLevel,
    Rules,
    ScopeClause,
    ScopeResult,
    Sponsor,
    Sponsorship,
    TargetKind,
    VerdictCode,
    VerdictKey,
    assess,
    assess_gravity,
    encode,
    initial_world,
    resolve_turn,
)
from wargame.engine.attribution import attribution_class, clock_parameters, responsible_state, start

R = Rules()


def spec(attacker="RUS", victim="EST", location="EST-NAR", kind=AttackKind.MISSILE, **kw) -> AttackSpec:
    return AttackSpec(attacker, victim, location, kind, **kw)


def grav(**kw) -> Gravity:
    return assess_gravity(spec(**kw), R)[0]


def play(sc, commands_by_turn, turns, seed=7, controlled=()):
    world = initial_world(sc)
    events = []
    for t in range(1, turns + 1):
        cmds = []
        for k, p in commands_by_turn.get(t, []):
            cmds.append(Command(k, t, encode(p) if isinstance(p, AttackSpec) else p))
        rec = resolve_turn(sc, world, cmds, seed, controlled)
        events.extend(rec.events)
        world = rec.world
    return world, events


def inject(s: AttackSpec):
    return (CommandKind.INJECT, s)


def decide(**payload):
    return (CommandKind.DECIDE, payload)


def of(events, kind: EventKind, subject: str | None = None):
    return [e for e in events if e.kind is kind and (subject is None or e.subject == subject)]


def code(world, key: str) -> str:
    return world.verdicts[VerdictKey.parse(key)].code.value


# ============================================================================ 1. gravity


def test_101_frontier_shelling_is_a_use_of_force_not_an_armed_attack():
    """A single volley of shells killing 5 is a frontier incident, capped at a use of force (ICJ Nicaragua §195;
    Akcakale 2012); 10 killed, or a barrage of 100 rounds on an inhabited place (Yeonpyeong 2010), is an armed
    attack."""
    assert grav(kind=AttackKind.SHELLING, casualties=5) is Gravity.USE_OF_FORCE
    assert grav(kind=AttackKind.SHELLING, casualties=10) is Gravity.ARMED_ATTACK
    assert grav(kind=AttackKind.SHELLING, casualties=4, weapons=170) is Gravity.ARMED_ATTACK
    assert grav(kind=AttackKind.SHELLING, casualties=150) is Gravity.STATE_OF_WAR


def test_102_a_patrol_incursion_is_capped_and_an_invasion_in_force_is_war():
    """Troops below a company crossing briefly are a frontier incident (EECC 2005); a company or more holding
    ground is an armed attack (GA res 3314 Art 3(a)); a brigade, or an invasion of unstated size, a state of war."""
    assert grav(kind=AttackKind.INVASION, troops=30) is Gravity.USE_OF_FORCE
    assert grav(kind=AttackKind.INVASION, troops=500) is Gravity.ARMED_ATTACK
    assert grav(kind=AttackKind.INVASION, troops=5000) is Gravity.STATE_OF_WAR
    assert grav(kind=AttackKind.INVASION) is Gravity.STATE_OF_WAR
    assert grav(kind=AttackKind.HYBRID, troops=20000) is Gravity.STATE_OF_WAR  # Crimea: covert forces seize ground


def test_103_a_warship_disabled_is_an_armed_attack():
    """'The mining of a single military vessel' may be an armed attack (ICJ Oil Platforms §72): the Samuel B.
    Roberts, holed, 10 injured, nobody killed."""
    assert grav(kind=AttackKind.NAVAL, target=TargetKind.FORCES, platforms=1, injured=10) is Gravity.ARMED_ATTACK
    assert grav(kind=AttackKind.NAVAL, target=TargetKind.FORCES, injured=6) is Gravity.USE_OF_FORCE  # Kerch 2018


def test_104_a_salvo_is_judged_by_the_force_used():
    """Five missiles or drones aimed at the victim are an armed attack even if intercepted (Iran's raid of 13-14
    Apr 2024); fifty are a state of war; one missile killing two is a use of force."""
    assert grav(weapons=5) is Gravity.ARMED_ATTACK
    assert grav(weapons=300) is Gravity.STATE_OF_WAR
    assert grav(casualties=2) is Gravity.USE_OF_FORCE


def test_105_cyber_without_physical_effects_is_capped():
    """Cyber harm that is economic only stays a use of force however large (NotPetya, about US$10 bn); a denial of
    service is an incident (Estonia 2007); physical destruction on a kinetic scale is an armed attack (Tallinn
    Manual 2.0 Rules 69, 71)."""
    assert grav(kind=AttackKind.CYBER, damage_musd=10_000) is Gravity.USE_OF_FORCE
    assert grav(kind=AttackKind.CYBER) is Gravity.INCIDENT
    assert grav(kind=AttackKind.CYBER, damage_musd=150, physical=True) is Gravity.ARMED_ATTACK
    assert grav(kind=AttackKind.CYBER, casualties=12) is Gravity.ARMED_ATTACK


def test_106_terrorism_needs_scale_and_direction_from_abroad():
    """A terrorist attack directed from abroad is an armed attack from 100 killed (Paris 2015: 130) and a state of
    war from 1,000 (9/11); a domestic cell is capped at a use of force (London 2005: 52)."""
    assert grav(kind=AttackKind.TERRORIST, casualties=130) is Gravity.ARMED_ATTACK
    assert grav(kind=AttackKind.TERRORIST, casualties=2977) is Gravity.STATE_OF_WAR
    assert grav(kind=AttackKind.TERRORIST, casualties=2977, domestic=True) is Gravity.USE_OF_FORCE
    assert grav(kind=AttackKind.TERRORIST, casualties=52) is Gravity.USE_OF_FORCE


def test_107_an_accident_is_never_an_armed_attack():
    """An accidental attack is at most a use of force against whoever fired it (Przewodow 2022; USS Stark 1987)."""
    g, why = assess_gravity(spec(casualties=37, intent=Intent.ACCIDENTAL), R)
    assert g is Gravity.USE_OF_FORCE and "accidental" in why


def _series(sc, specs, turns=None):
    cmds = {i + 1: [inject(s)] for i, s in enumerate(specs)}
    return play(sc, cmds, turns or len(specs) + 1)


def test_108_minor_incidents_even_taken_together_stay_below():
    """The Oil Platforms series (a missile on a tanker, mines, fire on helicopters: injuries only) 'even taken
    cumulatively' was no armed attack (ICJ Oil Platforms §64): three such incidents stay below the threshold."""
    incs = [spec(kind=AttackKind.MISSILE, casualties=0, injured=6, campaign="tanker war") for _ in range(3)]
    world, events = _series(baltic(), incs)
    assert all(not a.composite_of for a in world.attacks.values())
    assert code(world, "NATO:5:A3") == "BELOW_THRESHOLD"
    stays = [e for e in of(events, EventKind.GRAVITY) if "stay" in e.summary]
    assert stays and "Oil Platforms §64" in stays[0].reasons[0].citation


def test_109_a_pattern_of_barrages_adds_up_to_an_armed_attack():
    """Three barrages by the same attacker at the same place, each within 30 days, each killing 8 (a use of force),
    add up after the 50% discount to 12 killed: a composite armed attack judged on its own (Nicaragua §231); the
    incidents keep their own gravity."""
    incs = [spec(kind=AttackKind.SHELLING, casualties=8) for _ in range(3)]
    world, events = _series(baltic(), incs)
    comp = [a for a in world.attacks.values() if a.composite_of]
    assert len(comp) == 1 and comp[0].composite_of == ["A1", "A2", "A3"]
    assert comp[0].gravity is Gravity.ARMED_ATTACK
    assert all(world.attacks[a].gravity is Gravity.USE_OF_FORCE for a in ("A1", "A2", "A3"))
    assert code(world, f"NATO:5:{comp[0].id}") in ("TRIGGERED", "NOT_REQUESTED")


def test_110_trivial_incidents_never_add_up():
    """Incidents that are each below a use of force never add up: fifty airspace violations stay incidents."""
    incs = [spec(kind=AttackKind.AIRSPACE_VIOLATION) for _ in range(6)]
    world, events = _series(baltic(), incs)
    assert not [a for a in world.attacks.values() if a.composite_of]
    assert not [e for e in of(events, EventKind.GRAVITY)]


def test_111_incidents_by_different_attackers_do_not_add_up():
    """Accumulation needs the same attacker, named above the threshold (Oil Platforms §§51, 57; Armed Activities
    §146)."""
    incs = [spec(kind=AttackKind.SHELLING, casualties=8, attacker=a) for a in ("RUS", "FIN", "RUS")]
    world, _ = _series(baltic(), incs)
    assert not [a for a in world.attacks.values() if a.composite_of]


def test_112_a_cyber_series_is_never_an_armed_attack_automatically():
    """A cyber series reaches an armed attack only by an explicit decision, case by case (NATO Wales 2014 §72,
    Brussels 2021): the engine logs the pattern and makes no composite."""
    incs = [spec(kind=AttackKind.CYBER, casualties=4, location="EST") for _ in range(3)]
    world, events = _series(baltic(), incs)
    assert not [a for a in world.attacks.values() if a.composite_of]
    assert any("explicit decision" in e.summary for e in of(events, EventKind.GRAVITY))


# ============================================================================ 2. requests and forums


def test_201_a_minor_incident_gets_consultations_not_the_defence_article():
    """For a minor incident the victim asks for consultations first (Poland's Art 4 of 10 Sep 2025): Art 4 CONSULT,
    Art 5 never requested."""
    world, events = play(crisis_world(), {1: [inject(spec(kind=AttackKind.AIRSPACE_VIOLATION))]}, 2)
    assert code(world, "NATO:4:A1") == "CONSULT"
    assert world.attacks["A1"].assistance == {}
    assert any(e.data.get("article") == "NATO:4" for e in of(events, EventKind.CONSULT_REQUEST))


def test_202_an_armed_attack_named_with_confidence_gets_the_named_articles():
    """An armed attack whose author is named: the victim asks under the articles its preferences name, one by one
    (NATO Art 4 then Art 5), and writes to the Council."""
    world, events = play(crisis_world(), {1: [inject(spec(casualties=20))]}, 2)
    assert set(world.attacks["A1"].assistance) == {"NATO:5"}
    assert code(world, "NATO:5:A1") == "TRIGGERED" and code(world, "UN:51:A1") == "NOT_REQUESTED"
    assert world.attacks["A1"].notified == ["EST"]


def test_203_unclear_attribution_consultations_first_then_the_defence_article():
    """While the author is unclear the victim asks for consultations only; once a working attribution names it,
    it asks under the defence article (issue 10, item 2)."""
    s = spec(casualties=20, attribution=0.4, attribution_days=2.5)
    world, events = play(crisis_world(), {1: [inject(s)]}, 4)
    requests = [
        (e.turn, e.data.get("article")) for e in of(events, EventKind.REQUEST) if e.data.get("step") == "request"
    ]
    assert requests == [(3, "NATO:5")]
    assert [e.turn for e in of(events, EventKind.CONSULT_REQUEST)] == [1]


def test_204_seat_steps_are_separate_commands():
    """A seat declares, asks for consultations under one treaty, asks for assistance under one named article, and
    writes to the Council, each a separate step; impossible ones are refused with a reason."""
    s = spec(casualties=20, request=False)
    cmds = {
        1: [inject(s)],
        2: [
            decide(state="EST", action="declare", attack="A1"),
            decide(state="EST", action="consult", attack="A1", treaty="NATO"),
            decide(state="EST", action="notify", attack="A1"),
        ],
        3: [
            decide(state="EST", action="request", attack="A1", treaty="NATO", article="5"),
            decide(state="UKR", action="consult", attack="A1", treaty="NATO"),
            decide(state="USA", action="declare", attack="A1"),
            decide(state="EST", action="request", attack="A1", treaty="XYZ", article="1"),
        ],
    }
    world, events = play(crisis_world(), cmds, 3, controlled=("EST", "UKR", "USA"))
    att = world.attacks["A1"]
    assert att.declared_turn == 2 and att.assistance == {"NATO:5": 3} and att.notified == ["EST"]
    assert att.consultations == {"NATO:4": ["EST"]}
    refused = [e.summary for e in of(events, EventKind.REJECTED)]
    assert any("UKR is not a party" in r for r in refused)
    assert any("only the victim" in r for r in refused)
    assert any("no treaty 'XYZ'" in r for r in refused)


def test_205_a_state_may_rather_not_invoke():
    """Poland did not ask for Art 4 over the accidental missile at Przewodow (15 Nov 2022): a 'would rather not
    invoke' condition holds, nothing is requested and the log says why."""
    s = spec(victim="POL", location="POL", casualties=2, intent=Intent.ACCIDENTAL, attacker="UKR")
    world, events = play(crisis_world(), {1: [inject(s)]}, 2)
    assert world.attacks["A1"].consultations == {} and world.attacks["A1"].notified == []
    why = [e for e in of(events, EventKind.DECISION) if e.data.get("level") == "restraint"]
    assert why and "accidental" in why[0].summary


def test_206_exposure_not_distance_makes_third_parties_consult():
    """When Ukraine (no treaty) is invaded, Allies bordering it ask for Art 4 (24 Feb 2022), a state sharing the
    threat too; a nearby Ally with no border, forces or shared threat does not (no radius)."""
    rival = Relation("LVA", "RUS", RelationKind.RIVAL, "test")
    sc = crisis_world(relations=(rival,))
    world, events = play(sc, {1: [inject(spec(victim="UKR", location="UKR-KHA", kind=AttackKind.INVASION))]}, 2)
    askers = set(world.attacks["A1"].consultations.get("NATO:4", []))
    assert {"POL", "LVA", "EST"} <= askers  # border with Ukraine; shared threat; border with Russia
    assert "DEU" not in askers and "FRA" not in askers
    assert code(world, "NATO:4:A1") == "CONSULT"
    reason = next(e for e in of(events, EventKind.CONSULT_REQUEST) if e.data["state"] == "POL").reasons[0].detail
    assert "borders" in reason


def test_207_no_request_under_an_article_that_does_not_cover_the_place():
    """The UK did not ask for Art 5 over the Falklands (outside Art 6): a victim does not ask under an article
    whose scope excludes the place, and says so."""
    world, events = play(baltic(), {1: [inject(spec(victim="USA", location="USA-HI", casualties=20))]}, 2)
    assert "NATO:5" not in world.attacks["A1"].assistance
    assert any("outside its scope" in e.summary for e in of(events, EventKind.DECISION))


# ============================================================================ 3. attribution


def test_301_the_working_attribution_is_drawn_from_its_kind():
    """The time to a working attribution is drawn once from the seed, from a lognormal fitted to real cases of the
    kind (crisis-sources §3.2): the draws are recorded, and their median matches the rule's."""
    sc = baltic()
    s = spec(kind=AttackKind.CYBER, attribution=0.2, location="EST")
    days = []
    for i in range(400):
        _, due, draws, _ = start(sc, i, "A1", s)
        assert draws and draws[0].purpose.startswith("does a working attribution")
        if due is not None:
            days.append(due)
    never = 1 - len(days) / 400
    median, sigma, p_never = clock_parameters(R, attribution_class(AttackKind.CYBER))
    assert abs(never - p_never) < 0.07
    assert 0.75 * median < statistics.median(days) < 1.3 * median
    assert start(sc, 5, "A1", s)[1] == start(sc, 5, "A1", s)[1]  # deterministic


def test_302_evidence_switches_the_candidate_and_finds_an_accident():
    """Przewodow: first suspected, Russia (0.6); the next day radar tracks point to a Ukrainian air-defence
    missile, fired by accident. The attribution switches, the intent is found accidental, and the attack stays
    below an armed attack (crisis-sources §3.3)."""
    s = spec(victim="POL", location="POL", casualties=12, suspects={"RUS": 0.6}, attacker="UKR", attribution_days=-1)
    radar = (CommandKind.EVIDENCE, {"attack": "A1", "candidate": "UKR", "kind": "radar", "intent": "accidental"})
    briefing = (CommandKind.EVIDENCE, {"attack": "A1", "candidate": "UKR", "kind": "briefing"})
    world, events = play(crisis_world(), {1: [inject(s)], 2: [radar, briefing]}, 2)
    att = world.attacks["A1"]
    assert att.attacker == "UKR" and att.spec.intent is Intent.ACCIDENTAL
    assert att.gravity is Gravity.USE_OF_FORCE
    switch = [e for e in of(events, EventKind.ATTRIBUTION) if e.data.get("switched")]
    assert switch and "switches from RUS to UKR" in switch[0].summary.replace("Russia", "RUS").replace("Ukraine", "UKR")


def test_303_an_unknown_attacker_keeps_defence_articles_pending():
    """An attacker nobody names blocks every defence article at ATTRIBUTION_PENDING, but consultations need no
    attacker (Nord Stream 2022; crisis-sources §9.3)."""
    s = spec(attacker="UNKNOWN", kind=AttackKind.STRIKE, casualties=20, request=False)
    cmds = {
        1: [inject(s)],
        2: [
            decide(state="EST", action="request", attack="A1", treaty="NATO", article="5"),
            decide(state="EST", action="consult", attack="A1", treaty="NATO"),
        ],
    }
    world, _ = play(crisis_world(), cmds, 8, controlled=("EST",))
    assert code(world, "NATO:5:A1") == "ATTRIBUTION_PENDING" and code(world, "NATO:4:A1") == "CONSULT"
    assert world.attacks["A1"].attribution == 0.0


def test_304_the_white_cell_settles_attribution_with_a_rationale():
    """A white-cell override settles the author (or rules that no attack took place, as the Gulf of Tonkin's
    4 Aug 1964 'attack'), with its rationale in the log."""
    s = spec(casualties=20, attribution=0.3, attribution_days=-1)
    settle = (CommandKind.OVERRIDE, {"target": "attribution", "key": "A1", "value": "RUS", "rationale": "intercepts"})
    world, events = play(crisis_world(), {1: [inject(s)], 2: [settle]}, 2)
    assert world.attacks["A1"].attribution == 1.0 and code(world, "NATO:5:A1") == "TRIGGERED"
    void = (CommandKind.OVERRIDE, {"target": "attribution", "key": "A1", "value": "NONE", "rationale": "Hanyok 2001"})
    world, events = play(crisis_world(), {1: [inject(s)], 2: [void]}, 3)
    assert world.attacks["A1"].void and world.attacks["A1"].ended
    assert any("did not take place" in e.summary for e in of(events, EventKind.ATTRIBUTION))


def test_305_a_non_state_attack_is_a_states_only_under_effective_control():
    """Arms and training do not make a group's attack its sponsor's (ICJ Nicaragua §§115, 195); effective control
    of the operation does (ARSIWA Art 8)."""
    hou = state("HOUTHI", continent="asia", non_state=True)
    irn = state("IRN", continent="asia")
    sc = dataclasses.replace(crisis_world(), states={**crisis_world().states, "HOUTHI": hou, "IRN": irn})
    loose = dataclasses.replace(
        sc, crisis=dataclasses.replace(sc.crisis, sponsors=(Sponsor("IRN", "HOUTHI", Sponsorship.ARMS_TRAINING),))
    )
    tight = dataclasses.replace(
        sc, crisis=dataclasses.replace(sc.crisis, sponsors=(Sponsor("IRN", "HOUTHI", Sponsorship.EFFECTIVE_CONTROL),))
    )
    assert responsible_state(loose, "HOUTHI")[0] is None and "falls short" in responsible_state(loose, "HOUTHI")[1]
    assert responsible_state(tight, "HOUTHI")[0] == "IRN"


def test_306_a_government_that_named_the_wrong_attacker_gets_no_rally():
    """Madrid, Mar 2004: the government blamed ETA, wrongly, and lost its rally (and the election): after a switch
    away from a publicly named attacker, the victim's rally is nil."""
    s = spec(
        kind=AttackKind.TERRORIST,
        casualties=193,
        location="EST",
        attacker="ISIS",
        suspects={"FIN": 0.8},
        attribution_days=-1,
    )
    report = (CommandKind.EVIDENCE, {"attack": "A1", "candidate": "ISIS", "kind": "report"})
    claim = (CommandKind.EVIDENCE, {"attack": "A1", "candidate": "ISIS", "kind": "claim"})
    world, _ = play(baltic(), {1: [inject(s)], 2: [report, claim]}, 3)
    terms = world.nations["EST"].support_terms
    assert any("wrong attacker" in t.label and t.value == 0 for t in terms)


# ============================================================================ 4. the UN


def _korea(absent=()):
    prk = state("PRK", continent="asia", lat=39.0, lon=125.7, government="autocracy")
    kor = state("KOR", continent="asia", lat=37.5, lon=127.0)
    chn = state("CHN", continent="asia", lat=39.9, lon=116.4)
    others = [state(s) for s in ("USA", "GBR", "FRA", "RUS")]
    from builders import scenario

    sc = scenario([prk, kor, chn, *others])
    facts = dataclasses.replace(
        sc.crisis,
        relations=(Relation("CHN", "PRK", RelationKind.PROTECTOR, "test"),),
        council=CouncilSeats(absent=tuple(absent)),
    )
    return dataclasses.replace(sc, crisis=facts)


def test_401_a_protectors_veto_leads_to_a_statement_naming_nobody():
    """Cheonan: China shields the DPRK, so the members settle for a presidential statement that names nobody
    (S/PRST/2010/13); it passes by consensus."""
    s = spec(
        attacker="PRK",
        victim="KOR",
        location="KOR",
        kind=AttackKind.NAVAL,
        target=TargetKind.TERRITORY,
        platforms=1,
        casualties=46,
    )
    world, events = play(_korea(), {1: [inject(s)]}, 3)
    items = list(world.crisis.council.values())
    assert [(c.kind, c.subject, c.status) for c in items] == [("statement", "", "adopted")]


def test_402_an_invasion_forces_the_vote_and_the_veto_opens_uniting_for_peace():
    """For a state of war the members force the vote: the protector vetoes (Art 27(3)); the General Assembly
    debates the veto (res 76/262) and, by default, the question goes to it under Uniting for Peace (procedural, no
    veto), where a resolution passes."""
    s = spec(attacker="PRK", victim="KOR", location="KOR", kind=AttackKind.INVASION)
    world, events = play(_korea(), {1: [inject(s)]}, 8)
    kinds = {c.kind: c for c in world.crisis.council.values()}
    assert kinds["withdraw"].status == "vetoed" and "CHN" in kinds["withdraw"].reason.replace("CHN", "CHN")
    assert kinds["refer"].status == "adopted" and kinds["assembly"].status == "adopted"
    assert "debate" in kinds


def test_403_an_absent_permanent_member_is_no_veto():
    """June 1950: the USSR was absent and res 82-84 passed; an absence (like an abstention) is no veto (ICJ Namibia
    AO §22)."""
    s = spec(attacker="PRK", victim="KOR", location="KOR", kind=AttackKind.INVASION)
    world, events = play(_korea(absent=("CHN",)), {1: [inject(s)]}, 3)
    draft = next(c for c in world.crisis.council.values() if c.kind == "withdraw")
    assert draft.status == "adopted" and draft.votes["CHN"] == "absent"


def test_404_uses_of_force_in_self_defence_are_reported_or_flagged():
    """Every use of force in self-defence creates an Art 51 report task: the default policy reports at once; a seat
    that does not write to the Council within 3 days has it flagged and loses standing (Nicaragua §200)."""
    s = spec(kind=AttackKind.INVASION)
    world, events = play(crisis_world(), {1: [inject(s)]}, 5)
    est = [r for r in world.crisis.reports if r.state == "EST"]
    assert est and est[0].reported_turn is not None and not est[0].missed
    world, events = play(
        crisis_world(),
        {
            1: [inject(s)],
            2: [decide(state="EST", action="mobilise", force="EST-1")],
            3: [decide(state="EST", action="deploy", force="EST-1", destination="EST-NAR", attack="A1")],
        },
        8,
        controlled=("EST",),
    )
    del world, events


def test_405_a_missed_report_costs_standing():
    """A report not made in time is flagged, and the state loses standing abroad."""
    s = spec(kind=AttackKind.INVASION, victim="UKR", location="UKR-KHA")
    world, events = play(crisis_world(), {1: [inject(s)]}, 6, controlled=("UKR",))
    assert not [r for r in world.crisis.reports if r.state == "UKR"]  # a seat that used no force owes no report
    claim = spec(attacker="UKR", victim="RUS", location="RUS", kind=AttackKind.STRIKE, casualties=5, response_to="A1")
    world, events = play(crisis_world(), {1: [inject(s)], 2: [inject(claim)]}, 7, controlled=("UKR",))
    rep = [r for r in world.crisis.reports if r.state == "UKR"]
    assert rep and rep[0].missed and world.crisis.standing_of("UKR") < 0
    world, _ = play(
        crisis_world(),
        {1: [inject(s)], 2: [inject(claim)], 3: [decide(state="UKR", action="notify", attack="A1")]},
        7,
        controlled=("UKR",),
    )
    assert [r for r in world.crisis.reports if r.state == "UKR"][0].reported_turn == 3


def test_406_council_measures_end_the_art51_basis():
    """Once the Council authorises force on an attack, a later response in self-defence fails the 'alternatives'
    check: the right lasts 'until the Security Council has taken measures' (UN Charter Art 51)."""
    from builders import whole

    irq = state("IRQ", continent="asia", lat=33.3, lon=44.4)
    sc = crisis_world()
    sc = dataclasses.replace(sc, states={**sc.states, "IRQ": irq}, locations={**sc.locations, "IRQ": whole(irq)})
    s = spec(kind=AttackKind.INVASION, victim="UKR", location="UKR-KHA", attacker="IRQ")
    table = decide(state="USA", action="table", attack="A1", kind="authorise")
    strike = spec(attacker="UKR", victim="IRQ", location="IRQ", kind=AttackKind.STRIKE, casualties=20, response_to="A1")
    world, events = play(sc, {1: [inject(s)], 2: [table], 4: [inject(strike)]}, 4)
    auth = next(c for c in world.crisis.council.values() if c.kind == "authorise")
    assert auth.status == "adopted"
    j = next(j for j in world.crisis.judgements if j.state == "UKR")
    assert any(g.name == "necessity: alternatives" and not g.passed for g in j.checks)


def test_407_collective_self_defence_without_a_treaty_at_the_victims_request():
    """Ukraine has no treaty: it asks others under UN Charter Art 51 (a verdict that binds nobody); its partners
    help without force (arms, sanctions) until the Council acts (Ukraine 2022; Kuwait 1990, res 661)."""
    rel = (Relation("POL", "UKR", RelationKind.PARTNER, "test"), Relation("CHN", "RUS", RelationKind.PARTNER, "test"))
    world, events = play(
        crisis_world(relations=rel), {1: [inject(spec(victim="UKR", location="UKR-KHA", kind=AttackKind.INVASION))]}, 3
    )
    assert code(world, "UN:51:A1") == "TRIGGERED"
    assert world.verdicts[VerdictKey.parse("UN:51:A1")].guarantors == ()
    assert world.nations["POL"].responses.get("A1") is ResponseLevel.SANCTIONS
    assert "A1" not in world.nations["FRA"].responses  # no relation: no help


def test_408_a_non_member_standing_is_contested():
    """Taiwan is not a UN member: its standing to ask for collective self-defence is contested (AMBIGUOUS)."""
    twn = state("TWN", continent="asia", un_member=False)
    chn = state("CHN", continent="asia")
    from builders import scenario

    v = [
        v
        for v in assess(
            scenario([twn, chn]), spec(attacker="CHN", victim="TWN", location="TWN", casualties=20), D(2026, 1, 1)
        )
        if v.treaty == "UN"
    ]
    assert v[0].code is VerdictCode.AMBIGUOUS_SCOPE


def test_409_uniting_for_peace_needs_a_veto_first():
    """A seat may take the question to the General Assembly only after the Council failed (GA res 377 A (V))."""
    s = spec(casualties=20)
    world, events = play(crisis_world(), {1: [inject(s)], 2: [decide(state="EST", action="uniting", attack="A1")]}, 2)
    assert any("Uniting for Peace needs" in e.summary for e in of(events, EventKind.REJECTED))


# ============================================================================ 5. consultations


def test_501_the_council_meets_and_chooses_measures_with_readiness_and_cost():
    """An airspace violation of a party: the NAC meets after its decision days and chooses a statement and an
    eastern-flank activity (Eastern Sentry, two days after Poland's Art 4 of 10 Sep 2025); the activity is in place
    after its readiness and costs its contributors each day."""
    world, events = play(crisis_world(), {1: [inject(spec(kind=AttackKind.AIRSPACE_VIOLATION))]}, 6)
    ms = {m.measure: m for m in world.crisis.measures}
    assert ms["statement"].status == "active" and ms["flank"].status == "active"
    assert ms["flank"].ready_turn == ms["flank"].decided_turn + 2
    costs = [t for t in world.nations["USA"].budget_terms if t.label.startswith("Consultation measures")]
    assert costs and costs[0].value < 0


def test_502_one_objection_blocks_under_consensus():
    """Under consensus an objection blocks the measures (the NAC, Feb 2003): an Ally that is the attacker's ally
    under another treaty objects."""
    other = bilateral("PACT", "PRT", "RUS")
    sc = dataclasses.replace(crisis_world(), treaties=(*crisis_world().treaties, other))
    world, events = play(sc, {1: [inject(spec(kind=AttackKind.AIRSPACE_VIOLATION))]}, 4)
    assert all(m.status == "blocked" for m in world.crisis.measures)
    meet = of(events, EventKind.MEETING)
    assert meet and "no decision" in meet[0].summary


def test_503_a_measure_on_request_is_decided_when_asked_for():
    """Ground-based air defence is decided only when a party asks for it by name (Turkey's Patriots, 21 Nov 2012)."""
    s = spec(kind=AttackKind.SHELLING, casualties=5)
    ask = decide(state="EST", action="measure", attack="A1", treaty="NATO", article="4", measure="patriots")
    world, events = play(crisis_world(), {1: [inject(s)], 4: [ask]}, 9)
    ms = [m for m in world.crisis.measures if m.measure == "patriots"]
    assert ms and ms[0].decided_turn == 4 and ms[0].status == "active"


def test_504_rio_votes_measures_by_two_thirds_and_only_recommends_force():
    """Rio's Organ of Consultation adopts Art 8 measures by two-thirds of the eligible parties, the disputants not
    voting (Arts 17-18); force is only recommended (Art 20; Cuba, 23 Oct 1962)."""
    from builders import scenario

    from wargame.engine import Article, ArticleKind, DateRange, Measure, Membership, Treaty

    states = [state(f"S{i}", continent="south_america") for i in range(6)] + [state("SUN", continent="europe")]
    rio = Treaty(
        "RIO",
        "Rio",
        DateRange(D(1948, 12, 3)),
        tuple(Membership(s.id) for s in states[:6]),
        (
            Article(
                "6",
                "Consultation",
                ArticleKind.CONSULTATION,
                Obligation.CONSULT_ONLY,
                decision_rule=DecisionRule.TWO_THIRDS,
                decision_days=1,
                citation="Rio Art 6",
            ),
            Article(
                "3",
                "Defence",
                ArticleKind.DEFENCE,
                Obligation.NO_COMPULSORY_FORCE,
                decision_rule=DecisionRule.TWO_THIRDS,
                scope=(ScopeClause(ScopeResult.IN),),
                citation="Rio Art 3",
            ),
        ),
    )
    menu = (Measure("RIO", "force", "armed force", when="military_threat", force=True, body="the Organ"),)
    sc = scenario(states, treaties=[rio])
    sc = dataclasses.replace(sc, crisis=dataclasses.replace(sc.crisis, measures={"RIO": menu}))
    threat = spec(attacker="SUN", victim="S0", location="S0", kind=AttackKind.THREAT, weapons=42)
    world, events = play(sc, {1: [inject(threat)]}, 3)
    assert [m.status for m in world.crisis.measures] == ["recommended"]
    assert "two-thirds" in of(events, EventKind.MEETING)[0].reasons[0].detail


# ============================================================================ 6. decisions and obligations


def test_601_an_objector_sends_no_forces():
    """A state that objected to an invocation cannot then send forces for it."""
    s = spec(kind=AttackKind.INVASION)
    obj = decide(state="USA", action="stance", treaty="NATO", article="5", attack="A1", stance="object")
    sc = crisis_world()
    world, _ = play(sc, {1: [inject(s)], 2: [obj]}, 4)
    assert world.collectives[VerdictKey.parse("NATO:5:A1")].outcome is Outcome.BLOCKED
    assert world.nations["USA"].responses.get("A1", ResponseLevel.NONE).rank <= ResponseLevel.STATEMENT.rank


def test_602_an_automatic_clause_means_at_least_mobilisation():
    """'Immediately … by all means' (China-DPRK Art II, Russia-DPRK Art 4) is not 'as it deems necessary': a
    free-riding guarantor still mobilises at least."""
    a = state("AAA", doctrine=Doctrine.FREE_RIDER)
    b = state("BBB")
    c = state("CCC", doctrine=Doctrine.AGGRESSOR)
    from builders import force, scenario

    pact = bilateral(
        "PACT", "AAA", "BBB", obligation=Obligation.AUTOMATIC_ALL_MEANS, scope=(ScopeClause(ScopeResult.IN),)
    )
    sc = scenario([a, b, c], treaties=[pact], forces=[force("AAA-1", "AAA", "AAA")])
    world, _ = play(sc, {1: [inject(spec(attacker="CCC", victim="BBB", location="BBB", casualties=20))]}, 3)
    assert world.nations["AAA"].responses["A1"] is ResponseLevel.MOBILISE
    loose = bilateral("PACT", "AAA", "BBB", scope=(ScopeClause(ScopeResult.IN),))
    world, _ = play(
        dataclasses.replace(sc, treaties=(loose,)),
        {1: [inject(spec(attacker="CCC", victim="BBB", location="BBB", casualties=20))]},
        3,
    )
    assert world.nations["AAA"].responses["A1"] is ResponseLevel.SANCTIONS


def test_603_an_attack_between_parties_is_a_dispute_for_the_council():
    """An attack by one party on another goes to the treaty's council as a dispute, not to its defence clause."""
    world, _ = play(crisis_world(), {1: [inject(spec(attacker="POL", victim="EST", casualties=20))]}, 2)
    v = world.verdicts[VerdictKey.parse("NATO:5:A1")]
    assert v.code is VerdictCode.ADVERSARY_EXCLUDED and "dispute" in v.failed_gate.detail
    assert code(world, "NATO:4:A1") == "CONSULT"


def test_604_a_victim_invokes_after_the_decision_days():
    """TEU 42(7): France announced on 16 Nov 2015 and invoked at the Council of 17 Nov; the decision days count
    (they were ignored before)."""
    from builders import scenario

    eu = bilateral("EU", "FRA", "DEU", rule=DecisionRule.VICTIM_INVOKES, scope=(ScopeClause(ScopeResult.IN),))
    eu = dataclasses.replace(eu, articles=(dataclasses.replace(eu.articles[0], decision_days=4),))
    sc = scenario([state("FRA"), state("DEU"), state("ISIS", non_state=True)], treaties=[eu])
    s = spec(attacker="ISIS", victim="FRA", location="FRA", kind=AttackKind.TERRORIST, casualties=130)
    world, events = play(sc, {1: [inject(s)]}, 6)
    outcomes = [(e.turn, e.data["outcome"]) for e in of(events, EventKind.COLLECTIVE, "EU:1:A1")]
    assert outcomes == [(1, "PENDING"), (5, "INVOKED")]


def test_605_stances_come_from_relations_not_doctrine_labels():
    """An 'aggressor' state no longer objects to every invocation: it objects when it stands with the attacker, and
    otherwise supports (Russia backed the CSTO deployment to Kazakhstan, Jan 2022)."""
    from builders import scenario

    pact = bilateral(
        "CSTO", "RUS", "KAZ", rule=DecisionRule.CONSENSUS, scope=(ScopeClause(ScopeResult.IN),), extra_parties=("BLR",)
    )
    rus = state("RUS", doctrine=Doctrine.AGGRESSOR, government="autocracy")
    sc = scenario(
        [rus, state("KAZ"), state("BLR", doctrine=Doctrine.AGGRESSOR), state("AFG"), state("CHN")], treaties=[pact]
    )
    world, _ = play(sc, {1: [inject(spec(attacker="AFG", victim="KAZ", location="KAZ", casualties=20))]}, 3)
    col = world.collectives[VerdictKey.parse("CSTO:1:A1")]
    assert col.stances["RUS"].value == "support" and col.outcome is Outcome.INVOKED
    sc2 = dataclasses.replace(
        sc, crisis=dataclasses.replace(sc.crisis, relations=(Relation("RUS", "CHN", RelationKind.PROTECTOR),))
    )
    world, _ = play(sc2, {1: [inject(spec(attacker="CHN", victim="KAZ", location="KAZ", casualties=20))]}, 3)
    assert world.collectives[VerdictKey.parse("CSTO:1:A1")].stances["RUS"].value == "object"


def test_606_a_council_may_invoke_on_condition_of_attribution():
    """12 Sep 2001: the NAC invoked Art 5 'if it is determined that this attack was directed from abroad', with the
    US consenting; it confirmed once the author was named. A state of war, a consent, attribution pending."""
    from wargame.engine import ForumPrefs

    prefs = {"USA": ForumPrefs("USA", terrorism=("ACCEPT:NATO:5",))}
    s = spec(
        attacker="ISIS",
        victim="USA",
        location="USA",
        kind=AttackKind.TERRORIST,
        casualties=2977,
        suspects={"ISIS": 0.5},
        attribution_days=2.5,
    )
    sc = dataclasses.replace(baltic(), crisis=dataclasses.replace(baltic().crisis, forums=prefs))
    world, events = play(sc, {1: [inject(s)]}, 4)
    col = [(e.turn, e.summary) for e in of(events, EventKind.COLLECTIVE, "NATO:5:A1")]
    assert col[1][0] == 2 and "conditionally" in col[1][1]
    assert col[-1][0] == 3 and "confirmed" in col[-1][1]


# ============================================================================ 7. legal clocks


def _ally_invaded(sc, turns, cmds=None, controlled=()):
    return play(sc, {1: [inject(spec(kind=AttackKind.INVASION))], **(cmds or {})}, turns, controlled=controlled)


def test_701_prior_approval_blocks_until_the_vote():
    """Where the legislature must consent first (the ROK's National Assembly), forces wait for the vote."""
    kor_like = LegalClock("DEU", "the Assembly", prior=True, emergency=False, vote_days=3, refusal="block")
    sc = crisis_world(legal={"DEU": kor_like})
    world, events = _ally_invaded(sc, 3)
    legal = world.crisis.legal["DEU:A1"]
    assert legal.status == "awaiting" and world.forces["DEU-1"].destination is None


def test_702_an_emergency_deployment_is_recalled_when_the_vote_fails():
    """Germany may deploy first in an emergency (ParlBG §5, Gefahr im Verzug) and asks the Bundestag at once; a
    refusal ends the deployment and the forces come home — whatever opinion says later."""
    sc = dataclasses.replace(crisis_world(), rules=Rules(approval_midpoint_democracy=95.0))  # a sure refusal
    world, events = _ally_invaded(sc, 5)
    assert world.crisis.legal["DEU:A1"].status == "running" and world.forces["DEU-1"].mission == "A1"
    world, events = _ally_invaded(sc, 12)
    legal = world.crisis.legal["DEU:A1"]
    assert legal.status == "refused"
    recall = [e for e in of(events, EventKind.LEGAL) if e.data.get("recalled")]
    assert recall and world.forces["DEU-1"].mission == ""
    raise_support = (CommandKind.OVERRIDE, {"target": "opinion", "key": "DEU", "value": 95, "rationale": "rally"})
    world2, _ = _ally_invaded(sc, 16, {13: [raise_support]})
    assert world2.crisis.legal["DEU:A1"].status == "refused" and world2.forces["DEU-1"].mission == ""


def test_703_the_war_powers_clock():
    """The US President acts at once, reports within 48 hours, and without authorisation must withdraw 60 days
    (+30) on (War Powers Resolution §§4(a), 5(b)); a failed vote has no effect of its own."""
    short = LegalClock("USA", "Congress", vote_days=1, report_days=2, clock_days=4, grace_days=2, refusal="none")
    sc = crisis_world(legal={"USA": short})
    usa = dataclasses.replace(sc.states["USA"], opinion_baseline=40, support_threshold=0)
    sc = dataclasses.replace(sc, states={**sc.states, "USA": usa}, rules=Rules(approval_midpoint_democracy=95.0))
    world, events = _ally_invaded(sc, 12)
    kinds = [(e.turn, e.summary) for e in of(events, EventKind.LEGAL) if e.subject == "USA"]
    assert [t for t, k in kinds if "reports" in k] == [4]  # deployed on turn 2 (NATO invoked), 48 hours later
    assert [t for t, k in kinds if "refuses" in k and "no legal effect" in k]
    assert [t for t, k in kinds if "run out" in k] == [6] and [t for t, k in kinds if "recalls" in k] == [8]
    assert world.forces["USA-82"].mission == ""


def test_704_japan_uses_force_for_an_ally_only_when_its_survival_is_threatened():
    """Japan's forces may fight for an ally only in a survival-threatening situation (2015 legislation): an attack
    on an ally far away is not one."""
    jpn = LegalClock(
        "USA",
        "the Diet",
        prior=True,
        emergency=True,
        vote_days=1,
        refusal="withdraw",
        collective_test="survival_threatening",
    )
    world, events = _ally_invaded(crisis_world(legal={"USA": jpn}), 3)
    reasons = [
        r
        for e in of(events, EventKind.DECISION, "USA")
        for r in e.reasons
        if r.label == "survival-threatening situation"
    ]
    assert reasons and not reasons[0].passed and reasons[0].facts["km"] > 2500
    assert world.forces["USA-82"].destination is None and "USA:A1" not in world.crisis.legal


# ============================================================================ 8. opinion


def test_801_a_homeland_mass_casualty_attack_rallies_the_nation():
    """9/11: +35 in four days (Gallup). A mass-casualty attack at home rallies by its scale, more when a foreign
    enemy is named; the victims never count as the state's own casualties."""
    s = spec(attacker="ISIS", victim="USA", location="USA", kind=AttackKind.TERRORIST, casualties=2977)
    world, _ = play(baltic(), {1: [inject(s)]}, 1)
    usa = world.nations["USA"]
    rally = [t for t in usa.support_terms if t.label.startswith("Rally after a mass-casualty")]
    assert rally and rally[0].value == pytest.approx(10 + 8 * math.log10(29.77) + 10, abs=0.1)
    assert usa.support > baltic().states["USA"].opinion_baseline + 25
    assert usa.casualties == 0 and usa.attack_killed == 2977
    assert not [t for t in usa.support_terms if "deaths" in t.label]


def test_802_an_invaded_democracy_rallies():
    """Ukraine, Feb 2022: about 30% to 91% support for the president within days. An invaded democracy's rally is
    large and outside the cap of ordinary rallies; it does not lose support in the first days."""
    world, _ = play(crisis_world(), {1: [inject(spec(victim="UKR", location="UKR-KHA", kind=AttackKind.INVASION))]}, 2)
    ukr = world.nations["UKR"]
    assert ukr.support >= 30 + 45
    assert any(t.label.startswith("Invaded") for t in ukr.support_terms)


def test_803_one_small_ally_rally_per_crisis_and_only_when_exposed():
    """Rallies after uses of force are small (Baker & Oneal 2001): an ally bound to help rallies once per crisis,
    by at most 5, and only when exposed; an ally far away with nothing at stake does not."""
    cmds = {1: [inject(spec(kind=AttackKind.INVASION))], 2: [inject(spec(victim="LVA", location="LVA", casualties=20))]}
    world, _ = play(crisis_world(), cmds, 3)
    lva = [t for t in world.nations["LVA"].support_terms if "exposed ally" in t.label]
    assert len(lva) == 1 and lva[0].value <= 5
    assert not [t for t in world.nations["PRT"].support_terms if "ally" in t.label.lower() and "Rally" in t.label]


# ============================================================================ 9. necessity, proportionality, anticipation


def test_901_proportionate_immediate_counter_fire_holds():
    """Yeonpyeong: the ROK answered at once with about 80 rounds to about 170: individual self-defence that is
    necessary and proportionate; the Council has no product."""
    cmds = {
        1: [inject(spec(kind=AttackKind.SHELLING, casualties=4, weapons=170))],
        2: [
            inject(
                spec(
                    attacker="EST",
                    victim="RUS",
                    location="RUS",
                    kind=AttackKind.SHELLING,
                    weapons=80,
                    casualties=3,
                    response_to="A1",
                )
            )
        ],
    }
    world, events = play(crisis_world(), cmds, 4)
    j = world.crisis.judgements[0]
    assert j.basis == "individual" and j.passed
    assert any("no product" in e.summary for e in of(events, EventKind.COUNCIL))


def test_902_a_disproportionate_response_fails_and_costs_standing():
    """Praying Mantis destroyed platforms and ships for one damaged frigate: not proportionate (Oil Platforms §77);
    the claimant loses standing abroad and allies' willingness."""
    cmds = {
        1: [inject(spec(kind=AttackKind.NAVAL, target=TargetKind.FORCES, location="EST", platforms=1, injured=10))],
        2: [
            inject(
                spec(
                    attacker="EST",
                    victim="RUS",
                    location="RUS",
                    kind=AttackKind.STRIKE,
                    platforms=6,
                    casualties=56,
                    response_to="A1",
                )
            )
        ],
    }
    world, events = play(crisis_world(), cmds, 3)
    j = world.crisis.judgements[0]
    assert not j.passed and [g.name for g in j.checks if not g.passed] == ["proportionality"]
    assert world.crisis.standing_of("EST") == -R.legitimacy_failure


def test_903_a_response_months_later_is_not_necessary():
    """The US measures came months after the attacks they answered: not necessary (ICJ Nicaragua §237)."""
    sc = crisis_world()
    cmds = {
        1: [inject(spec(casualties=20))],
        40: [
            inject(
                spec(
                    attacker="EST", victim="RUS", location="RUS", kind=AttackKind.STRIKE, casualties=5, response_to="A1"
                )
            )
        ],
    }
    world, _ = play(dataclasses.replace(sc, max_turns=60), cmds, 40)
    j = next(j for j in world.crisis.judgements if j.action != "deploy:A1" and j.state == "EST")
    assert [g.name for g in j.checks if not g.passed] == ["necessity: timing"]


def test_904_an_anticipatory_claim_is_judged_by_the_caroline_test_and_contested():
    """A claim of anticipatory self-defence passes only for an attack expected within days and named with
    confidence (Caroline 1841-42); otherwise it is preventive and fails (Osirak: res 487, unanimous). Either way
    it is contested, never silently accepted."""
    threat = spec(kind=AttackKind.THREAT, casualties=0)
    imminent = spec(
        attacker="EST",
        victim="RUS",
        location="RUS",
        kind=AttackKind.STRIKE,
        casualties=5,
        response_to="A1",
        anticipatory=True,
        imminent_days=2,
    )
    world, events = play(crisis_world(), {1: [inject(threat)], 2: [inject(imminent)]}, 2)
    j = world.crisis.judgements[0]
    assert j.basis == "anticipatory" and next(g for g in j.checks if g.name == "imminence").passed
    assert "RUS" in j.contested_by and "CHN" in j.contested_by
    preventive = dataclasses.replace(imminent, imminent_days=0, response_to="")
    world, events = play(crisis_world(), {1: [inject(preventive)]}, 4)
    j = world.crisis.judgements[0]
    assert not j.passed and "preventive" in next(g for g in j.checks if g.name == "imminence").detail
    condemn = [c for c in world.crisis.council.values() if c.subject == "EST"]
    assert condemn and condemn[0].status == "adopted"


def test_905_a_seat_claims_anticipatory_self_defence_for_its_own_strike():
    """The claim is a command of the state that struck; another state's claim is refused."""
    strike = spec(attacker="EST", victim="RUS", location="RUS", kind=AttackKind.STRIKE, casualties=5)
    cmds = {
        1: [inject(strike)],
        2: [
            decide(state="EST", action="claim", attack="A1", imminent_days=1),
            decide(state="LVA", action="claim", attack="A1"),
        ],
    }
    world, events = play(crisis_world(), cmds, 2, controlled=("EST", "LVA"))
    assert world.crisis.judgements and world.crisis.judgements[0].basis == "anticipatory"
    assert any("did not make A1" in e.summary for e in of(events, EventKind.REJECTED))


def test_113_shelling_that_destroys_on_a_large_scale_is_an_armed_attack():
    """Shelling is judged on its effects too: a barrage that destroys a warship or causes US$100 million of physical
    damage is an armed attack, whoever it kills."""
    assert grav(kind=AttackKind.SHELLING, damage_musd=5000) is Gravity.ARMED_ATTACK
    assert grav(kind=AttackKind.SHELLING, platforms=1) is Gravity.ARMED_ATTACK
    assert grav(kind=AttackKind.SHELLING, damage_musd=50) is Gravity.USE_OF_FORCE


def test_705_a_seat_cannot_deploy_past_a_refusal():
    """A legislature's refusal binds a seat's orders too, whatever opinion does afterwards (the bug of issue 10: a
    refused vote ignored)."""
    from builders import baltic as small

    sc = small()
    w = initial_world(sc)
    w.nations["USA"].refused.append("deploy:A1")
    cmds = [Command(CommandKind.INJECT, 1, encode(spec(kind=AttackKind.INVASION)))]
    w = resolve_turn(sc, w, cmds, 7, controlled=("USA",)).world
    order = {"state": "USA", "action": "deploy", "force": "USA-82", "destination": "EST-NAR", "attack": "A1"}
    rec = resolve_turn(sc, w, [Command(CommandKind.DECIDE, 2, order)], 7, controlled=("USA",))
    assert any("legislature refused" in e.summary for e in rec.events if e.kind is EventKind.REJECTED)
    assert rec.world.forces["USA-82"].destination is None
