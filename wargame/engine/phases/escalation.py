"""Escalation: nuclear posture. The engine raises alerts and reports thresholds; it never resolves nuclear use.

Each nuclear power of the pack's ``[[nuclear]]`` has an alert level (issue-11 research §9d):
0 routine · 1 rhetoric and signalling · 2 alert raised (Russia's 'special regime of combat duty', 27 Feb 2022;
DEFCON 3) · 3 forces dispersed (SSBNs surged, bombers dispersed) · 4 a declared threshold crossed. The default
posture of a state nobody plays: 1 once it or a state it protects is at war; 2 (if it signals) once an alliance
has invoked a defence article against it or hostile forces stand within ``nuclear_proximity_km`` of its
territory; 3 (if it signals) once enemy ground forces are on its territory. A threshold of its doctrine
(``homeland_invaded``: an enemy holds a place of its or a protected state's territory; ``homeland_struck``: an
armed attack on its territory; ``regime_threat``: enemy forces at its capital) makes it 4: a white-cell event
and a pending decision for the facilitator. Nothing else follows from it inside the engine. A seat sets its own
alert with ``decide --action alert --level N`` (0-3).
"""

from __future__ import annotations

from .. import permissions as perm
from ..commands import Command
from ..enums import Domain, ForceStatus, Gravity, Outcome, StateId
from ..events import EventKind, Reason
from ..geo import great_circle_km
from ..military import NuclearDoctrine
from ..world import NuclearState, WhiteCellItem
from .context import TurnContext

LEVELS = ("routine", "signalling", "alert raised", "forces dispersed", "threshold crossed")


def run(ctx: TurnContext) -> None:
    for doc in ctx.scenario.military.nuclear:
        if doc.state not in ctx.world.nations:
            continue
        ns = ctx.world.nuclear.setdefault(doc.state, NuclearState())
        if doc.state not in ctx.controlled:
            level, why = _posture(ctx, doc)
            if level > ns.level:
                set_level(ctx, doc.state, level, why)
        crossed = _threshold(ctx, doc)
        if crossed:
            _hand_to_white_cell(ctx, doc, crossed)


def set_level(ctx: TurnContext, sid: StateId, level: int, why: str) -> None:
    ns = ctx.world.nuclear.setdefault(sid, NuclearState())
    old = ns.level
    ns.level, ns.reason, ns.since_turn = level, why, ctx.turn
    ctx.log.add(
        EventKind.NUCLEAR,
        sid,
        f"{ctx.name(sid)}'s nuclear posture: {LEVELS[old]} → {LEVELS[level]}",
        reasons=[Reason("posture", why)],
        data={"state": sid, "level": level, "from": old},
    )


def seat_alert(ctx: TurnContext, cmd: Command, sid: StateId) -> None:
    try:
        level = int(cmd.payload.get("level", -1))
    except (TypeError, ValueError):
        level = -1
    if sid not in ctx.scenario.military.nuclear_of:
        ctx.reject(cmd, f"{ctx.name(sid)} has no nuclear posture in this scenario")
    elif not 0 <= level <= 3:
        ctx.reject(
            cmd, "an alert level is 0 (routine) to 3 (forces dispersed); crossing a threshold is the white cell's"
        )
    else:
        set_level(ctx, sid, level, f"decided by seat {cmd.seat}")


def _territory(ctx: TurnContext, doc: NuclearDoctrine) -> set[StateId]:
    return {doc.state, *doc.protects}


def _posture(ctx: TurnContext, doc: NuclearDoctrine) -> tuple[int, str]:
    s, w = ctx.scenario, ctx.world
    own = _territory(ctx, doc)
    at_war = [
        a for a in ctx.open_attacks() if a.gravity >= Gravity.ARMED_ATTACK and ({a.spec.attacker, a.spec.victim} & own)
    ]
    if not at_war:
        return 0, ""
    enemies = set().union(*(perm.enemies(w, x) for x in own)) - own
    if doc.signals:
        for lid, holder in sorted(w.control.items()):
            loc = s.locations[lid]
            if loc.administered_by in own and holder in enemies:
                return 3, f"enemy forces hold {loc.name}: forces dispersed"
        near = _enemy_near(ctx, own, enemies)
        if near:
            return (
                2,
                f"hostile forces at {near}, within {s.rules.nuclear_proximity_km:g} km of its territory: alert raised to deter them",
            )
        for col in w.collectives.values():
            att = w.attacks.get(col.key.attack)
            if col.outcome is Outcome.INVOKED and att is not None and att.spec.attacker in own:
                return 2, f"{col.key.treaty} invoked against it: alert raised to deter a counter-offensive"
    return 1, f"at war ({', '.join(a.id for a in at_war)}): signalling ({doc.doctrine or 'declared doctrine'})"


def _enemy_near(ctx: TurnContext, own: set[StateId], enemies: set[StateId]) -> str:
    s, w = ctx.scenario, ctx.world
    mine = [loc for loc in s.locations.values() if loc.administered_by in own]
    for fid, fs in sorted(w.forces.items()):
        fd = s.force(fid)
        if fd.owner not in enemies or fd.domain is not Domain.LAND or fs.status is ForceStatus.DESTROYED:
            continue
        if fs.status is not ForceStatus.DEPLOYED:
            continue
        here = s.locations[fs.location]
        if any(great_circle_km(here.lat, here.lon, m.lat, m.lon) <= s.rules.nuclear_proximity_km for m in mine):
            return here.name
    return ""


def _threshold(ctx: TurnContext, doc: NuclearDoctrine) -> str:
    s, w = ctx.scenario, ctx.world
    own = _territory(ctx, doc)
    enemies = set().union(*(perm.enemies(w, x) for x in own)) - own
    if not enemies:
        return ""
    if "homeland_invaded" in doc.thresholds:
        for lid, holder in sorted(w.control.items()):
            loc = s.locations[lid]
            if loc.administered_by in own and holder in enemies:
                return f"homeland_invaded: {ctx.name(holder)} holds {loc.name}"
    if "homeland_struck" in doc.thresholds:
        for a in ctx.open_attacks():
            if a.spec.victim in own and a.spec.attacker in enemies and a.gravity >= Gravity.ARMED_ATTACK:
                return f"homeland_struck: {a.id}, {a.spec.kind.value} by {ctx.name(a.spec.attacker)}"
    if "regime_threat" in doc.thresholds:
        for fid, fs in sorted(w.forces.items()):
            fd = s.force(fid)
            if fd.owner in enemies and fs.location == doc.state and fs.status is ForceStatus.DEPLOYED:
                return f"regime_threat: {fd.name} at {ctx.loc_name(doc.state)}"
    return ""


def _hand_to_white_cell(ctx: TurnContext, doc: NuclearDoctrine, crossed: str) -> None:
    kind = crossed.split(":")[0]
    if any(i.state == doc.state and i.kind == kind for i in ctx.world.white_cell):
        return
    ctx.world.white_cell.append(WhiteCellItem(ctx.turn, doc.state, kind, crossed))
    ns = ctx.world.nuclear.setdefault(doc.state, NuclearState())
    ns.level, ns.reason, ns.since_turn = 4, crossed, ctx.turn
    ctx.log.add(
        EventKind.NUCLEAR,
        doc.state,
        f"WHITE CELL: {ctx.name(doc.state)} has crossed a declared nuclear threshold ({crossed}). The engine does "
        "not resolve nuclear use: the facilitator decides what follows.",
        reasons=[
            Reason("threshold", crossed, citation=doc.source),
            Reason("doctrine", doc.doctrine or "declared thresholds"),
        ],
        data={"state": doc.state, "threshold": kind, "white_cell": True, "level": 4},
    )
