"""White-cell overrides as the override dialog offers them: what can be overruled, the keys and values to
choose from in the current world, and the value the model holds now.

Recording an override is :meth:`wargame.app.Game.override` (it checks the key, the value and the rationale).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from wargame.engine import LEVELS, Outcome, OverrideKey, OverrideTarget, ResponseLevel, VerdictCode, VerdictKey
from wargame.engine.commands import OVERRIDE_TARGETS

if TYPE_CHECKING:
    from . import Game

__all__ = ["LEVELS", "OVERRIDE_TARGETS", "current_value", "override_keys", "override_values"]


def override_keys(game: Game, target: str) -> list[tuple[str, str]]:
    """(key, label) choices for ``target`` in the current world, each label with the value now."""
    sc, world = game.scenario, game.world
    if target == "verdict":
        return [(str(k), f"{k} — {v.code.value}") for k, v in sorted(world.verdicts.items())]
    if target == "collective":
        out = []
        for k in sorted(world.verdicts):
            c = world.collectives.get(k)
            out.append((str(k), f"{k} — {c.outcome.value if c is not None else 'no collective decision yet'}"))
        return out
    if target == "decision":
        out = []
        for aid, att in sorted(world.attacks.items(), key=lambda kv: (len(kv[0]), kv[0])):
            for sid, st in sc.states.items():
                if st.non_state or sid == att.spec.attacker or sid not in world.nations:
                    continue
                now = world.nations[sid].responses.get(aid, ResponseLevel.NONE).value
                out.append(
                    (
                        f"{sid}:{aid}",
                        f"{sid}:{aid} — {st.name} on {aid} ({att.spec.attacker} → {att.spec.victim}): {now}",
                    )
                )
        return out
    if target == "control":
        return [
            (lid, f"{loc.name} ({lid}) — held by {world.control.get(lid, loc.administered_by) or 'nobody'}")
            for lid, loc in sc.locations.items()
        ]
    if target == "opinion":
        return [
            (sid, f"{sc.states[sid].name} ({sid}) — support {world.nations[sid].support:.0f}")
            for sid in sc.states
            if sid in world.nations
        ]
    if target == "budget":
        return [
            (sid, f"{sc.states[sid].name} ({sid}) — US$ {world.nations[sid].budget_musd:,.0f} M")
            for sid in sc.states
            if sid in world.nations
        ]
    if target == "attribution":
        return [
            (aid, f"{aid} — attributed to {att.attacker} ({att.attribution:.2f})")
            for aid, att in sorted(world.attacks.items(), key=lambda kv: (len(kv[0]), kv[0]))
        ]
    return []


def override_values(game: Game, target: str) -> list[tuple[str, str]]:
    """(value, label) choices for a non-numeric ``target``."""
    if target == "verdict":
        return [(c.value, c.value) for c in VerdictCode]
    if target == "collective":
        return [(o.value, o.value) for o in Outcome]
    if target == "decision":
        return [(lv.value, lv.value) for lv in LEVELS]
    if target == "control":
        return [(sid, f"{st.name} ({sid})") for sid, st in game.scenario.states.items()]
    if target == "attribution":
        return [("NONE", "NONE — no attack took place")] + [
            (sid, f"{st.name} ({sid})") for sid, st in game.scenario.states.items()
        ]
    return []


def current_value(game: Game, target: str, key: str) -> Any:
    """The value the model holds now for ``target``/``key`` (None if unknown)."""
    world = game.world
    if target in ("verdict", "collective"):
        try:
            vkey = VerdictKey.parse(key)
        except ValueError:
            return None
        if target == "verdict":
            v = world.verdicts.get(vkey)
            return v.code.value if v is not None else None
        c = world.collectives.get(vkey)
        return c.outcome.value if c is not None else None
    if target == "decision":
        okey = OverrideKey(OverrideTarget.DECISION, key)
        n = world.nations.get(okey.state)
        return n.responses.get(okey.attack, ResponseLevel.NONE).value if n is not None else None
    if target == "control":
        loc = game.scenario.locations.get(key)
        return world.control.get(key, loc.administered_by if loc else None)
    if target == "opinion":
        return world.nations[key].support if key in world.nations else None
    if target == "budget":
        return world.nations[key].budget_musd if key in world.nations else None
    if target == "attribution":
        att = world.attacks.get(key)
        return att.attacker if att is not None else None
    return None
