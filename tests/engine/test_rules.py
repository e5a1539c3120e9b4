"""Every number a rule uses lives in ``Rules``, says where it comes from, and changes the game when a scenario
sets it."""

from __future__ import annotations

import ast
import dataclasses
import inspect
import re
from pathlib import Path

from builders import baltic

from wargame.engine import (
    AttackKind,
    AttackSpec,
    Command,
    CommandKind,
    Gravity,
    Rules,
    assess_gravity,
    encode,
    initial_world,
    resolve_turn,
)

DOCS = Path(__file__).resolve().parents[2] / "docs" / "scenario-format.md"
SOURCED = re.compile(r"assum|numbers\.md|§|\b(19|20)\d\d\b")


def rule_docstrings() -> dict[str, str]:
    """Each field of Rules with the docstring under it (read from the source: Python keeps none at run time)."""
    tree = ast.parse(Path(inspect.getsourcefile(Rules) or "").read_text(encoding="utf-8"))
    cls = next(n for n in ast.walk(tree) if isinstance(n, ast.ClassDef) and n.name == "Rules")
    out: dict[str, str] = {}
    for node, after in zip(cls.body, [*cls.body[1:], None], strict=True):
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            doc = ""
            if isinstance(after, ast.Expr) and isinstance(after.value, ast.Constant):
                doc = str(after.value.value)
            out[node.target.id] = " ".join(doc.split())
    return out


def test_every_rule_names_its_source_or_says_assumption():
    """A rule's default is either sourced (numbers.md, a paragraph, a year) or marked as an assumption."""
    docs = rule_docstrings()
    assert set(docs) == {f.name for f in dataclasses.fields(Rules)}
    unsourced = sorted(name for name, doc in docs.items() if not SOURCED.search(doc))
    assert unsourced == []


def test_the_scenario_format_lists_every_rule_with_its_default():
    """docs/scenario-format.md has a row per rule with the engine's default, so the table cannot drift."""
    text = DOCS.read_text(encoding="utf-8")
    for f in dataclasses.fields(Rules):
        row = re.search(rf"^\| `{f.name}` \| ([0-9.e+-]+)", text, re.M)
        assert row, f"{f.name} is missing from {DOCS.name}"
        assert float(row.group(1)) == f.default, f.name


def _invasion(rules: Rules, turns: int = 2, kind: AttackKind = AttackKind.INVASION):
    sc = dataclasses.replace(baltic(), rules=rules)
    world = initial_world(sc)
    spec = AttackSpec("RUS", "EST", "EST-NAR", kind, casualties=100 if kind is AttackKind.INVASION else 20)
    for t in range(1, turns + 1):
        cmds = [Command(CommandKind.INJECT, 1, encode(spec))] if t == 1 else []
        world = resolve_turn(sc, world, cmds, 7).world
    return world


def test_rally_cap_limits_the_rallies():
    """Rallies add up to at most ``rally_cap`` points; the capped term says so (a strike killing 20: the ordinary
    rally; an invaded democracy's rally is outside the cap, see test_crisis)."""
    world = _invasion(Rules(rally_cap=5.0), kind=AttackKind.STRIKE)
    terms = [t for t in world.nations["EST"].support_terms if t.label.startswith("Rally")]
    assert sum(t.value for t in terms) == 5.0
    assert "at most 5" in terms[-1].label
    uncapped = _invasion(Rules(), kind=AttackKind.STRIKE)
    assert sum(t.value for t in uncapped.nations["EST"].support_terms if t.label.startswith("Rally")) > 5.0


def test_troop_day_costs_are_rules():
    """The deployed and combat troop-day rates come from the rules, and the budget terms name them."""
    sc = dataclasses.replace(baltic(), rules=Rules(troop_day_usd=1000.0, troop_day_combat_usd=3000.0))
    sources = [t.source for t in initial_world(sc).nations["USA"].budget_terms]
    assert any("US$1,000 a deployed troop-day" in s for s in sources)
    assert any("US$3,000 a troop-day in combat" in s for s in sources)


def test_kinetic_damage_threshold_is_a_rule():
    """A strike without casualties is an armed attack from ``armed_attack_damage_musd`` of physical damage."""
    spec = AttackSpec("RUS", "EST", "EST-NAR", AttackKind.STRIKE, casualties=0, damage_musd=5.0)
    assert assess_gravity(spec, Rules())[0] is Gravity.USE_OF_FORCE
    assert assess_gravity(spec, Rules(armed_attack_damage_musd=5.0))[0] is Gravity.ARMED_ATTACK


def test_combat_effective_threshold_is_a_rule():
    """Forces below ``combat_effective_strength`` are out of the fight; a threshold just under 1 puts every bloodied force out."""
    world = _invasion(Rules(combat_effective_strength=0.999), turns=10)
    assert any(f.status.value == "destroyed" for f in world.forces.values())
    assert not any(f.status.value == "destroyed" for f in _invasion(Rules(), turns=3).forces.values())
