"""Property: any document either loads or raises ScenarioError — never another exception."""

from __future__ import annotations

import datetime as dt
import json
import math
import tomllib
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wargame.engine import Scenario
from wargame.scenario import SCENARIOS_DIR, ScenarioError, load_scenario_text

DEMO_TEXT = (SCENARIOS_DIR / "demo.toml").read_text(encoding="utf-8")
DEMO = tomllib.loads(DEMO_TEXT)
PACK = {"world-treaties.toml": (SCENARIOS_DIR / "world-treaties.toml").read_text(encoding="utf-8")}
"""The demo takes its treaties from the world pack: every document below may include it."""
SETTINGS = settings(max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])


def toml_value(value: Any) -> str:
    """Serialise a value as an inline TOML value (tables as inline tables)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(str(k))} = {toml_value(v)}" for k, v in value.items()) + "}"
    raise TypeError(type(value))


def toml_document(doc: dict[str, Any]) -> str:
    return "\n".join(f"{json.dumps(str(k))} = {toml_value(v)}" for k, v in doc.items()) + "\n"


def outcome(text: str) -> str:
    try:
        result = load_scenario_text(text, name="doc.toml", files=PACK)
    except ScenarioError as exc:
        assert exc.problems and all(str(p) for p in exc.problems)
        assert str(exc).startswith("\n".join(map(str, exc.problems[:50])))  # at most 50 shown, then a count
        return "error"
    assert isinstance(result, Scenario)
    return "loaded"


scalars = st.one_of(
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.sampled_from(["EST", "RUS", "EST-NAR", "NATO", "6", "D+2", "europe", "in", "*", ""]),
    st.dates(),
    st.datetimes(),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12,
)
table_keys = st.sampled_from(
    ["scenario", "provenance", "rules", "states", "locations", "treaties", "forces", "injects", "end", "include"]
)


def test_the_serialiser_round_trips_the_demo() -> None:
    assert tomllib.loads(toml_document(DEMO)) == DEMO
    assert outcome(toml_document(DEMO)) == "loaded"


@SETTINGS
@given(st.dictionaries(st.one_of(table_keys, st.text(max_size=8)), values, max_size=6))
def test_random_documents(doc: dict[str, Any]) -> None:
    assert outcome(toml_document(doc)) in {"loaded", "error"}


@SETTINGS
@given(st.text(max_size=200))
def test_random_text(text: str) -> None:
    assert outcome(text) in {"loaded", "error"}


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out: list[tuple[Any, ...]] = []
    if isinstance(node, dict):
        for k, v in node.items():
            out.append((*prefix, k))
            out.extend(_paths(v, (*prefix, k)))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out.append((*prefix, i))
            out.extend(_paths(v, (*prefix, i)))
    return out


DEMO_PATHS = _paths(DEMO)
DEMO_IDS = sorted(
    {rec["id"] for table in ("states", "locations", "forces") for rec in DEMO[table]}
    | {"EST-NAR", "EST-TLL", "EST-VAI", "LTU-VNO"}
    | set(DEMO["scenario"]["use_treaties"])
)


def _copy(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _copy(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_copy(v) for v in node]
    return node


def _mutate(doc: dict[str, Any], path: tuple[Any, ...], action: str, value: Any) -> None:
    parent: Any = doc
    for part in path[:-1]:
        parent = parent[part]
    key = path[-1]
    if action == "delete":
        del parent[key]
    elif action == "replace":
        parent[key] = value
    elif action == "rename" and isinstance(parent[key], str):
        parent[key] = parent[key][:-1] + "X" if parent[key] else "X"
    elif action == "swap_type":
        old = parent[key]
        parent[key] = str(old) if not isinstance(old, str) else [old]


@SETTINGS
@given(
    st.lists(
        st.tuples(st.sampled_from(DEMO_PATHS), st.sampled_from(["delete", "replace", "rename", "swap_type"]), values),
        min_size=1,
        max_size=3,
    )
)
def test_mutations_of_the_demo(mutations: list[tuple[tuple[Any, ...], str, Any]]) -> None:
    doc = _copy(DEMO)
    for path, action, value in mutations:
        try:
            _mutate(doc, path, action, value)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation removed or changed this path
    assert outcome(toml_document(doc)) in {"loaded", "error"}


@SETTINGS
@given(st.sampled_from(DEMO_IDS), st.integers(min_value=0, max_value=30), st.text(max_size=8))
def test_changed_ids_in_the_text(old_id: str, nth: int, new_id: str) -> None:
    """Change one occurrence of an id (a definition or a reference) to anything."""
    quoted = json.dumps(old_id)
    parts = DEMO_TEXT.split(quoted)
    nth = nth % (len(parts) - 1)
    text = quoted.join(parts[: nth + 1]) + json.dumps(new_id) + quoted.join(parts[nth + 1 :])
    assert outcome(text) in {"loaded", "error"}
