"""Every kind of bad scenario gives ScenarioError with the problem's path, a one-line message and a suggestion."""

from __future__ import annotations

from pathlib import Path

import pytest

from wargame.scenario import SCENARIOS_DIR, Problem, ScenarioError, load_scenario, load_scenario_text, scenario_files

DEMO = (SCENARIOS_DIR / "demo.toml").read_text(encoding="utf-8")
PACK = {"world-treaties.toml": (SCENARIOS_DIR / "world-treaties.toml").read_text(encoding="utf-8")}
"""The demo includes the world treaty pack (its treaties come from there)."""


def problems_of(text: str, **kwargs: object) -> list[str]:
    kwargs.setdefault("files", PACK)
    with pytest.raises(ScenarioError) as info:
        load_scenario_text(text, name="demo.toml", **kwargs)  # type: ignore[arg-type]
    lines = str(info.value).splitlines()
    assert lines == [str(p) for p in info.value.problems]
    return lines


def mutated(old: str, new: str, *, count: int = 1) -> str:
    assert old in DEMO, old
    return DEMO.replace(old, new, count)


WORLD = (SCENARIOS_DIR / "world.toml").read_text(encoding="utf-8")
WORLD_FILES = {
    n: (SCENARIOS_DIR / n).read_text(encoding="utf-8")
    for n in ("world-states.toml", "world-treaties.toml", "world-crisis.toml")
}


def pack_problems(old: str, new: str) -> list[str]:
    """Problems of the world pack with ``old`` replaced once by ``new`` in world-treaties.toml, loaded whole
    (every treaty, every state) the way ``world.toml`` loads it. The demo takes its treaties from this pack,
    so treaty errors are found, with their paths, in the pack's own file."""
    pack = WORLD_FILES["world-treaties.toml"]
    assert old in pack, old
    with pytest.raises(ScenarioError) as info:
        load_scenario_text(
            WORLD, name="world.toml", files={**WORLD_FILES, "world-treaties.toml": pack.replace(old, new, 1)}
        )
    return str(info.value).splitlines()


def test_problem_and_error_format() -> None:
    p = Problem("treaties[0].parties[3].state", "unknown state 'ESR'", "demo.toml")
    assert str(p) == "demo.toml: treaties[0].parties[3].state: unknown state 'ESR'"
    e = ScenarioError([p, Problem("", "file not found")])
    assert str(e) == f"{p}\nfile not found" and isinstance(e, ValueError)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            'owner = "GBR"',
            'owner = "GBP"',
            "demo.toml: forces[2].owner: unknown state 'GBP' (did you mean 'GBR'?)",
        ),
        (
            'home = "EST-TLL"',
            'home = "EST-TTL"',
            "demo.toml: forces[0].home: unknown location 'EST-TTL' (did you mean 'EST-TLL'?)",
        ),
        (
            'attacker = "RUS"\nvictim = "EST"\nlocation = "EST-NAR"\nkind = "invasion"',
            'attacker = "RSU"\nvictim = "EST"\nlocation = "EST-NAR"\nkind = "invasion"',
            "demo.toml: injects[3].attacker: unknown state 'RSU' (did you mean 'RUS'?)",
        ),
        (
            'location = "EST-VAI"',
            'location = "EST-VIA"',
            "demo.toml: injects[1].location: unknown location 'EST-VIA' (did you mean 'EST-VAI'?)",
        ),
        (
            'controller = "RUS"',
            'controller = "rus"',
            "demo.toml: end[0].controller: unknown state 'rus' (did you mean 'RUS'?)",
        ),
        (
            'location = "EST-TLL"\ncontroller',
            'location = "TLL"\ncontroller',
            "demo.toml: end[0].location: unknown location 'TLL' (did you mean 'TKL'?)",
        ),
        (
            'administered_by = "BLR"',
            'administered_by = "BLRR"',
            "demo.toml: locations[2].administered_by: unknown state 'BLRR' (did you mean 'BLR'?)",
        ),
        (
            'attacker = "ZAPAD-MILITIA"\nvictim = "EST"',
            'attacker = "EST"\nvictim = "EST"',
            "demo.toml: injects[2].victim: the attacker and the victim are both 'EST'",
        ),
        (
            'at = "D+3"',
            'at = "D+0"',
            "demo.toml: injects[1].at: 'D+0': n must be at least 1",
        ),
        (
            'at = "D+3"',
            'at = "day 3"',
            'demo.toml: injects[1].at: cannot read \'day 3\': expected "D+n" with n ≥ 1, e.g. "D+2"',
        ),
        (
            'at = "D+3"',
            'at = "D+31"',
            "demo.toml: injects[1].at: turn 31 is after the last turn (max_turns = 30)",
        ),
        (
            'at = "D+3"',
            'at = "D+3"\nturn = 3',
            "demo.toml: injects[1].at: give either turn or at, not both",
        ),
        (
            'at = "D+3"\n',
            "",
            'demo.toml: injects[1].turn: missing required key (or at = "D+n")',
        ),
        (
            'serial = "4"',
            'serial = "3"',
            "demo.toml: injects[3].serial: duplicate serial '3' (first at injects[2])",
        ),
        (
            'id = "FIN-KAR"',
            'id = "EST-1BDE"',
            "demo.toml: forces[15].id: duplicate force id 'EST-1BDE' (first defined in demo.toml: forces[0])",
        ),
        (
            'id = "BLR-GRO"',
            'id = "BLR"',
            "demo.toml: locations[2].id: location id 'BLR' is already a state's id (demo.toml: states[11])",
        ),
        (
            'id = "LVA"',
            'id = "Lva"',
            "demo.toml: states[1].id: state id 'Lva' must be an ISO3 code (three capital letters) unless non_state = true",
        ),
        (
            'id = "ZAPAD-MILITIA"',
            'id = "zapad militia"',
            "demo.toml: states[13].id: non-state actor id 'zapad militia' must use capitals, digits, '-' or '_'",
        ),
    ],
)
def test_cross_reference_and_value_errors(old: str, new: str, expected: str) -> None:
    assert expected in problems_of(mutated(old, new))


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "max_turns = 30",
            'max_turns = "30"',
            "demo.toml: scenario.max_turns: Input should be a valid integer (got '30')",
        ),
        (
            "opinion_baseline = 70",
            "opinion_baseline = 170",
            "demo.toml: states[0].opinion_baseline: Input should be less than or equal to 100 (got 170)",
        ),
        (
            "attribution = 0.3",
            "attribution = 1.3",
            "demo.toml: injects[0].attribution: Input should be less than or equal to 1 (got 1.3)",
        ),
        (
            "personnel = 3500",
            "personnel = -3500",
            "demo.toml: forces[0].personnel: Input should be greater than or equal to 0 (got -3500)",
        ),
        (
            "casualties = 40",
            "casualties = 4.5",
            "demo.toml: injects[3].casualties: Input should be a valid integer (got 4.5)",
        ),
        (
            "start_date = 2026-03-02",
            'start_date = "2026-03-02"',
            "demo.toml: scenario.start_date: Input should be a valid date (got '2026-03-02')",
        ),
        (
            "start_date = 2026-03-02",
            "start_date = 2026-03-02T10:00:00",
            "demo.toml: scenario.start_date: Input should be a valid date (got datetime 2026-03-02T10:00:00)",
        ),
        (
            'kind = "cyber"',
            'kind = "cybr"',
            "demo.toml: injects[0].kind: unknown attack kind 'cybr' (did you mean 'cyber'?)",
        ),
        (
            'doctrine = "aggressor"\n\n[[states]]\nid = "BLR"',
            'doctrine = "agressor"\n\n[[states]]\nid = "BLR"',
            "demo.toml: states[10].doctrine: unknown doctrine 'agressor' (did you mean 'aggressor'?)",
        ),
        (
            'id = "demo"',
            'id = "Demo!"',
            "demo.toml: scenario.id: scenario id 'Demo!' must match ^[a-z0-9_-]+$",
        ),
        (
            'name = "Estonia"',
            'name = "  "',
            "demo.toml: states[0].name: must not be empty",
        ),
        (
            "lat = 59.44",
            "lat = nan",
            "demo.toml: states[0].lat: Input should be a finite number (got nan)",
        ),
        (
            '[[end]]\nkind = "control"',
            '[[end]]\nkind = "capture"',
            "demo.toml: end[0].kind: unknown end condition kind 'capture' (expected one of control)",
        ),
        (
            "[rules]\n",
            "[rules]\ndefender_bonnus = 2\n",
            "demo.toml: rules.defender_bonnus: unknown key 'defender_bonnus' (did you mean 'defender_bonus'?)",
        ),
        (
            '[[states]]\nid = "EST"',
            '[states]\nid = "EST"',
            "demo.toml: TOML syntax error",
        ),
    ],
)
def test_shape_errors(old: str, new: str, expected: str) -> None:
    lines = problems_of(mutated(old, new))
    assert any(line.startswith(expected) for line in lines), lines


def test_toml_syntax_error_has_line_and_column() -> None:
    (line,) = problems_of(mutated("seed = 7", "seed = 7\nseed = 8"))
    expected = DEMO.splitlines().index("seed = 7") + 2  # the duplicate is on the next line
    assert line.startswith("demo.toml: TOML syntax error:") and f"(at line {expected}, column" in line


def test_all_problems_are_reported_at_once() -> None:
    text = mutated('owner = "GBR"', 'owner = "GBP"').replace('home = "EST-TLL"', 'home = "NOWHERE"')
    lines = problems_of(text)
    assert len(lines) == 2 and "forces[0].home" in lines[0] and "forces[2].owner" in lines[1]


def test_missing_scenario_table_and_required_keys() -> None:
    assert problems_of('[[states]]\nid = "EST"\nname = "E"\n') == [
        "demo.toml: scenario: missing [scenario] table (a file without one can only be included)"
    ]
    assert problems_of('[scenario]\nid = "x"\nname = "X"\n') == [
        "demo.toml: scenario.start_date: missing required key",
        "demo.toml: scenario.turn_length_days: missing required key",
        "demo.toml: scenario.max_turns: missing required key",
    ]


P = "world-treaties.toml: treaties"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            '{ state = "EST", joined = 2004-03-29',
            '{ state = "ESR", joined = 2004-03-29',
            f"{P}[0].parties[20].state: unknown state 'ESR' (did you mean 'ERI' or 'ESP' or 'EST'?)",
        ),
        (
            'guarantor = "ARM"',
            'guarantor = "ARN"',
            f"{P}[7].suspensions[0].guarantor: unknown state 'ARN' (did you mean 'ARE' or 'ARG' or 'ARM'?)",
        ),
        (
            'administered_by = ["TUR"]',
            'administered_by = ["TRU"]',
            f"{P}[0].articles[2].scope[1].administered_by[0]: unknown state 'TRU' (did you mean 'TUR' or 'LTU' or 'ROU'?)",
        ),
        (
            'scope_from = "6"',
            'scope_from = "7"',
            f"{P}[0].articles[1].scope_from: unknown article '7' of treaty 'NATO' (its articles: '4', '5', '6')",
        ),
        (
            'scope_from = "6"',
            'scope_from = "5"',
            f"{P}[0].articles[1].scope_from: an article cannot take its scope from itself",
        ),
        (
            'scope_from = "6"',
            'scope_from = "6"\n  scope = [{ result = "in" }]',
            f"{P}[0].articles[1].scope: an article with scope_from cannot have scope clauses of its own",
        ),
        (
            '  kind = "definition"\n  citation = "North Atlantic Treaty, Art 6"',
            '  kind = "definition"\n  scope_from = "4"\n  citation = "North Atlantic Treaty, Art 6"',
            f"{P}[0].articles[1].scope_from: article '6' itself takes its scope from '4'",
        ),
        (
            '{ state = "FIN", joined = 2023-04-04',
            '{ state = "FIN", joined = 2023-04-04, left = 2023-04-04',
            f"{P}[0].parties[30].left: left 2023-04-04 must be after joined 2023-04-04",
        ),
        (
            '{ state = "FIN", joined = 2023-04-04',
            '{ state = "FIN", joined = 2024-01-01 },\n  { state = "FIN", joined = 2023-04-04',
            f"{P}[0].parties[31].state: state 'FIN' is listed twice as a party with overlapping dates",
        ),
        (
            '  from = 2024-02-22\n  note = "Armenia froze its participation (22-23 Feb 2024)"\n\n  [[treaties.articles]]',
            "  from = 2024-02-22\n  until = 2020-01-01\n\n  [[treaties.articles]]",
            f"{P}[7].suspensions[1].until: until 2020-01-01 must be after from 2024-02-22",
        ),
        (
            "in_force = 1994-04-20\n",
            "in_force = 1994-04-20\nterminated = 1990-01-01\n",
            f"{P}[7].terminated: terminated 1990-01-01 must be after in_force 1994-04-20",
        ),
        (
            '    kind = "any"\n    note = "Art 5',
            '    kind = "named"\n    note = "Art 5',
            f"{P}[0].articles[1].adversary.named: kind = 'named' needs at least one named adversary",
        ),
        (
            '    kind = "any"\n    note = "Art 5',
            '    kind = "named"\n    named = ["BLX"]\n    note = "Art 5',
            f"{P}[0].articles[1].adversary.named[0]: unknown state 'BLX' (did you mean 'BEL' or 'BLR' or 'BLZ'?)",
        ),
        (
            "    min_lat = 23.44\n    administered_by_victim",
            "    min_lat = 23.44\n    max_lat = 10\n    administered_by_victim",
            f"{P}[0].articles[2].scope[4].max_lat: max_lat 10.0 is below min_lat 23.44",
        ),
        (
            '    note = "forces on the high seas of the Black Sea',
            '    polygon = [[1, 2], [3]]\n    note = "forces on the high seas of the Black Sea',
            f"{P}[0].articles[2].scope[13].polygon[1]: a vertex is [lat, lon], got 1 numbers",
        ),
        (
            'continents = ["europe", "north_america"]',
            'continents = ["europa", "north_america"]',
            f"{P}[0].articles[2].scope[2].continents[0]: unknown continent 'europa' (did you mean 'europe'?)",
        ),
        (
            'source = "North Atlantic',
            'sourse = "North Atlantic',
            f"{P}[0].sourse: unknown key 'sourse' (did you mean 'source'?)",
        ),
        (
            'obligation = "as_deems_necessary"',
            'obligation = "automatic"',
            f"{P}[0].articles[1].obligation: unknown obligation 'automatic' (did you mean 'automatic_all_means'?)",
        ),
        (
            'threshold = "armed_attack"',
            'threshold = "attack"',
            f"{P}[0].articles[1].threshold: unknown threshold 'attack' (did you mean 'armed_attack'?)",
        ),
        (
            'result = "ambiguous"',
            'result = "maybe"',
            f"{P}[0].articles[2].scope[5].result: unknown scope result 'maybe' (expected one of in, out, ambiguous)",
        ),
        ("in_force = 1949-08-24\nsource", "source", f"{P}[0].in_force: missing required key"),
    ],
)
def test_treaty_errors_name_their_place_in_the_pack(old: str, new: str, expected: str) -> None:
    assert expected in pack_problems(old, new)


def test_use_treaties_names_known_treaties_once() -> None:
    text = mutated('use_treaties = ["NATO", "EU-42-7", "CSTO"]', 'use_treaties = ["NATO", "EU-42-8", "NATO"]')
    assert problems_of(text) == [
        "demo.toml: scenario.use_treaties[1]: unknown treaty 'EU-42-8' (did you mean 'EU-42-7'?)",
        "demo.toml: scenario.use_treaties[2]: treaty 'NATO' is listed twice",
    ]


def test_a_treaty_of_the_scenario_itself_is_checked_whole() -> None:
    """Only treaties taken from a pack leave out what lies outside the scenario; the scenario's own are strict."""
    own = (
        '\n[[treaties]]\nid = "OWN"\nname = "Own"\nin_force = 2000-01-01\nsource = "test"\n'
        'parties = [{ state = "EST" }, { state = "SWE" }]\n'
    )
    text = mutated('use_treaties = ["NATO", "EU-42-7", "CSTO"]', 'use_treaties = ["NATO", "OWN"]') + own
    assert problems_of(text) == ["demo.toml: treaties[0].parties[1].state: unknown state 'SWE'"]
    fixed = load_scenario_text(text.replace('"SWE"', '"LVA"'), name="demo.toml", files=PACK)
    assert [t.id for t in fixed.treaties] == ["NATO", "OWN"]


def test_missing_file_directory_and_bad_encoding(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError, match=r"^nope\.toml: file not found: .*nope\.toml$"):
        load_scenario(tmp_path / "nope.toml")
    with pytest.raises(ScenarioError, match="is a directory"):
        load_scenario(tmp_path)
    bad = tmp_path / "bad.toml"
    bad.write_bytes(b"\xff\xfe[scenario]")
    with pytest.raises(ScenarioError, match=r"bad\.toml: not UTF-8 text"):
        load_scenario(bad)
    with pytest.raises(ScenarioError, match="file not found"):
        scenario_files(tmp_path / "nope.toml")


def including(name: str) -> str:
    """The demo including ``name`` after the world treaty pack."""
    return mutated('include = ["world-treaties.toml"]', f'include = ["world-treaties.toml", "{name}"]')


def test_missing_include(tmp_path: Path) -> None:
    main = tmp_path / "main.toml"
    main.write_text(mutated('include = ["world-treaties.toml"]', 'include = ["nowhere.toml"]'), encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        load_scenario(main)
    assert str(info.value).startswith(
        "main.toml: scenario.include[0]: cannot read included file 'nowhere.toml': file not found"
    )
    with pytest.raises(ScenarioError, match=r"cannot read included file 'nowhere\.toml': not among the stored files"):
        load_scenario_text(main.read_text(encoding="utf-8"), name="main.toml", files={})


def test_include_cycle(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text('[scenario]\ninclude = ["b.toml"]\n', encoding="utf-8")
    (tmp_path / "b.toml").write_text('[scenario]\ninclude = ["a.toml"]\n', encoding="utf-8")
    main = tmp_path / "main.toml"
    main.write_text(mutated('include = ["world-treaties.toml"]', 'include = ["a.toml"]'), encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        load_scenario(main)
    assert str(info.value) == "b.toml: scenario.include[0]: include cycle: main.toml -> a.toml -> b.toml -> a.toml"
    self_include = tmp_path / "self.toml"
    self_include.write_text('[scenario]\ninclude = ["self.toml"]\n', encoding="utf-8")
    with pytest.raises(ScenarioError, match="include cycle: self.toml -> self.toml"):
        load_scenario(self_include)


def test_absolute_include_is_refused() -> None:
    lines = problems_of(including("/etc/x.toml"))
    assert lines == ["demo.toml: scenario.include[1]: include path '/etc/x.toml' must be a relative file path"]


def test_an_included_file_may_not_redefine_an_id(tmp_path: Path) -> None:
    (tmp_path / "lib.toml").write_text('[[states]]\nid = "EST"\nname = "Estonia"\n', encoding="utf-8")
    main = tmp_path / "main.toml"
    main.write_text(including("lib.toml"), encoding="utf-8")
    (tmp_path / "world-treaties.toml").write_text(PACK["world-treaties.toml"], encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        load_scenario(main)
    assert str(info.value) == "main.toml: states[0].id: duplicate state id 'EST' (first defined in lib.toml: states[0])"


def test_errors_in_an_included_file_name_that_file(tmp_path: Path) -> None:
    (tmp_path / "lib.toml").write_text(
        '[[states]]\nid = "SWE"\nname = "Sweden"\ncontinent = "europ"\n', encoding="utf-8"
    )
    main = tmp_path / "main.toml"
    main.write_text(including("lib.toml"), encoding="utf-8")
    (tmp_path / "world-treaties.toml").write_text(PACK["world-treaties.toml"], encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        load_scenario(main)
    assert str(info.value) == "lib.toml: states[0].continent: unknown continent 'europ' (did you mean 'europe'?)"


def test_non_string_text_is_refused() -> None:
    with pytest.raises(ScenarioError, match="scenario text must be a string"):
        load_scenario_text(b"[scenario]")  # type: ignore[arg-type]
