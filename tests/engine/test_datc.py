"""Rule cases for the engine, one per named rule, in the manner of the DATC.

Each docstring states the rule in plain words. The worlds are built in code
(``builders.py``), so these tests exercise the engine alone: no TOML, no database, no Qt.
"""

from __future__ import annotations

import pytest
from builders import D, baltic, bilateral, force, place, scenario, state

from wargame.engine import (
    AdversaryCondition,
    AdversaryKind,
    AttackKind,
    AttackSpec,
    Command,
    CommandKind,
    DecisionRule,
    Doctrine,
    EventKind,
    Gravity,
    Outcome,
    ScopeClause,
    ScopeResult,
    Suspension,
    TargetKind,
    VerdictCode,
    VerdictKey,
    assess,
    encode,
    initial_world,
    resolve_turn,
)


def verdict(sc, spec, day=D(2026, 3, 2), treaty="NATO", article="5"):
    for v in assess(sc, spec, day):
        if v.treaty == treaty and v.article == article:
            return v
    raise AssertionError(f"no verdict for {treaty} {article}")


def attack(attacker="RUS", victim="EST", location="EST-NAR", kind=AttackKind.MISSILE, **kw):
    kw.setdefault("casualties", 10)
    return AttackSpec(attacker, victim, location, kind, **kw)


def play(sc, commands_by_turn, turns, seed=7, controlled=()):
    world = initial_world(sc)
    events = []
    for t in range(1, turns + 1):
        cmds = [Command(k, t, p) for k, p in commands_by_turn.get(t, [])]
        rec = resolve_turn(sc, world, cmds, seed, controlled)
        events.extend(rec.events)
        world = rec.world
    return world, events


# ---------------------------------------------------------------------------------- gates


def test_1_triggered_when_every_gate_passes():
    """An armed attack on a party's European territory, attributed and with a request, TRIGGERS Art 5,
    and every gate is recorded as passed in order."""
    v = verdict(baltic(), attack())
    assert v.code is VerdictCode.TRIGGERED
    assert [g.name for g in v.gates] == [
        "in_force",
        "party",
        "suspension",
        "initiator",
        "adversary",
        "scope",
        "threshold",
        "attribution",
        "request",
    ]
    assert all(g.passed for g in v.gates)
    assert "Art 6" in next(g for g in v.gates if g.name == "scope").detail


def test_2_not_in_force_before_the_treaty():
    """A treaty does not apply to an attack dated before it entered into force."""
    v = verdict(baltic(), attack(), day=D(1948, 1, 1))
    assert v.code is VerdictCode.NOT_IN_FORCE
    assert [g.name for g in v.gates] == ["in_force"]


def test_3_not_a_party_before_accession():
    """Membership is date-dependent: Finland is covered after 4 Apr 2023 and not before."""
    sc = baltic()
    spec = attack(victim="FIN", location="FIN")
    assert verdict(sc, spec, day=D(2023, 4, 3)).code is VerdictCode.NOT_A_PARTY
    assert verdict(sc, spec, day=D(2023, 4, 4)).code is VerdictCode.TRIGGERED


def test_4_directed_suspension():
    """A directed suspension (ANZUS: US obligations to NZ since 1986) removes one guarantor; when no
    guarantor is left the verdict is SUSPENDED."""
    nzl = state("NZL", continent="oceania", oceans=("pacific",), lat=-41.3, lon=174.8)
    usa = state("USA", continent="north_america", oceans=("pacific", "atlantic"), lat=38.9, lon=-77.0)
    aus = state("AUS", continent="oceania", oceans=("pacific", "indian"), lat=-35.3, lon=149.1)
    chn = state("CHN", continent="asia", oceans=("pacific",), lat=39.9, lon=116.4)
    susp = Suspension("USA", "NZL", D(1986, 8, 12), note="US suspended its obligations to NZ (Aug 1986)")
    anzus3 = bilateral(
        "ANZUS",
        "AUS",
        "USA",
        extra_parties=("NZL",),
        suspensions=(susp,),
        scope=(ScopeClause(ScopeResult.IN, administered_by_victim=True),),
    )
    sc = scenario([nzl, usa, aus, chn], treaties=[anzus3])
    v = verdict(sc, attack("CHN", "NZL", "NZL"), treaty="ANZUS", article="1")
    assert v.code is VerdictCode.TRIGGERED
    assert v.guarantors == ("AUS",) and v.suspended == ("USA",)
    # before the suspension both are bound
    v85 = verdict(sc, attack("CHN", "NZL", "NZL"), day=D(1985, 1, 1), treaty="ANZUS", article="1")
    assert set(v85.guarantors) == {"AUS", "USA"}
    # a bilateral pair with the only guarantor suspended
    us_nz = bilateral("USNZ", "USA", "NZL", suspensions=(susp,), scope=(ScopeClause(ScopeResult.IN),))
    sc2 = scenario([nzl, usa, chn], treaties=[us_nz])
    assert verdict(sc2, attack("CHN", "NZL", "NZL"), treaty="USNZ", article="1").code is VerdictCode.SUSPENDED


def test_5_victim_initiated():
    """A defensive pledge does not cover a victim that started the hostilities (UN Charter Art 51)."""
    v = verdict(baltic(), attack(victim_initiated=True))
    assert v.code is VerdictCode.VICTIM_INITIATED


def test_6_adversary_condition_state_only():
    """'An armed attack by any State' excludes a non-state attacker unless a practice accepted one."""
    usa = state("USA", continent="north_america")
    can = state("CAN", continent="north_america")
    isl = state("ISIS", continent="asia", non_state=True)
    strict = bilateral(
        "RIO",
        "USA",
        "CAN",
        adversary=AdversaryCondition(AdversaryKind.STATE),
        scope=(ScopeClause(ScopeResult.IN),),
        rule=DecisionRule.INDIVIDUAL,
    )
    sc = scenario([usa, can, isl], treaties=[strict])
    spec = attack("ISIS", "USA", "USA", kind=AttackKind.TERRORIST, casualties=3000)
    assert verdict(sc, spec, treaty="RIO", article="1").code is VerdictCode.ADVERSARY_EXCLUDED
    lenient = bilateral(
        "RIO",
        "USA",
        "CAN",
        adversary=AdversaryCondition(AdversaryKind.STATE, non_state_accepted=True),
        scope=(ScopeClause(ScopeResult.IN),),
    )
    sc2 = scenario([usa, can, isl], treaties=[lenient])
    assert verdict(sc2, spec, treaty="RIO", article="1").code is VerdictCode.TRIGGERED


def test_7_named_adversary():
    """An article naming its adversaries is not triggered by anyone else."""
    a, b, c, x = state("AAA"), state("BBB"), state("CCC"), state("XXX")
    tr = bilateral(
        "PACT",
        "AAA",
        "BBB",
        adversary=AdversaryCondition(AdversaryKind.NAMED, named=("XXX",)),
        scope=(ScopeClause(ScopeResult.IN),),
    )
    sc = scenario([a, b, c, x], treaties=[tr])
    assert verdict(sc, attack("CCC", "AAA", "AAA"), treaty="PACT", article="1").code is VerdictCode.ADVERSARY_EXCLUDED
    assert verdict(sc, attack("XXX", "AAA", "AAA"), treaty="PACT", article="1").code is VerdictCode.TRIGGERED


def test_8_scope_from_facts_atlantic_island_north_of_the_tropic():
    """Scope comes from facts: an island nobody listed, in the Atlantic north of the Tropic of Cancer,
    is inside NATO Art 6; the same island in the Pacific is not."""
    sc = baltic()
    atl = place("NEW-ATL", "island", "USA", "north_america", ("atlantic",), 30.0, -50.0)
    pac = place("NEW-PAC", "island", "USA", "oceania", ("pacific",), 30.0, -150.0)
    sc2 = scenario(list(sc.states.values()), [*sc.locations.values(), atl, pac], sc.treaties)
    assert verdict(sc2, attack(victim="USA", location="NEW-ATL")).code is VerdictCode.TRIGGERED
    assert verdict(sc2, attack(victim="USA", location="NEW-PAC")).code is VerdictCode.OUT_OF_SCOPE
    assert verdict(sc2, attack(victim="USA", location="USA-HI")).code is VerdictCode.OUT_OF_SCOPE


def test_9_ambiguous_scope():
    """Territory of a party on the Mediterranean outside Europe (Ceuta) is contested: AMBIGUOUS_SCOPE."""
    sc = baltic()
    ceuta = place("ESP-CE", "land", "USA", "africa", ("mediterranean",), 35.9, -5.3)
    sc2 = scenario(list(sc.states.values()), [*sc.locations.values(), ceuta], sc.treaties)
    assert verdict(sc2, attack(victim="USA", location="ESP-CE")).code is VerdictCode.AMBIGUOUS_SCOPE


def test_10_forces_abroad():
    """Attacks on a party's forces count in the areas Art 6(2) names and not elsewhere."""
    sc = baltic()
    med = place("SEA-MED", "sea", None, "", ("mediterranean",), 35.0, 18.0)
    red = place("SEA-RED", "sea", None, "", ("indian",), 20.0, 38.5)
    sc2 = scenario(list(sc.states.values()), [*sc.locations.values(), med, red], sc.treaties)
    f = TargetKind.FORCES
    assert (
        verdict(sc2, attack(victim="USA", location="SEA-MED", target=f, kind=AttackKind.NAVAL)).code
        is VerdictCode.TRIGGERED
    )
    assert (
        verdict(sc2, attack(victim="USA", location="SEA-RED", target=f, kind=AttackKind.NAVAL)).code
        is VerdictCode.OUT_OF_SCOPE
    )


def test_11_below_threshold():
    """A gray-zone incident without casualties is below an armed attack (Nicaragua §191)."""
    v = verdict(baltic(), attack(kind=AttackKind.AIRSPACE_VIOLATION, casualties=0))
    assert v.code is VerdictCode.BELOW_THRESHOLD


def test_12_state_of_war_threshold():
    """An article requiring a 'state of war' (China–DPRK Art II) is not met by a small strike but is by an invasion."""
    a, b, x = state("CHN", continent="asia"), state("PRK", continent="asia"), state("KOR", continent="asia")
    tr = bilateral("CN-KP", "CHN", "PRK", threshold=Gravity.STATE_OF_WAR, scope=(ScopeClause(ScopeResult.IN),))
    sc = scenario([a, b, x], treaties=[tr])
    assert (
        verdict(sc, attack("KOR", "PRK", "PRK", casualties=5), treaty="CN-KP", article="1").code
        is VerdictCode.BELOW_THRESHOLD
    )
    assert (
        verdict(sc, attack("KOR", "PRK", "PRK", kind=AttackKind.INVASION), treaty="CN-KP", article="1").code
        is VerdictCode.TRIGGERED
    )


def test_13_attribution_pending():
    """Until attribution reaches the threshold the verdict is ATTRIBUTION_PENDING (Oil Platforms §57)."""
    v = verdict(baltic(), attack(attribution=0.4))
    assert v.code is VerdictCode.ATTRIBUTION_PENDING


def test_14_not_requested():
    """No collective self-defence without the victim's request (Nicaragua §199)."""
    v = verdict(baltic(), attack(request=False))
    assert v.code is VerdictCode.NOT_REQUESTED


def test_15_consultation_any_location_any_gravity():
    """A consultation article gives CONSULT when a party requests it, wherever and however small the threat;
    NOT_REQUESTED otherwise."""
    sc = baltic()
    small = attack(kind=AttackKind.AIRSPACE_VIOLATION, casualties=0)
    assert verdict(sc, small, article="4").code is VerdictCode.CONSULT
    assert verdict(sc, attack(request=False), article="4").code is VerdictCode.NOT_REQUESTED
    far = attack(victim="USA", location="USA-HI")
    assert verdict(sc, far, article="4").code is VerdictCode.CONSULT


def test_16_every_verdict_code_is_reachable():
    """The suite above reaches every verdict code of DESIGN §4."""
    from wargame.engine import VerdictCode as V

    assert {c.value for c in V} == {
        "TRIGGERED",
        "CONSULT",
        "NOT_IN_FORCE",
        "NOT_A_PARTY",
        "SUSPENDED",
        "VICTIM_INITIATED",
        "ADVERSARY_EXCLUDED",
        "OUT_OF_SCOPE",
        "AMBIGUOUS_SCOPE",
        "BELOW_THRESHOLD",
        "ATTRIBUTION_PENDING",
        "NOT_REQUESTED",
    }


def test_17_administration_not_sovereignty():
    """US–Japan Art V covers territory under Japan's administration: the Senkakus are in, the Kurils
    (claimed by Japan, administered by Russia) are out."""
    jpn = state("JPN", continent="asia", oceans=("pacific",), lat=35.7, lon=139.7)
    usa = state("USA", continent="north_america")
    chn, rus = state("CHN", continent="asia"), state("RUS")
    sen = place("JPN-SEN", "island", "JPN", "asia", ("pacific",), 25.75, 123.48, claimants=("CHN",))
    kur = place("RUS-KUR", "island", "RUS", "asia", ("pacific",), 44.5, 146.5, claimants=("JPN",))
    tr = bilateral(
        "USJ",
        "USA",
        "JPN",
        scope=(
            ScopeClause(
                ScopeResult.IN, administered_by=("JPN",), note="Art V: territories under the administration of Japan"
            ),
        ),
    )
    sc = scenario([jpn, usa, chn, rus], [sen, kur], [tr])
    assert verdict(sc, attack("CHN", "JPN", "JPN-SEN"), treaty="USJ", article="1").code is VerdictCode.TRIGGERED
    assert verdict(sc, attack("RUS", "JPN", "RUS-KUR"), treaty="USJ", article="1").code is VerdictCode.OUT_OF_SCOPE


def test_18_scope_clause_valid_from_a_date():
    """An interpretation can change: a clause valid from 2019 (Pompeo on the South China Sea) applies only after."""
    phl, usa, chn = state("PHL", continent="asia", oceans=("pacific",)), state("USA"), state("CHN", continent="asia")
    scs = place("SEA-SCS", "sea", None, "", ("pacific",), 12.0, 114.0, sea="South China Sea")
    from wargame.engine import DateRange

    tr = bilateral(
        "USPH",
        "USA",
        "PHL",
        scope=(
            ScopeClause(
                ScopeResult.AMBIGUOUS,
                targets=(TargetKind.FORCES,),
                seas=("South China Sea",),
                valid=DateRange(None, D(2019, 3, 1)),
            ),
            ScopeClause(ScopeResult.IN, targets=(TargetKind.FORCES,), oceans=("pacific",)),
        ),
    )
    sc = scenario([phl, usa, chn], [scs], [tr])
    spec = attack("CHN", "PHL", "SEA-SCS", target=TargetKind.FORCES, kind=AttackKind.NAVAL)
    assert verdict(sc, spec, day=D(2015, 1, 1), treaty="USPH", article="1").code is VerdictCode.AMBIGUOUS_SCOPE
    assert verdict(sc, spec, day=D(2020, 1, 1), treaty="USPH", article="1").code is VerdictCode.TRIGGERED


# ---------------------------------------------------------------------------------- decision rules


def test_20_consensus_with_a_blocker():
    """Under consensus (NATO's NAC) one objecting party BLOCKS the collective outcome."""
    sc = baltic()
    spec = attack()
    stance = {"state": "DEU", "action": "stance", "treaty": "NATO", "article": "5", "attack": "A1", "stance": "object"}
    world, events = play(
        sc, {1: [(CommandKind.INJECT, encode(spec))], 2: [(CommandKind.DECIDE, stance)]}, 3, controlled=("DEU",)
    )
    assert world.collectives[VerdictKey.parse("NATO:5:A1")].outcome is Outcome.BLOCKED
    ev = [e for e in events if e.kind is EventKind.COLLECTIVE and "BLOCKED" in e.summary]
    assert ev and "DEU" in ev[0].reasons[0].detail


def test_21_consensus_silence_procedure():
    """Under consensus, silence counts as assent once the council's time has passed: INVOKED (PENDING before)."""
    sc = baltic()
    world1, _ = play(sc, {1: [(CommandKind.INJECT, encode(attack()))]}, 1, controlled=("DEU", "USA", "FIN"))
    assert world1.collectives[VerdictKey.parse("NATO:5:A1")].outcome is Outcome.PENDING
    world2, events = play(sc, {1: [(CommandKind.INJECT, encode(attack()))]}, 2, controlled=("DEU", "USA", "FIN"))
    assert world2.collectives[VerdictKey.parse("NATO:5:A1")].outcome is Outcome.INVOKED
    assert any("silence" in r.detail for e in events if e.kind is EventKind.COLLECTIVE for r in e.reasons)


def _rio(n_parties=6):
    states = [state(f"S{i:02d}", continent="south_america") for i in range(n_parties)]
    states.append(state("AGG", continent="south_america", doctrine=Doctrine.AGGRESSOR))
    tr = bilateral(
        "RIO",
        "S00",
        "S01",
        extra_parties=tuple(s.id for s in states[2:] if s.id != "AGG"),
        rule=DecisionRule.TWO_THIRDS,
        scope=(ScopeClause(ScopeResult.IN),),
    )
    return scenario(states, treaties=[tr])


def test_22_two_thirds_with_disputants_excluded():
    """Rio Arts 17-18: two-thirds of the parties decide, and the parties to the dispute do not vote.
    With the victim S00 excluded (and the attacker AGG outside the treaty: an attack by a party would be a dispute
    for the Organ, not a case for Art 3), 5 voters remain and 4 votes are needed. Once reached, the outcome stays
    INVOKED (it used to flip back to PENDING every three turns)."""
    sc = _rio()
    spec = attack("AGG", "S00", "S00")
    voters = ["S01", "S02", "S03", "S04", "S05"]

    # S00 (the victim) is excluded: 5 eligible, 4 needed.
    def stances(yes):
        return [
            (
                CommandKind.DECIDE,
                {
                    "state": s,
                    "action": "stance",
                    "treaty": "RIO",
                    "article": "1",
                    "attack": "A1",
                    "stance": "support" if s in yes else "object",
                },
            )
            for s in voters
        ]

    w_yes, ev = play(
        sc, {1: [(CommandKind.INJECT, encode(spec))], 2: stances(voters[:4])}, 10, controlled=tuple(voters)
    )
    assert w_yes.collectives[VerdictKey.parse("RIO:1:A1")].outcome is Outcome.INVOKED
    outcomes = [e.data["outcome"] for e in ev if e.kind is EventKind.COLLECTIVE and e.subject == "RIO:1:A1"]
    assert outcomes[-1] == "INVOKED" and outcomes.count("INVOKED") == 1, outcomes
    detail = [r.detail for e in ev if e.kind is EventKind.COLLECTIVE for r in e.reasons][-1]
    assert "4 of 5 eligible" in detail and "4 needed" in detail and "AGG" in detail
    w_no, _ = play(sc, {1: [(CommandKind.INJECT, encode(spec))], 2: stances(voters[:3])}, 3, controlled=tuple(voters))
    assert w_no.collectives[VerdictKey.parse("RIO:1:A1")].outcome is Outcome.BLOCKED


def test_23_individual_rule():
    """Bilateral treaties (US–Japan, US–ROK) have no collective vote: each party decides individually,
    so the outcome is INVOKED at once and each state's response is its own."""
    jpn = state("JPN", continent="asia", oceans=("pacific",), lat=35.7, lon=139.7)
    usa = state("USA", continent="north_america", lat=38.9, lon=-77.0)
    chn = state("CHN", continent="asia", lat=39.9, lon=116.4, doctrine=Doctrine.AGGRESSOR)
    tr = bilateral("USJ", "USA", "JPN", scope=(ScopeClause(ScopeResult.IN, administered_by=("JPN",)),))
    sc = scenario([jpn, usa, chn], treaties=[tr], forces=[force("USA-7F", "USA", "USA", speed=800)])
    world, events = play(sc, {1: [(CommandKind.INJECT, encode(attack("CHN", "JPN", "JPN")))]}, 2)
    assert world.collectives[VerdictKey.parse("USJ:1:A1")].outcome is Outcome.INVOKED
    assert world.nations["USA"].responses["A1"] in ("deploy", "mobilise")


# ---------------------------------------------------------------------------------- time


def test_30_attribution_comes_with_the_working_attribution():
    """Until a government names the attacker the verdict is ATTRIBUTION_PENDING; the working attribution comes when
    its clock runs out (here the scenario's ``attribution_days``), and the verdict becomes TRIGGERED that turn."""
    sc = baltic()
    spec = attack(kind=AttackKind.MISSILE, attribution=0.45, attribution_days=2.5)
    world, events = play(sc, {1: [(CommandKind.INJECT, encode(spec))]}, 4)
    codes = [
        (e.turn, e.data["verdict"]["code"]) for e in events if e.kind is EventKind.VERDICT and e.subject == "NATO:5:A1"
    ]
    assert codes == [(1, "ATTRIBUTION_PENDING"), (3, "TRIGGERED")]
    assert world.attacks["A1"].attribution == pytest.approx(0.8)


def test_31_victim_requests_on_a_later_turn():
    """A victim may declare and request only later: NOT_REQUESTED until then, TRIGGERED from that turn."""
    sc = baltic()
    spec = attack(request=False)
    req = {"state": "EST", "action": "request", "attack": "A1"}
    world, events = play(
        sc, {1: [(CommandKind.INJECT, encode(spec))], 3: [(CommandKind.DECIDE, req)]}, 3, controlled=("EST",)
    )
    codes = [
        (e.turn, e.data["verdict"]["code"]) for e in events if e.kind is EventKind.VERDICT and e.subject == "NATO:5:A1"
    ]
    assert codes == [(1, "NOT_REQUESTED"), (3, "TRIGGERED")]


def test_32_cumulative_incidents():
    """Incidents by the same attacker on the same victim, taken cumulatively, can amount to an armed attack
    (Oil Platforms §64)."""
    sc = baltic()
    inc = attack(kind=AttackKind.GRAY_ZONE, casualties=0, damage_musd=0)
    world, events = play(
        sc,
        {
            1: [(CommandKind.INJECT, encode(attack(kind=AttackKind.GRAY_ZONE, casualties=0)))],
            2: [(CommandKind.INJECT, encode(attack(kind=AttackKind.GRAY_ZONE, casualties=1)))],
        },
        2,
    )
    assert world.attacks["A2"].gravity is Gravity.USE_OF_FORCE
    del inc


def test_33_only_the_victim_may_request():
    """A request for assistance by anyone but the victim is refused with a reason."""
    sc = baltic()
    world, events = play(
        sc,
        {
            1: [(CommandKind.INJECT, encode(attack(request=False)))],
            2: [(CommandKind.DECIDE, {"state": "USA", "action": "request", "attack": "A1"})],
        },
        2,
    )
    rej = [e for e in events if e.kind is EventKind.REJECTED]
    assert rej and "only the victim" in rej[0].summary


# ---------------------------------------------------------------------------------- national decisions


def test_40_prior_approval_delays_deployment():
    """A state needing prior parliamentary consent (Germany) asks for a vote and deploys only if it passes;
    the vote's random draw is recorded."""
    sc = baltic()
    deu = sc.states["DEU"]
    import dataclasses

    keen = dataclasses.replace(deu, doctrine=Doctrine.RELIABLE, opinion_baseline=70)
    sc2 = dataclasses.replace(sc, states={**sc.states, "DEU": keen})
    world, events = play(sc2, {1: [(CommandKind.INJECT, encode(attack()))]}, 12)
    asks = [e for e in events if e.kind is EventKind.APPROVAL and e.subject == "DEU"]
    assert asks, "Germany must ask the Bundestag"
    votes = [e for e in asks if e.draws]
    assert votes and votes[0].turn >= asks[0].turn + 7  # 7-day lag


def test_41_low_support_declines_deployment():
    """A democracy whose support is below its threshold, with no vote to seek, does not deploy and says why."""
    import dataclasses

    sc = baltic()
    usa = dataclasses.replace(sc.states["USA"], opinion_baseline=35, legislative_lag_days=0, doctrine=Doctrine.RELIABLE)
    sc2 = dataclasses.replace(sc, states={**sc.states, "USA": usa})
    world, events = play(sc2, {1: [(CommandKind.INJECT, encode(attack()))]}, 3)
    assert world.nations["USA"].responses["A1"] == "mobilise"
    why = [r for e in events if e.kind is EventKind.DECISION and e.subject == "USA" for r in e.reasons]
    assert any(r.label == "opinion" and "below threshold" in r.detail for r in why)


def test_42_budget_limits_deployment():
    """A state whose operations budget cannot pay for a deployment mobilises and asks for a supplemental."""
    import dataclasses

    sc = baltic()
    usa = dataclasses.replace(sc.states["USA"], defence_budget_busd=0.01)
    sc2 = dataclasses.replace(sc, states={**sc.states, "USA": usa})
    world, events = play(sc2, {1: [(CommandKind.INJECT, encode(attack()))]}, 3)
    assert world.nations["USA"].responses["A1"] == "mobilise"
    assert any(e.kind is EventKind.BUDGET and e.subject == "USA" and "supplemental" in e.summary for e in events)


def test_43_forces_mobilise_travel_and_arrive():
    """A deployed force readies in its readiness days, travels great-circle distance at its speed, then arrives."""
    sc = baltic()
    world, events = play(sc, {1: [(CommandKind.INJECT, encode(attack()))]}, 6)
    dep = next(e for e in events if e.kind is EventKind.DEPART and e.subject == "USA-82")
    arr = next(e for e in events if e.kind is EventKind.ARRIVE and e.subject == "USA-82")
    assert arr.turn == dep.data["arrive_turn"]
    assert dep.reasons[0].facts["km"] > 6000


def test_44_invasion_engagement_and_control():
    """An invasion fights at the location each turn once the invader has marched there (force ratio, defender
    bonus, a seeded chance of success, seeded noise on losses); a much stronger attacker takes control, and every
    engagement records its three draws."""
    sc = baltic()
    spec = attack(kind=AttackKind.INVASION, casualties=40)
    world, events = play(sc, {1: [(CommandKind.INJECT, encode(spec))]}, 12)
    fights = [e for e in events if e.kind is EventKind.ENGAGEMENT and e.summary.startswith("Fighting at EST-NAR")]
    assert fights and all(len(e.draws) == 3 for e in fights)
    assert all("chance of success" in e.reasons[0].detail for e in fights)
    contacts = [e for e in events if e.kind is EventKind.ENGAGEMENT and e.summary.startswith("Contact at EST-NAR")]
    assert all(len(e.draws) == 2 for e in contacts)  # no attack: only the noise on the losses in contact
    assert world.control["EST-NAR"] == "RUS"
    assert world.nations["EST"].casualties > 40


def test_45_opinion_breakdown_terms_sum_to_value():
    """Every opinion figure is the sum of its shown terms, within 0..100; every budget figure too."""
    sc = baltic()
    world, _ = play(sc, {1: [(CommandKind.INJECT, encode(attack(kind=AttackKind.INVASION)))]}, 8)
    for n in world.nations.values():
        assert 0 <= n.support <= 100
        assert abs(sum(t.value for t in n.support_terms) - n.support) < 1e-6
        assert abs(sum(t.value for t in n.budget_terms) - n.budget_musd) < 1e-6
    est = world.nations["EST"]
    assert any("rall" in t.label.lower() for t in est.support_terms)
    assert any("Own military deaths" in t.label for t in est.support_terms)


def test_46_impossible_injects_are_refused():
    """Impossible injects are refused with a one-line reason, not a traceback."""
    from wargame.engine import InjectError, check_attack

    sc = baltic()
    cases = {
        "cannot attack itself": attack("EST", "EST", "EST"),
        "unknown attacker": attack("XXX"),
        "did you mean 'EST'": attack(victim="ESR", location="EST"),
        "unknown location": attack(location="NOWHERE"),
        "casualties must be 0 or more": attack(casualties=-1),
        "between 0 and 1": attack(attribution=1.5),
        "administered by EST, not USA": attack(victim="USA", location="EST-NAR"),
    }
    for needle, spec in cases.items():
        with pytest.raises(InjectError) as exc:
            check_attack(sc, spec)
        assert needle in str(exc.value) and "\n" not in str(exc.value)


def test_47_determinism_same_seed_same_events():
    """The same scenario, seed and commands give the same game, event for event; another seed differs."""
    sc = baltic()
    cmds = {1: [(CommandKind.INJECT, encode(attack(kind=AttackKind.INVASION)))]}
    w1, e1 = play(sc, cmds, 8, seed=3)
    w2, e2 = play(sc, cmds, 8, seed=3)
    w3, e3 = play(sc, cmds, 8, seed=4)
    assert [encode(e) for e in e1] == [encode(e) for e in e2]
    from wargame.engine import state_hash

    assert state_hash(w1) == state_hash(w2) != state_hash(w3)


def test_34_an_armed_attack_does_not_make_later_incidents_armed_attacks():
    """Only incidents each below an armed attack add up (Oil Platforms §64): a zero-casualty cyber incident after
    a separate deadly strike stays an incident."""
    sc = baltic()
    world, _ = play(
        sc,
        {
            1: [(CommandKind.INJECT, encode(attack(kind=AttackKind.STRIKE, casualties=12)))],
            2: [(CommandKind.INJECT, encode(attack(kind=AttackKind.CYBER, casualties=0, location="EST")))],
        },
        2,
    )
    assert world.attacks["A1"].gravity is Gravity.ARMED_ATTACK
    assert world.attacks["A2"].gravity is Gravity.INCIDENT
