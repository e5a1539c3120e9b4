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


_QUIET = ("NOT_A_PARTY", "NOT_IN_FORCE")
"""Verdicts that only say a treaty does not apply: nothing a white cell would overrule, so not offered."""


def _latest_first(world: Any) -> list[str]:
    return sorted(world.attacks, key=lambda a: -int(a[1:]) if a[1:].isdigit() else 0)


def override_keys(game: Game, target: str) -> list[tuple[str, str]]:
    """(key, label) choices for ``target`` in the current world, in words with the value now: only the relevant
    ones (verdicts where a treaty applies, states with a stake, places fought over or held first), the latest
    attack first (the dialog opens on the first)."""
    from . import describe
    from .mapmodes import stake

    sc, world = game.scenario, game.world
    order = {aid: i for i, aid in enumerate(_latest_first(world))}
    if target in ("verdict", "collective"):
        keys = sorted(
            (k for k, v in world.verdicts.items() if v.code.value not in _QUIET),
            key=lambda k: (order.get(k.attack, 999), k.treaty, k.article),
        )
        out = []
        for k in keys:
            what = describe.verdict_key(sc, world, k)
            if target == "verdict":
                now = describe.verdict(world.verdicts[k].code)
            else:
                c = world.collectives.get(k)
                now = describe.outcome(c.outcome) if c is not None else "no collective decision yet"
            out.append((str(k), f"{what} — {now}"))
        return out
    if target == "decision":
        out = []
        involved = stake(sc, world)
        for aid in _latest_first(world):
            att = world.attacks[aid]
            for sid, st in sorted(sc.states.items(), key=lambda kv: kv[1].name):
                if st.non_state or sid == att.spec.attacker or sid not in world.nations or sid not in involved:
                    continue
                now = world.nations[sid].responses.get(aid, ResponseLevel.NONE)
                out.append(
                    (
                        f"{sid}:{aid}",
                        f"{st.name} on {describe.attack(sc, world, aid, mid=True)} — {describe.level(now)}",
                    )
                )
        return out
    if target == "control":
        fought = {a.spec.location for a in world.attacks.values()}
        rows = []
        for lid, loc in sc.locations.items():
            holder = world.control.get(lid, loc.administered_by)
            held = holder not in (None, loc.administered_by)
            rank = 0 if held else 1 if lid in fought else 2
            rows.append(
                (rank, loc.name, lid, f"{loc.name} — held by {describe.state(sc, holder) if holder else 'nobody'}")
            )
        return [(lid, label) for _r, _n, lid, label in sorted(rows)]
    if target in ("opinion", "budget"):
        involved = stake(sc, world)
        rows2 = []
        for sid in sc.states:
            if sid not in world.nations:
                continue
            n = world.nations[sid]
            now = f"support {n.support:.0f}%" if target == "opinion" else f"US$ {n.budget_musd:,.0f} million"
            rows2.append((sid not in involved, sc.states[sid].name, sid, f"{sc.states[sid].name} — {now}"))
        return [(sid, label) for _i, _n, sid, label in sorted(rows2)]
    if target == "attribution":
        return [
            (
                aid,
                f"{describe.attack(sc, world, aid)} — attributed to {describe.state(sc, world.attacks[aid].attacker)} "
                f"({world.attacks[aid].attribution:.0%} sure)",
            )
            for aid in _latest_first(world)
        ]
    return []


def override_values(game: Game, target: str) -> list[tuple[str, str]]:
    """(value, label) choices for a non-numeric ``target``."""
    from . import describe

    if target == "verdict":
        return [(c.value, describe.verdict(c)) for c in VerdictCode]
    if target == "collective":
        return [(o.value, describe.outcome(o)) for o in Outcome]
    if target == "decision":
        return [(lv.value, describe.level(lv)) for lv in LEVELS]
    if target == "control":
        return [(sid, st.name) for sid, st in sorted(game.scenario.states.items(), key=lambda kv: kv[1].name)]
    if target == "attribution":
        return [("NONE", "nobody: no attack took place")] + [
            (sid, st.name) for sid, st in sorted(game.scenario.states.items(), key=lambda kv: kv[1].name)
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
