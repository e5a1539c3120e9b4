"""A scenario's ``[rules]`` table can set every field of the engine's ``Rules``, within its bounds."""

from __future__ import annotations

import dataclasses

import pytest

from wargame.engine import Rules
from wargame.scenario import ScenarioError, load_scenario_text

HEAD = """
[scenario]
id = "r"
name = "R"
start_date = 2026-01-05
turn_length_days = 1
max_turns = 5

[rules]
"""


def _changed(f: dataclasses.Field) -> float | int:
    if isinstance(f.default, int):
        return f.default + 1
    return f.default / 2 if f.default else 0.5


def test_every_rule_can_be_set_by_a_scenario():
    values = {f.name: _changed(f) for f in dataclasses.fields(Rules)}
    text = HEAD + "".join(f"{k} = {v!r}\n" for k, v in values.items())
    rules = load_scenario_text(text, name="r.toml").rules
    assert {k: getattr(rules, k) for k in values} == values


@pytest.mark.parametrize("name", ["approval_autocracy", "combat_effective_strength", "ai_attribution"])
def test_a_share_above_one_is_refused(name):
    with pytest.raises(ScenarioError, match=rf"r\.toml: rules\.{name}: .*1"):
        load_scenario_text(HEAD + f"{name} = 1.5\n", name="r.toml")


def test_a_negative_rule_is_refused():
    with pytest.raises(ScenarioError, match=r"rules\.rally_cap"):
        load_scenario_text(HEAD + "rally_cap = -1\n", name="r.toml")
