"""The bundled demo scenario loads, carries its provenance and exercises every mechanism."""

from __future__ import annotations

import datetime as dt

from wargame.app.scenarios import bundled
from wargame.engine import (
    AdversaryKind,
    ArticleKind,
    AttackKind,
    DecisionRule,
    Gravity,
    LocationKind,
    Obligation,
    ScopeResult,
    TargetKind,
    Transport,
)
from wargame.scenario import SCENARIOS_DIR, check_provenance, load_scenario, scenario_files

DEMO_PATH = SCENARIOS_DIR / "demo.toml"


def test_demo_loads_with_its_settings() -> None:
    s = load_scenario(DEMO_PATH)
    assert s.id == "demo" and s.name == "Demo: a crisis on NATO's northern and Baltic flank"
    assert (s.start_date, s.turn_length_days, s.max_turns, s.default_seed) == (dt.date(2026, 3, 2), 1.0, 30, 7)
    assert "Tallinn" in s.briefing
    assert len(s.source_hash) == 64


def test_demo_passes_the_provenance_check_and_is_bundled() -> None:
    assert check_provenance(DEMO_PATH) == []
    assert ("Demo: a crisis on NATO's northern and Baltic flank", DEMO_PATH) in [(b.name, b.path) for b in bundled()]
    assert list(scenario_files(DEMO_PATH)) == ["world-treaties.toml", "demo.toml"]  # the treaties: the pack's


def test_demo_states_include_a_non_state_actor() -> None:
    s = load_scenario(DEMO_PATH)
    assert {"EST", "LVA", "LTU", "POL", "DEU", "USA", "GBR", "FRA", "FIN", "RUS", "BLR"} <= set(s.states)
    assert s.states["ZAPAD-MILITIA"].non_state and not s.states["RUS"].non_state
    assert s.states["DEU"].needs_prior_approval and s.states["DEU"].legislative_lag_days > 0


def test_demo_places_come_from_the_csv_and_the_file() -> None:
    s = load_scenario(DEMO_PATH)
    assert s.locations["RUS-PSK"].name == "Pskov" and s.locations["RUS-PSK"].administered_by == "RUS"
    assert s.locations["EST-NAR"].oceans == ("atlantic",), "landlocked Narva takes Estonia's oceans"
    assert s.locations["EST"].kind is LocationKind.STATE
    assert s.locations["ESP-CE"].administered_by == "ESP", "CSV rows of states outside the scenario still load"


def test_demo_takes_its_treaties_from_the_world_pack() -> None:
    """One copy of each treaty: the demo's NATO, TEU 42(7) and CSTO are the world pack's, with the parties
    among the demo's states (the pack's Norway, Sweden, Kazakhstan … are not in the demo)."""
    s = load_scenario(DEMO_PATH)
    world = load_scenario(SCENARIOS_DIR / "world.toml")
    assert [t.id for t in s.treaties] == ["NATO", "EU-42-7", "CSTO"]
    for mine in s.treaties:
        pack = next(t for t in world.treaties if t.id == mine.id)
        assert (mine.articles, mine.in_force, mine.source) == (pack.articles, pack.in_force, pack.source)
        assert set(mine.parties) == {p for p in pack.parties if p.state in s.states}
        assert set(mine.suspensions) <= set(pack.suspensions)
    nato = next(t for t in s.treaties if t.id == "NATO")
    assert {p.state for p in nato.parties} == {"USA", "GBR", "FRA", "TUR", "DEU", "POL", "EST", "LVA", "LTU", "FIN"}


def test_demo_nato_is_coded_per_the_treaty() -> None:
    s = load_scenario(DEMO_PATH)
    nato = next(t for t in s.treaties if t.id == "NATO")
    assert not nato.is_party("FIN", dt.date(2023, 4, 3)) and nato.is_party("FIN", dt.date(2023, 4, 4))
    art4, art5, art6 = nato.article("4"), nato.article("5"), nato.article("6")
    assert art4.kind is ArticleKind.CONSULTATION and art4.obligation is Obligation.CONSULT_ONLY
    assert art5.kind is ArticleKind.DEFENCE and art5.scope_from == "6" and art5.scope == ()
    assert art5.decision_rule is DecisionRule.CONSENSUS and art5.threshold is Gravity.ARMED_ATTACK
    assert art5.obligation is Obligation.AS_DEEMS_NECESSARY and art5.adversary.kind is AdversaryKind.ANY
    assert art6.kind is ArticleKind.DEFINITION
    turkey = [c for c in art6.scope if c.administered_by == ("TUR",)]
    assert {c.targets for c in turkey} == {(TargetKind.TERRITORY,), (TargetKind.FORCES,)}
    assert all(c.result is ScopeResult.IN for c in turkey)
    islands = [c for c in art6.scope if c.min_lat == 23.44 and TargetKind.TERRITORY in c.targets]
    assert islands and set(islands[0].kinds) == {LocationKind.ISLAND, LocationKind.OVERSEAS}
    ambiguous = [c for c in art6.scope if c.result is ScopeResult.AMBIGUOUS]
    assert {c.targets for c in ambiguous} == {(TargetKind.TERRITORY,), (TargetKind.FORCES,)}
    algeria = art6.scope[0]
    assert algeria.valid.contains(dt.date(1960, 1, 1)) and not algeria.valid.contains(dt.date(2026, 3, 2))


def test_demo_eu_and_csto() -> None:
    s = load_scenario(DEMO_PATH)
    eu = next(t for t in s.treaties if t.id == "EU-42-7").article("42(7)")
    assert eu.decision_rule is DecisionRule.VICTIM_INVOKES and eu.obligation is Obligation.ALL_MEANS_IN_POWER
    assert all(c.targets == (TargetKind.TERRITORY,) for c in eu.scope)
    overseas = [c for c in eu.scope if LocationKind.OVERSEAS in c.kinds]
    assert len(overseas) == 1 and overseas[0].result is ScopeResult.AMBIGUOUS
    csto = next(t for t in s.treaties if t.id == "CSTO")
    assert set(csto.parties_on(s.start_date)) == {"RUS", "BLR", "ARM"}
    assert csto.article("4").decision_rule is DecisionRule.CONSENSUS
    assert csto.article("4").adversary.kind is AdversaryKind.ANY
    assert csto.article("2").kind is ArticleKind.CONSULTATION
    assert csto.suspended("RUS", "ARM", s.start_date) is not None
    assert csto.suspended("RUS", "BLR", s.start_date) is None


def test_demo_forces_and_msel() -> None:
    s = load_scenario(DEMO_PATH)
    assert all(f.home in s.locations and f.owner in s.states for f in s.forces)
    irf = s.force("USA-82-IRF")
    assert (irf.readiness_days, irf.transport, irf.speed_km_per_day) == (1, Transport.AIR, 8000)
    assert s.force("USA-ABCT").readiness_days == 10
    assert s.force("GBR-EFP-EST").home == "EST" and s.force("DEU-EFP-LTU").home == "LTU-VNO"
    assert {s.force(f).home for f in ("RUS-6CAA", "RUS-76VDV", "RUS-11AC")} == {"RUS-IVG", "RUS-PSK", "RUS-KGD"}
    turns = {i.turn: i.attack for i in s.injects}
    assert turns[2].kind is AttackKind.CYBER and turns[2].attribution == 0.3 and not turns[2].request
    assert turns[3].kind is AttackKind.AIRSPACE_VIOLATION and turns[3].location == "EST-VAI"
    assert (turns[5].kind, turns[5].location, turns[5].casualties, turns[5].attribution) == (
        AttackKind.INVASION,
        "EST-NAR",
        40,
        0.95,
    )
    assert turns[4].attacker == "ZAPAD-MILITIA"
    (end,) = s.end_conditions
    assert (end.location, end.controller) == ("EST-TLL", "RUS")
