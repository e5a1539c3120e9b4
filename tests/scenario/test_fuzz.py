"""Fuzz: 2,000 hostile scenario documents, each loads or is refused with ScenarioError within 5 seconds (issue 14).

The adversarial run found fuzzed scenarios that hung (over 10 s), ran out of memory or ended in an internal error.
Each example starts from a small valid scenario and changes up to four things: a value replaced by something hostile
(huge or non-finite numbers, long or odd text, deep nesting, long lists, paths to devices or outside the folder), a
key deleted or renamed, or a record repeated many times. Each case's time is measured: over 5 s fails the test
(nothing else about time is asserted). The number of examples is fixed (not only in CI): the issue asks for 2,000.
"""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_properties import toml_document

from wargame.engine import Scenario
from wargame.scenario import ScenarioError, load_scenario_text

EXAMPLES = 2_000
TIME_LIMIT_S = 5.0

BASE: dict[str, Any] = {
    "scenario": {
        "id": "fuzz",
        "name": "Fuzz",
        "start_date": dt.date(2026, 3, 1),
        "turn_length_days": 1,
        "max_turns": 20,
        "seed": 3,
    },
    "provenance": {"all_assumed": "fuzz"},
    "rules": {"defender_bonus": 1.5},
    "states": [
        {
            "id": "AAA",
            "name": "Aland",
            "continent": "europe",
            "oceans": ["atlantic"],
            "lat": 59.0,
            "lon": 24.0,
            "gdp_busd": 40.0,
            "population_m": 1.3,
            "defence_budget_busd": 1.0,
        },
        {"id": "BBB", "name": "Bland", "continent": "europe", "lat": 55.0, "lon": 37.0, "doctrine": "aggressor"},
        {"id": "CCC", "name": "Cland", "continent": "north_america", "lat": 38.0, "lon": -77.0},
    ],
    "locations": [
        {"id": "AAA-N", "name": "North", "kind": "land", "administered_by": "AAA", "lat": 59.4, "lon": 28.2},
        {"id": "SEA", "name": "Sea", "kind": "sea", "ocean": "atlantic", "lat": 58.0, "lon": 20.0},
    ],
    "treaties": [
        {
            "id": "PACT",
            "name": "Pact",
            "in_force": dt.date(1949, 8, 24),
            "parties": [{"state": "AAA"}, {"state": "CCC"}],
            "articles": [
                {
                    "id": "5",
                    "kind": "defence",
                    "citation": "Art 5",
                    "decision_days": 2,
                    "scope": [
                        {
                            "result": "in",
                            "continents": ["europe"],
                            "polygon": [[50.0, 10.0], [60.0, 10.0], [60.0, 30.0]],
                        }
                    ],
                },
                {"id": "4", "kind": "consultation", "scope_from": "5", "threshold": "threat"},
            ],
        }
    ],
    "forces": [
        {
            "id": "F1",
            "owner": "CCC",
            "name": "Brigade",
            "kind": "army",
            "combat_power": 10.0,
            "personnel": 4000,
            "home": "CCC",
            "readiness_days": 5,
            "source": "assumption",
        },
    ],
    "injects": [
        {
            "serial": "1",
            "turn": 2,
            "attacker": "BBB",
            "victim": "AAA",
            "location": "AAA-N",
            "kind": "invasion",
            "casualties": 10,
            "attribution": 0.9,
        },
    ],
    "end": [{"location": "AAA-N", "controller": "BBB", "label": "North falls"}],
    "objectives": [{"id": "hold", "kind": "hold", "side": ["AAA"], "location": "AAA-N"}],
}


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out: list[tuple[Any, ...]] = []
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else []
    for k, v in items:
        out.append((*prefix, k))
        out.extend(_paths(v, (*prefix, k)))
    return out


PATHS = _paths(BASE)

hostile_numbers = st.one_of(
    st.sampled_from([0, -1, 1, 2**31, 2**63 - 1, 2**63, -(2**63), 10**400, 1e308, -1e308, 1e-308, 5e-324]),
    st.sampled_from([float("inf"), float("-inf"), float("nan")]),
    st.integers(),
    st.floats(),
)
hostile_text = st.one_of(
    st.sampled_from(
        [
            "",
            " ",
            "AAA",
            "BBB",
            "ZZZ",
            "AAA-N",
            "PACT",
            "D+1",
            "D+99999999999",
            "../../etc/passwd",
            "/dev/zero",
            "/dev/stdin",
            "C:\\x",
            "\x00",
            "\u202e",
            "' OR 1=1 --",
            "=cmd|' /C calc'!A0",
            "{{7*7}}",
            "%s%n",
        ]
    ),
    st.text(max_size=30),
    st.sampled_from([501, 5_000, 100_001]).map(lambda n: "x" * n),
)
scalars = st.one_of(hostile_numbers, hostile_text, st.booleans(), st.dates(), st.datetimes())
hostile = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(max_size=8), inner, max_size=3)
        | st.sampled_from([3, 30, 1_001]).map(lambda n: [0.0] * n)
    ),
    max_leaves=6,
)
actions = st.sampled_from(["replace", "delete", "rename_key", "repeat", "nest"])


def _copy(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _copy(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_copy(v) for v in node]
    return node


def _apply(doc: dict[str, Any], path: tuple[Any, ...], action: str, value: Any, count: int) -> None:
    parent: Any = doc
    for part in path[:-1]:
        parent = parent[part]
    key = path[-1]
    if action == "replace":
        parent[key] = value
    elif action == "delete":
        del parent[key]
    elif action == "rename_key" and isinstance(parent, dict):
        parent[f"{key}_{count}"] = parent.pop(key)
    elif action == "repeat" and isinstance(parent, list):
        parent.extend(_copy(parent[key]) for _ in range(count))
    elif action == "nest":
        node: Any = parent[key]
        for _ in range(count % 200):
            node = [node]
        parent[key] = node


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)
@given(
    st.lists(
        st.tuples(st.sampled_from(PATHS), actions, hostile, st.sampled_from([1, 2, 3, 7, 40, 1_001])),
        min_size=1,
        max_size=4,
    )
)
def test_hostile_scenarios_load_or_are_refused_quickly(changes: list[tuple[tuple[Any, ...], str, Any, int]]) -> None:
    doc = _copy(BASE)
    for path, action, value, count in changes:
        try:
            _apply(doc, path, action, value, count)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change removed or reshaped this path
    try:
        text = toml_document(doc)
    except (TypeError, ValueError):
        return  # not expressible in TOML (e.g. a key that is not text)
    started = time.perf_counter()
    try:
        result = load_scenario_text(text, name="fuzz.toml", files={})
    except ScenarioError as exc:
        message = str(exc)
        assert exc.problems and len(message.splitlines()) <= 51 and len(message) < 60_000
    else:
        assert isinstance(result, Scenario)
    elapsed = time.perf_counter() - started
    assert elapsed <= TIME_LIMIT_S, f"took {elapsed:.1f} s (the limit for one case is {TIME_LIMIT_S:.0f} s)"


def test_the_base_document_loads() -> None:
    assert isinstance(load_scenario_text(toml_document(BASE), name="fuzz.toml"), Scenario)
