"""Every kind of bad scenario gives ScenarioError with the problem's path, a one-line message and a suggestion."""

from __future__ import annotations

from pathlib import Path

import pytest

from wargame.scenario import SCENARIOS_DIR, Problem, ScenarioError, load_scenario, load_scenario_text, scenario_files

DEMO = (SCENARIOS_DIR / "demo.toml").read_text(encoding="utf-8")


def problems_of(text: str, **kwargs: object) -> list[str]:
    with pytest.raises(ScenarioError) as info:
        load_scenario_text(text, name="demo.toml", **kwargs)  # type: ignore[arg-type]
    lines = str(info.value).splitlines()
    assert lines == [str(p) for p in info.value.problems]
    return lines


def mutated(old: str, new: str, *, count: int = 1) -> str:
    assert old in DEMO, old
    return DEMO.replace(old, new, count)


def test_problem_and_error_format() -> None:
    p = Problem("treaties[0].parties[3].state", "unknown state 'ESR'", "demo.toml")
    assert str(p) == "demo.toml: treaties[0].parties[3].state: unknown state 'ESR'"
    e = ScenarioError([p, Problem("", "file not found")])
    assert str(e) == f"{p}\nfile not found" and isinstance(e, ValueError)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            'state = "EST"\n  joined',
            'state = "ESR"\n  joined',
            "demo.toml: treaties[0].parties[6].state: unknown state 'ESR' (did you mean 'EST'?)",
        ),
        (
            'guarantor = "ARM"',
            'guarantor = "ARN"',
            "demo.toml: treaties[2].suspensions[0].guarantor: unknown state 'ARN' (did you mean 'ARM'?)",
        ),
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
            'administered_by = ["TUR"]',
            'administered_by = ["TRU"]',
            "demo.toml: treaties[0].articles[2].scope[3].administered_by[0]: unknown state 'TRU' (did you mean 'TUR' or 'LTU' or 'RUS'?)",
        ),
        (
            'administered_by = "BLR"',
            'administered_by = "BLRR"',
            "demo.toml: locations[2].administered_by: unknown state 'BLRR' (did you mean 'BLR'?)",
        ),
        (
            'scope_from = "6"',
            'scope_from = "7"',
            "demo.toml: treaties[0].articles[1].scope_from: unknown article '7' of treaty 'NATO' (its articles: '4', '5', '6')",
        ),
        (
            'scope_from = "6"',
            'scope_from = "5"',
            "demo.toml: treaties[0].articles[1].scope_from: an article cannot take its scope from itself",
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
            "joined = 2023-04-04",
            "joined = 2023-04-04\n  left = 2023-04-04",
            "demo.toml: treaties[0].parties[9].left: left 2023-04-04 must be after joined 2023-04-04",
        ),
        (
            '  from = 2024-02-22\n  note = "Armenia froze its participation (Pashinyan, 22-23 Feb 2024)"\n\n  [[treaties.articles]]',
            "  from = 2024-02-22\n  until = 2020-01-01\n\n  [[treaties.articles]]",
            "demo.toml: treaties[2].suspensions[1].until: until 2020-01-01 must be after from 2024-02-22",
        ),
        (
            "in_force = 1994-04-20",
            "in_force = 1994-04-20\nterminated = 1990-01-01",
            "demo.toml: treaties[2].terminated: terminated 1990-01-01 must be after in_force 1994-04-20",
        ),
        (
            'state = "FIN"\n  joined = 2023-04-04',
            'state = "FIN"\n  joined = 2023-04-04\n  [[treaties.parties]]\n  state = "FIN"\n  joined = 2024-01-01',
            "demo.toml: treaties[0].parties[10].state: state 'FIN' is listed twice as a party with overlapping dates",
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
        (
            '    kind = "any"\n    exclude_parties = true',
            '    kind = "named"\n    exclude_parties = true',
            "demo.toml: treaties[0].articles[1].adversary.named: kind = 'named' needs at least one named adversary",
        ),
        (
            '    kind = "state"\n',
            '    kind = "state"\n    named = ["BLX"]\n',
            "demo.toml: treaties[2].articles[0].adversary.named[0]: unknown state 'BLX' (did you mean 'BLR'?)",
        ),
        (
            "min_lat = 23.44\n    administered_by_party",
            "min_lat = 23.44\n    max_lat = 10\n    administered_by_party",
            "demo.toml: treaties[0].articles[2].scope[4].max_lat: max_lat 10.0 is below min_lat 23.44",
        ),
        (
            'note = "high seas of the Arctic',
            'polygon = [[1, 2], [3]]\n    note = "high seas of the Arctic',
            "demo.toml: treaties[0].articles[2].scope[9].polygon[1]: a vertex is [lat, lon], got 1 numbers",
        ),
    ],
)
def test_cross_reference_and_value_errors(old: str, new: str, expected: str) -> None:
    assert expected in problems_of(mutated(old, new))


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            'continents = ["europe", "north_america"]\n    administered_by_party',
            'continents = ["europa", "north_america"]\n    administered_by_party',
            "demo.toml: treaties[0].articles[2].scope[1].continents[0]: unknown continent 'europa' (did you mean 'europe'?)",
        ),
        (
            'source = "North Atlantic',
            'sourse = "North Atlantic',
            "demo.toml: treaties[0].sourse: unknown key 'sourse' (did you mean 'source'?)",
        ),
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
            'obligation = "as_deems_necessary"',
            'obligation = "automatic"',
            "demo.toml: treaties[0].articles[1].obligation: unknown obligation 'automatic' (did you mean 'automatic_all_means'?)",
        ),
        (
            'threshold = "armed_attack"',
            'threshold = "attack"',
            "demo.toml: treaties[0].articles[1].threshold: unknown threshold 'attack' (did you mean 'armed_attack'?)",
        ),
        (
            'result = "ambiguous"',
            'result = "maybe"',
            "demo.toml: treaties[0].articles[2].scope[5].result: unknown scope result 'maybe' (expected one of in, out, ambiguous)",
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
            "in_force = 1949-08-24\nsource",
            "source",
            "demo.toml: treaties[0].in_force: missing required key",
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


def test_scope_from_with_own_clauses_or_chained() -> None:
    text = mutated('scope_from = "6"', 'scope_from = "6"\n  scope = [{ result = "in" }]')
    assert (
        "demo.toml: treaties[0].articles[1].scope: an article with scope_from cannot have scope clauses of its own"
        in problems_of(text)
    )
    text = mutated('obligation = "none"', 'obligation = "none"\n  scope_from = "4"')
    lines = problems_of(text)
    assert "demo.toml: treaties[0].articles[1].scope_from: article '6' itself takes its scope from '4'" in lines


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


def test_missing_include(tmp_path: Path) -> None:
    main = tmp_path / "main.toml"
    main.write_text(mutated("seed = 7", 'seed = 7\ninclude = ["world.toml"]'), encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        load_scenario(main)
    assert str(info.value).startswith(
        "main.toml: scenario.include[0]: cannot read included file 'world.toml': file not found"
    )
    with pytest.raises(ScenarioError, match=r"cannot read included file 'world\.toml': not among the stored files"):
        load_scenario_text(main.read_text(encoding="utf-8"), name="main.toml", files={})


def test_include_cycle(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text('[scenario]\ninclude = ["b.toml"]\n', encoding="utf-8")
    (tmp_path / "b.toml").write_text('[scenario]\ninclude = ["a.toml"]\n', encoding="utf-8")
    main = tmp_path / "main.toml"
    main.write_text(mutated("seed = 7", 'seed = 7\ninclude = ["a.toml"]'), encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        load_scenario(main)
    assert str(info.value) == "b.toml: scenario.include[0]: include cycle: main.toml -> a.toml -> b.toml -> a.toml"
    self_include = tmp_path / "self.toml"
    self_include.write_text('[scenario]\ninclude = ["self.toml"]\n', encoding="utf-8")
    with pytest.raises(ScenarioError, match="include cycle: self.toml -> self.toml"):
        load_scenario(self_include)


def test_absolute_include_is_refused() -> None:
    lines = problems_of(mutated("seed = 7", 'seed = 7\ninclude = ["/etc/x.toml"]'))
    assert lines == ["demo.toml: scenario.include[0]: include path '/etc/x.toml' must be a relative file path"]


def test_an_included_file_may_not_redefine_an_id(tmp_path: Path) -> None:
    (tmp_path / "lib.toml").write_text('[[states]]\nid = "EST"\nname = "Estonia"\n', encoding="utf-8")
    main = tmp_path / "main.toml"
    main.write_text(mutated("seed = 7", 'seed = 7\ninclude = ["lib.toml"]'), encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        load_scenario(main)
    assert str(info.value) == "main.toml: states[0].id: duplicate state id 'EST' (first defined in lib.toml: states[0])"


def test_errors_in_an_included_file_name_that_file(tmp_path: Path) -> None:
    (tmp_path / "lib.toml").write_text(
        '[[states]]\nid = "SWE"\nname = "Sweden"\ncontinent = "europ"\n', encoding="utf-8"
    )
    main = tmp_path / "main.toml"
    main.write_text(mutated("seed = 7", 'seed = 7\ninclude = ["lib.toml"]'), encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        load_scenario(main)
    assert str(info.value) == "lib.toml: states[0].continent: unknown continent 'europ' (did you mean 'europe'?)"


def test_non_string_text_is_refused() -> None:
    with pytest.raises(ScenarioError, match="scenario text must be a string"):
        load_scenario_text(b"[scenario]")  # type: ignore[arg-type]
