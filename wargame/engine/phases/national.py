"""Phase 5, national decisions: what each state does about each open attack.

Seats' decisions come first (mobilise, deploy, ask for a supplemental, decline); then every state nobody
controls follows the default policy (:mod:`wargame.engine.policy`): an invader reinforces its assault, a
victim defends itself (and reports it under Art 51), and a guarantor under a triggered article
weighs its response (:mod:`.guarantors`). (Requests and consultations are made in phase 2, :mod:`.requests`.) An
exhausted budget makes a state ask for a supplemental.
"""

from __future__ import annotations

from .. import orders
from .. import permissions as perm
from ..commands import Action, Command
from ..enums import (
    AttackKind,
    ForceRole,
    ForceStatus,
    Gravity,
    Intent,
    LocationKind,
    ResponseLevel,
    StateId,
    VerdictCode,
)
from ..events import EventKind, Reason
from ..world import AttackState, Permission, VerdictKey
from . import escalation, legal, necessity
from .approvals import ask_supplemental
from .context import TurnContext
from .guarantors import respond
from .movement import mobilise


def run(ctx: TurnContext) -> None:
    triggered: dict[str, list[VerdictKey]] = {}
    for key, vd in sorted(ctx.world.verdicts.items()):
        if vd.code is VerdictCode.TRIGGERED:
            triggered.setdefault(vd.attack, []).append(key)
    for cmd in ctx.decisions(
        Action.MOBILISE, Action.DEPLOY, Action.SUPPLEMENTAL, Action.DECLINE, Action.PERMIT, Action.ALERT
    ):
        _seat_decision(ctx, cmd)
    for sid in sorted(ctx.scenario.states):
        if sid in ctx.controlled or ctx.scenario.states[sid].non_state:
            continue
        _default_policy(ctx, sid, triggered)


# ------------------------------------------------------------------------------------------
# Seats
# ------------------------------------------------------------------------------------------


def _seat_decision(ctx: TurnContext, cmd: Command) -> None:
    p = cmd.payload
    reasons = [Reason("seat", f"decided by seat {cmd.seat}")]
    action = p.get("action")
    sid = str(p.get("state", ""))
    nation = ctx.world.nations.get(sid)
    if nation is None:
        ctx.reject(cmd, f"unknown state {sid!r}")
    elif action in (Action.MOBILISE.value, Action.DEPLOY.value):
        _seat_force(ctx, cmd, sid, reasons)
    elif action == Action.PERMIT.value:
        _seat_permit(ctx, cmd, sid, reasons)
    elif action == Action.ALERT.value:
        escalation.seat_alert(ctx, cmd, sid)
    elif action == Action.SUPPLEMENTAL.value:
        ask_supplemental(ctx, sid, reasons)
    elif action == Action.DECLINE.value:
        aid = str(p.get("attack", ""))
        nation.responses[aid] = ResponseLevel.DECLINED
        ctx.log.add(
            EventKind.DECISION,
            sid,
            f"{ctx.name(sid)} declines to assist in {aid} beyond statements",
            reasons=reasons,
            data={"state": sid, "attack": aid, "level": "declined"},
        )
    else:
        ctx.reject(cmd, f"unknown action {action!r}")


def _seat_force(ctx: TurnContext, cmd: Command, sid: StateId, reasons: list[Reason]) -> None:
    """A seat mobilises a force, or deploys it (mobilising it first if it is in garrison)."""
    p = cmd.payload
    deploy = p.get("action") == Action.DEPLOY.value
    fid = str(p.get("force", ""))
    fs = ctx.world.forces.get(fid)
    fd = next((f for f in ctx.scenario.forces if f.id == fid), None)
    if fs is None or fd is None:
        ctx.reject(cmd, f"unknown force {fid!r}")
        return
    if fd.owner != sid:
        ctx.reject(cmd, f"{fid} belongs to {fd.owner}, not {sid}")
        return
    if fs.status is ForceStatus.DESTROYED:
        ctx.reject(cmd, f"{fid} is destroyed")
        return
    if not deploy:
        mobilise(ctx, fd.id, reasons)
        return
    dest = str(p.get("destination", ""))
    if dest not in ctx.scenario.locations:
        ctx.reject(cmd, f"unknown destination {dest!r}")
        return
    att = ctx.world.attacks.get(str(p.get("attack", "")))
    abroad = ctx.scenario.locations[dest].administered_by != sid
    if att is not None and abroad and f"deploy:{att.id}" in ctx.world.nations[sid].refused:
        ctx.reject(cmd, f"{ctx.name(sid)}'s legislature refused deploying forces for {att.id}")
        return
    if att is not None and abroad:
        law: list[Reason] = []
        if legal.permission(ctx, ctx.scenario.states[sid], att, law) is False:
            ctx.reject(cmd, f"{ctx.name(sid)} may not deploy abroad for {att.id} yet: {law[-1].detail}")
            return
    release = str(p.get("release", "") or "")
    if release in ("True", "true", "1"):
        release = f"released by seat {cmd.seat}"
    why = orders.order(
        ctx,
        fid,
        dest,
        str(p.get("attack", "")),
        reasons,
        engage=bool(p.get("engage", True)),
        release=release,
    )
    if why:
        ctx.reject(cmd, why)
        return
    ctx.log.add(
        EventKind.DECISION,
        sid,
        f"{ctx.name(sid)} orders {fd.name} to {ctx.loc_name(dest)}",
        reasons=reasons,
        data={"state": sid, "force": fid, "destination": dest, "attack": fs.mission, "level": "deploy"},
    )


def _seat_permit(ctx: TurnContext, cmd: Command, sid: StateId, reasons: list[Reason]) -> None:
    """A seat grants or refuses transit, overflight, basing or straits to another state."""
    p = cmd.payload
    kind = str(p.get("kind", ""))
    who = str(p.get("beneficiary", ""))
    if kind not in perm.KINDS:
        ctx.reject(cmd, f"unknown permission {kind!r} (one of {', '.join(perm.KINDS)})")
        return
    if who not in ctx.scenario.states or who == sid:
        ctx.reject(cmd, f"unknown beneficiary {who!r}")
        return
    granted = p.get("grant", True) not in (False, "false", "False", "0", 0)
    ctx.world.permissions[perm.key(sid, kind, who)] = Permission(
        sid, kind, who, granted, ctx.turn, f"decided by seat {cmd.seat}", by=cmd.seat
    )
    ctx.log.add(
        EventKind.PERMISSION,
        sid,
        f"{ctx.name(sid)} {'grants' if granted else 'refuses'} {kind} for {ctx.name(who)}",
        reasons=reasons,
        data={"grantor": sid, "kind": kind, "beneficiary": who, "granted": granted, "by": cmd.seat},
    )


# ------------------------------------------------------------------------------------------
# The default policy
# ------------------------------------------------------------------------------------------


def _default_policy(ctx: TurnContext, sid: StateId, triggered: dict[str, list[VerdictKey]]) -> None:
    nation = ctx.world.nations[sid]
    for att in ctx.open_attacks():
        spec = att.spec
        if spec.attacker == sid:
            if spec.kind is AttackKind.INVASION:
                nation.responses[att.id] = ResponseLevel.ASSAULT
                _reinforce(ctx, sid, att)
            continue
        if spec.victim == sid:
            if (
                att.gravity >= Gravity.USE_OF_FORCE
                and att.spec.intent is not Intent.ACCIDENTAL
                and not att.composite_of
                and nation.responses.get(att.id) is not ResponseLevel.DEFEND
            ):
                nation.responses[att.id] = ResponseLevel.DEFEND
                _defend(ctx, sid, att)
            continue
        respond(ctx, sid, att, triggered.get(att.id, []))
    if nation.exhausted and nation.supplemental_pending is None:
        ask_supplemental(ctx, sid, [Reason("budget", "operations budget exhausted (default policy)")])


def _reinforce(ctx: TurnContext, sid: StateId, att: AttackState) -> None:
    """Each turn the invader sends free forces within the reinforcement radius towards the invaded place while it
    has less than three times the defence there (those its roles, theatre and domains allow)."""
    s = ctx.scenario
    loc = s.locations[att.spec.location]
    radius = s.rules.reinforce_radius_factor * s.rules.invasion_radius_km
    sent = orders.commit_for(ctx, sid, att, radius, f"aggressor reinforces the assault on {loc.name}")
    if sent:
        ctx.log.add(
            EventKind.DECISION,
            sid,
            f"{ctx.name(sid)} sends {len(sent)} more force(s) towards {loc.name}",
            reasons=[Reason("doctrine", f"reinforces its invasion ({att.id}) from within {radius:.0f} km")],
            data={"state": sid, "attack": att.id, "level": "reinforce", "forces": sent},
        )


def _defend(ctx: TurnContext, sid: StateId, att: AttackState) -> None:
    """The victim mobilises its forces; against an invasion on land it sends its manoeuvre forces in its own
    state there (territorial forces hold where they are; naval and air forces go where their domain lets them
    fight for the place)."""
    s = ctx.scenario
    loc = s.locations[att.spec.location]
    ground = att.spec.kind is AttackKind.INVASION and loc.kind is not LocationKind.SEA
    moved = []
    why = [Reason("self-defence", f"{ctx.name(sid)} mobilises after {att.id} (UN Charter Art 51)")]
    for fd in s.forces_by_owner.get(sid, ()):
        fs = ctx.world.forces[fd.id]
        if fs.status is ForceStatus.DESTROYED or fs.mission or fs.destination:
            continue
        dest = orders.destination_for(s, fd, loc.id, here=fs.location, victim=sid, day=ctx.day) if ground else None
        local = dest is not None and orders.state_of(s, fs.location) == orders.state_of(s, dest or "")
        if (
            ground
            and dest is not None
            and local
            and fd.kind != "territorial_defence"
            and fd.role is not ForceRole.STRATEGIC
        ):
            if not orders.order(ctx, fd.id, dest, att.id, why):
                moved.append(fd.id)
                continue
        mobilise(ctx, fd.id, why)
    if moved:
        necessity.on_force(ctx, sid, att, f"defend:{att.id}", "individual")
    ctx.log.add(
        EventKind.DECISION,
        sid,
        f"{ctx.name(sid)} mobilises in self-defence"
        + (f" and sends {len(moved)} force(s) to {loc.name}" if moved else ""),
        reasons=[
            Reason(
                "self-defence",
                "a state attacked defends itself; no legislative approval is needed",
                citation="UN Charter Art 51",
            )
        ],
        data={"state": sid, "attack": att.id, "level": "deploy" if moved else "mobilise", "forces": moved},
    )
