"""Loading scenarios: building the engine facts, includes, stored texts, the CSV and bundled packs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from wargame.engine import (
    AdversaryKind,
    ArticleKind,
    DateRange,
    DecisionRule,
    Gravity,
    LocationKind,
    Obligation,
    Rules,
    ScopeResult,
    TargetKind,
    Transport,
)
from wargame.scenario import (
    ScenarioError,
    bundled_headers,
    load_locations_csv,
    load_scenario,
    load_scenario_text,
    scenario_files,
    source_hash,
)

MAIN = """
[scenario]
id = "mini"
name = "Mini"
briefing = "Two states and a treaty."
start_date = 2026-01-05
turn_length_days = 0.5
max_turns = 10
seed = 3

[rules]
defender_bonus = 2.0
war_casualties = 50

[[states]]
id = "NOR"
name = "Norland"
continent = "europe"
oceans = ["atlantic", "arctic"]
lat = 59.9
lon = 10.7
opinion_baseline = 55
doctrine = "reliable"

[[states]]
id = "RUS"
name = "Russia"
government = "autocracy"
continent = "europe"
oceans = ["arctic"]
lat = 55.7
lon = 37.6
doctrine = "aggressor"

[[locations]]
id = "NOR-IN"
name = "Inland"
kind = "land"
administered_by = "NOR"
continent = "europe"
lat = 61.0
lon = 10.0

[[locations]]
id = "SEA-X"
name = "Sea X"
kind = "sea"
ocean = "arctic"
lat = 72.0
lon = 30.0

[[treaties]]
id = "PACT"
name = "Pact"
in_force = 2000-01-01
terminated = 2090-01-01

  [[treaties.parties]]
  state = "NOR"
  joined = 2001-02-03
  left = 2080-01-01

  [[treaties.parties]]
  state = "RUS"

  [[treaties.suspensions]]
  guarantor = "RUS"
  beneficiary = "*"
  from = 2010-01-01
  until = 2011-01-01

  [[treaties.articles]]
  id = "1"
  title = "Area"
  kind = "definition"
  obligation = "none"

    [[treaties.articles.scope]]
    result = "ambiguous"
    targets = ["territory", "forces"]
    kinds = ["sea"]
    oceans = ["arctic"]
    min_lat = 60
    max_lat = 80.5
    administered_by = ["NOR"]
    administered_by_victim = true
    disputed = false
    polygon = [[60, 0], [80, 0], [80, 40]]
    from = 2019-03-01
    until = 2030-01-01

  [[treaties.articles]]
  id = "2"
  title = "Defence"
  kind = "defence"
  obligation = "all_means_in_power"
  threshold = "state_of_war"
  decision_rule = "two_thirds"
  decision_days = 3
  attribution_min = 0.8
  in_force = 2005-01-01
  scope_from = "1"
  initiator_rule = false

    [treaties.articles.adversary]
    kind = "named"
    named = ["RUS"]
    non_state_accepted = true

[[forces]]
id = "NOR-BDE"
owner = "NOR"
name = "Brigade North"
kind = "mechanised_brigade"
combat_power = 10
personnel = 4000
home = "NOR-IN"
readiness_days = 2
transport = "rail"
speed_km_per_day = 300
daily_cost_musd = 1.5

[[injects]]
serial = 7
at = "D+4"
attacker = "RUS"
victim = "NOR"
location = "NOR-IN"
kind = "invasion"
casualties = 12
attribution = 0.9

[[injects]]
turn = 2
attacker = "RUS"
victim = "NOR"
location = "SEA-X"
kind = "naval"
target = "forces"

[[end]]
location = "NOR-IN"
controller = "RUS"
label = "Inland falls"
"""


def test_builds_the_engine_facts() -> None:
    """Every table becomes the matching frozen engine dataclass with the file's values."""
    s = load_scenario_text(MAIN, name="mini.toml")
    assert (s.id, s.name, s.briefing, s.start_date) == ("mini", "Mini", "Two states and a treaty.", dt.date(2026, 1, 5))
    assert (s.turn_length_days, s.max_turns, s.default_seed) == (0.5, 10, 3)
    assert s.rules == Rules(defender_bonus=2.0, war_casualties=50)
    nor = s.states["NOR"]
    assert nor.oceans == ("atlantic", "arctic") and nor.opinion_baseline == 55 and nor.doctrine.value == "reliable"
    assert s.states["RUS"].government.value == "autocracy"
    (pact,) = s.treaties
    assert pact.in_force == DateRange(dt.date(2000, 1, 1), dt.date(2090, 1, 1))
    assert pact.parties[0].joined == dt.date(2001, 2, 3) and pact.parties[1].joined is None
    assert pact.suspended("RUS", "NOR", dt.date(2010, 6, 1)) is not None
    assert pact.suspended("NOR", "RUS", dt.date(2010, 6, 1)) is None
    area, defence = pact.articles
    assert area.kind is ArticleKind.DEFINITION and area.obligation is Obligation.NONE
    (clause,) = area.scope
    assert clause.result is ScopeResult.AMBIGUOUS
    assert clause.targets == (TargetKind.TERRITORY, TargetKind.FORCES)
    assert clause.kinds == (LocationKind.SEA,)
    assert (clause.min_lat, clause.max_lat, clause.disputed) == (60.0, 80.5, False)
    assert clause.polygon == ((60.0, 0.0), (80.0, 0.0), (80.0, 40.0))
    assert clause.valid == DateRange(dt.date(2019, 3, 1), dt.date(2030, 1, 1))
    assert area.in_force == DateRange(dt.date(2000, 1, 1), dt.date(2090, 1, 1)), "defaults to the treaty's"
    assert defence.threshold is Gravity.STATE_OF_WAR
    assert defence.decision_rule is DecisionRule.TWO_THIRDS and defence.decision_days == 3
    assert defence.attribution_min == 0.8 and defence.scope_from == "1" and not defence.initiator_rule
    assert defence.in_force == DateRange(dt.date(2005, 1, 1), dt.date(2090, 1, 1))
    assert defence.adversary.kind is AdversaryKind.NAMED and defence.adversary.named == ("RUS",)
    (force,) = s.forces
    assert force.transport is Transport.RAIL and force.personnel == 4000 and s.force("NOR-BDE") is force
    assert [(i.serial, i.turn) for i in s.injects] == [("2", 2), ("7", 4)], (
        "sorted by turn; int serial → str; default serial"
    )
    assert s.injects[0].attack.target is TargetKind.FORCES
    assert s.injects[1].attack.casualties == 12 and s.injects[1].attack.attribution == 0.9
    (end,) = s.end_conditions
    assert (end.kind, end.location, end.controller, end.label) == ("control", "NOR-IN", "RUS", "Inland falls")


def test_every_state_is_a_whole_territory_location() -> None:
    """A state's ISO3 code is a location of kind STATE at its capital, with its continent and oceans."""
    s = load_scenario_text(MAIN)
    loc = s.locations["NOR"]
    assert loc.kind is LocationKind.STATE and loc.administered_by == "NOR"
    assert (loc.continent, loc.oceans, loc.lat, loc.lon) == ("europe", ("atlantic", "arctic"), 59.9, 10.7)


def test_landlocked_place_takes_its_states_oceans_and_sea_has_no_administrator() -> None:
    s = load_scenario_text(MAIN)
    assert s.locations["NOR-IN"].oceans == ("atlantic", "arctic")
    assert s.locations["SEA-X"].administered_by is None and s.locations["SEA-X"].oceans == ("arctic",)


def test_defaults_apply_when_optional_tables_are_missing() -> None:
    text = '[scenario]\nid = "x"\nname = "X"\nstart_date = 2026-01-01\nturn_length_days = 7\nmax_turns = 5\n'
    s = load_scenario_text(text)
    assert s.rules == Rules() and s.states == {} and s.treaties == () and s.default_seed == 1


def test_locations_csv_rows_are_loaded_when_asked() -> None:
    """locations_csv = true adds every CSV row, even for states the scenario does not define."""
    text = MAIN.replace("seed = 3", "seed = 3\nlocations_csv = true")
    s = load_scenario_text(text)
    assert s.locations["PHL-2TS"].claimants == ("CHN", "TWN", "VNM")
    assert s.locations["PHL-2TS"].administered_by == "PHL" and "PHL" not in s.states
    assert s.locations["NOR-FMK"].oceans == ("arctic",)
    assert s.locations["SEA-BAL"].administered_by is None
    assert "PHL-2TS" not in load_scenario_text(MAIN).locations


def test_scenario_location_replaces_the_csv_row_of_the_same_id() -> None:
    text = MAIN.replace("seed = 3", "seed = 3\nlocations_csv = true").replace('id = "NOR-IN"', 'id = "NOR-FMK"')
    text = text.replace('home = "NOR-IN"', 'home = "NOR-FMK"').replace('"NOR-IN"', '"NOR-FMK"')
    s = load_scenario_text(text)
    assert s.locations["NOR-FMK"].name == "Inland"


def test_csv_ocean_filled_from_a_defined_administrator_only() -> None:
    text = MAIN.replace("seed = 3", "seed = 3\nlocations_csv = true")
    text += '\n[[states]]\nid = "EST"\nname = "Estonia"\ncontinent = "europe"\noceans = ["atlantic"]\n'
    s = load_scenario_text(text)
    assert s.locations["EST-NAR"].oceans == ("atlantic",)
    assert s.locations["LTU-VNO"].oceans == (), "LTU is not a state of this scenario"


def test_load_locations_csv_reads_the_product_file() -> None:
    locs = load_locations_csv()
    assert len(locs) > 100
    gtmo = locs["USA-GTMO"]
    assert gtmo.kind is LocationKind.OVERSEAS and gtmo.claimants == ("CUB",) and gtmo.oceans == ("atlantic",)
    assert locs["EST-NAR"].oceans == () and not locs["EST-NAR"].coastal and not locs["EST-NAR"].airbase
    assert locs["EST-TLL"].coastal and locs["EST-TLL"].airbase and not locs["SEA-BAL"].airbase
    assert locs["KOR-YPD"].note.startswith("south of the Northern Limit Line")


def test_load_locations_csv_bad_file(tmp_path: Path) -> None:
    bad = tmp_path / "locs.csv"
    bad.write_text(
        "id,name,kind,administered_by,other_claimants,continent,ocean,sea,lat,lon,note,coastal,airbase\n"
        "A-1,A,lnd,NOR,,europe,,,95,x,,maybe,true\n",
        encoding="utf-8",
    )
    with pytest.raises(ScenarioError) as info:
        load_locations_csv(bad)
    text = str(info.value)
    assert "locs.csv: line 2.kind: unknown location kind 'lnd' (did you mean 'land'?)" in text
    assert "line 2.lat: 95.0 is outside -90..90" in text
    assert "line 2.lon: not a number: 'x'" in text
    assert "line 2.coastal: expected true or false, not 'maybe'" in text
    with pytest.raises(ScenarioError, match="cannot read locations file"):
        load_locations_csv(tmp_path / "missing.csv")


LIBRARY = """
[[states]]
id = "DNK"
name = "Denmark"
continent = "europe"
oceans = ["atlantic"]

[[treaties]]
id = "NORDIC"
name = "Nordic pact"
in_force = 2001-01-01

  [[treaties.parties]]
  state = "DNK"

  [[treaties.parties]]
  state = "NOR"
"""


def _write_tree(tmp_path: Path) -> Path:
    (tmp_path / "packs").mkdir()
    (tmp_path / "packs" / "nordic.toml").write_text(LIBRARY, encoding="utf-8")
    main = tmp_path / "main.toml"
    main.write_text(MAIN.replace("seed = 3", 'seed = 3\ninclude = ["packs/nordic.toml"]'), encoding="utf-8")
    return main


def test_includes_merge_states_and_treaties(tmp_path: Path) -> None:
    """An included library file (no [scenario]) adds its records before the main file's own."""
    s = load_scenario(_write_tree(tmp_path))
    assert list(s.states)[:1] == ["DNK"] and "NOR" in s.states
    assert [t.id for t in s.treaties] == ["NORDIC", "PACT"]
    assert s.treaties[0].parties_on(dt.date(2026, 1, 1)) == ("DNK", "NOR")


def test_scenario_files_round_trip_gives_the_same_scenario_and_hash(tmp_path: Path) -> None:
    main = _write_tree(tmp_path)
    files = scenario_files(main)
    assert set(files) == {"main.toml", "packs/nordic.toml"}
    from_disk = load_scenario(main)
    from_texts = load_scenario_text(files["main.toml"], name="stored", files=files)
    assert from_texts == from_disk
    assert from_disk.source_hash == source_hash(files["main.toml"], {"packs/nordic.toml": LIBRARY})
    assert len(from_disk.source_hash) == 64


def test_hash_changes_with_any_text(tmp_path: Path) -> None:
    main = _write_tree(tmp_path)
    before = load_scenario(main).source_hash
    (tmp_path / "packs" / "nordic.toml").write_text(LIBRARY + "\n# edited\n", encoding="utf-8")
    assert load_scenario(main).source_hash != before
    assert load_scenario_text(MAIN).source_hash != load_scenario_text(MAIN + "\n").source_hash


def test_nested_include_paths_are_relative_to_the_including_file(tmp_path: Path) -> None:
    (tmp_path / "packs").mkdir()
    (tmp_path / "packs" / "nordic.toml").write_text('[scenario]\ninclude = ["base.toml"]\n' + LIBRARY, encoding="utf-8")
    (tmp_path / "packs" / "base.toml").write_text('[[states]]\nid = "SWE"\nname = "Sweden"\n', encoding="utf-8")
    main = tmp_path / "main.toml"
    main.write_text(MAIN.replace("seed = 3", 'seed = 3\ninclude = ["packs/nordic.toml"]'), encoding="utf-8")
    assert set(scenario_files(main)) == {"main.toml", "packs/nordic.toml", "packs/base.toml"}
    assert list(load_scenario(main).states)[:2] == ["SWE", "DNK"]


def test_a_file_included_twice_is_merged_once(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text('[scenario]\ninclude = ["common.toml"]\n', encoding="utf-8")
    (tmp_path / "common.toml").write_text('[[states]]\nid = "SWE"\nname = "Sweden"\n', encoding="utf-8")
    main = tmp_path / "main.toml"
    main.write_text(MAIN.replace("seed = 3", 'seed = 3\ninclude = ["a.toml", "common.toml"]'), encoding="utf-8")
    assert "SWE" in load_scenario(main).states


def test_included_scenario_table_rules_and_injects_are_ignored(tmp_path: Path) -> None:
    other = MAIN.replace('id = "mini"', 'id = "other"').replace("defender_bonus = 2.0", "defender_bonus = 9.0")
    other = other.replace('"NOR"', '"NRX"').replace('"RUS"', '"RUX"').replace('id = "PACT"', 'id = "PACT2"')
    other = other.replace('"NOR-IN"', '"NOR-IN2"').replace('"SEA-X"', '"SEA-Y"').replace('"NOR-BDE"', '"NOR-BDE2"')
    (tmp_path / "other.toml").write_text(other, encoding="utf-8")
    main = tmp_path / "main.toml"
    main.write_text(MAIN.replace("seed = 3", 'seed = 3\ninclude = ["other.toml"]'), encoding="utf-8")
    s = load_scenario(main)
    assert s.id == "mini" and s.rules.defender_bonus == 2.0 and len(s.injects) == 2
    assert {"NRX", "NOR"} <= set(s.states)


def test_bundled_scenarios_lists_playable_files_only(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text(MAIN, encoding="utf-8")
    (tmp_path / "lib.toml").write_text(LIBRARY, encoding="utf-8")
    (tmp_path / "pack.toml").write_text("[scenario]\nlibrary = true\n", encoding="utf-8")
    (tmp_path / "both.toml").write_text(
        '[scenario]\nname = "Both"\nlibrary = true\nplayable = true\n', encoding="utf-8"
    )
    (tmp_path / "broken.toml").write_text("[scenario\n", encoding="utf-8")
    (tmp_path / "noname.toml").write_text('[scenario]\nid = "n"\n', encoding="utf-8")
    assert [p.name for p, _ in bundled_headers(tmp_path)] == ["a.toml", "both.toml", "noname.toml"]
    from wargame.app.scenarios import bundled  # the names the start page shows

    assert [(b.name, b.path, b.id) for b in bundled(tmp_path)] == [
        ("Mini", tmp_path / "a.toml", "mini"),
        ("Both", tmp_path / "both.toml", "both"),
        ("noname", tmp_path / "noname.toml", "n"),
    ]


PROV = """
[scenario]
id = "p"
name = "P"
start_date = 2026-01-01
turn_length_days = 1
max_turns = 5

[rules]
defender_bonus = 2.0
source = "numbers.md"

[[states]]
id = "NOR"
name = "Norland"
lat = 59.9
lon = 10.7
gdp_busd = 480
sources = { lat = "atlas", gdp_busd = "IMF 2024" }
assumed = ["lon"]

[[states]]
id = "SWE"
name = "Sweden"
gdp_busd = 600
assumed = ["*"]

[[states]]
id = "DNK"
name = "Denmark"
population_m = 5.9
sources = { poplation_m = "x" }

[[treaties]]
id = "T"
name = "T"
in_force = 2000-01-01

  [[treaties.articles]]
  id = "1"
  kind = "defence"
  decision_days = 2
  source = "treaty text"

    [[treaties.articles.scope]]
    min_lat = 23.44

[[injects]]
turn = 2
attacker = "NOR"
victim = "SWE"
location = "SWE"
kind = "threat"
casualties = 0
"""


def test_check_provenance_reports_numbers_without_a_source(tmp_path: Path) -> None:
    """source, sources.FIELD, assumed (or '*') cover numbers; a scope clause inherits its article's source."""
    from wargame.scenario import check_provenance

    path = tmp_path / "p.toml"
    path.write_text(PROV, encoding="utf-8")
    assert [str(p) for p in check_provenance(path)] == [
        "p.toml: states[2].sources.poplation_m: 'poplation_m' is not a field of this record",
        'p.toml: states[2].population_m: number without a source: add source, sources.population_m or assumed = ["population_m"]',
        'p.toml: injects[0].casualties: number without a source: add source, sources.casualties or assumed = ["casualties"]',
    ]
    path.write_text(PROV.replace("[rules]", '[provenance]\nall_assumed = "fiction"\n\n[rules]'), encoding="utf-8")
    assert check_provenance(path) == []


def test_check_provenance_per_file_and_needs_a_valid_scenario(tmp_path: Path) -> None:
    from wargame.scenario import check_provenance

    (tmp_path / "lib.toml").write_text('[[states]]\nid = "FIN"\nname = "Finland"\nlat = 60.2\n', encoding="utf-8")
    main = tmp_path / "main.toml"
    main.write_text(
        '[scenario]\nid = "m"\nname = "M"\nstart_date = 2026-01-01\nturn_length_days = 1\nmax_turns = 5\n'
        'include = ["lib.toml"]\n[provenance]\nall_assumed = "fiction"\n',
        encoding="utf-8",
    )
    assert [str(p) for p in check_provenance(main)] == [
        'lib.toml: states[0].lat: number without a source: add source, sources.lat or assumed = ["lat"]'
    ]
    main.write_text("[scenario]\n", encoding="utf-8")
    with pytest.raises(ScenarioError):
        check_provenance(main)
