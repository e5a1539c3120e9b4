"""Phase 6, mobilisation and movement: readiness counts down, ready forces leave for their destination along
the great circle at their speed, and arrive. :func:`mobilise` starts the count-down (phase 5 calls it)."""

from __future__ import annotations

from ..enums import ForceStatus
from ..events import EventKind, Reason
from ..geo import great_circle_km
from ..world import ForceState
from .context import TurnContext


def run(ctx: TurnContext) -> None:
    for fid in sorted(ctx.world.forces):
        fs = ctx.world.forces[fid]
        _get_ready(ctx, fid, fs)
        _depart(ctx, fid, fs)
        _arrive(ctx, fid, fs)


def mobilise(ctx: TurnContext, fid: str, reasons: list[Reason]) -> None:
    """A force in garrison starts getting ready (slower when its owner's budget is exhausted)."""
    rules = ctx.scenario.rules
    fd = ctx.scenario.force(fid)
    fs = ctx.world.forces[fid]
    if fs.status is not ForceStatus.GARRISON:
        return
    nation = ctx.world.nations[fd.owner]
    days = fd.readiness_days + (rules.exhausted_readiness_penalty_days if nation.exhausted else 0.0)
    fs.status = ForceStatus.MOBILISING
    fs.ready_turn = ctx.turn + ctx.turns_for(days)
    extra = (
        [
            Reason(
                "budget",
                "budget exhausted: readiness slower",
                facts={"penalty_days": rules.exhausted_readiness_penalty_days},
            )
        ]
        if nation.exhausted
        else []
    )
    ctx.log.add(
        EventKind.MOBILISE,
        fid,
        f"{fd.name} ({ctx.name(fd.owner)}) mobilises; ready on turn {fs.ready_turn} ({ctx.date_text(fs.ready_turn)})",
        reasons=list(reasons)
        + [Reason("readiness", f"{fd.readiness_days:g} days to ready", facts={"readiness_days": fd.readiness_days})]
        + extra,
        data={"force": fid, "state": fd.owner, "ready_turn": fs.ready_turn},
    )


def _get_ready(ctx: TurnContext, fid: str, fs: ForceState) -> None:
    if fs.status is ForceStatus.MOBILISING and fs.ready_turn is not None and fs.ready_turn <= ctx.turn:
        fd = ctx.scenario.force(fid)
        fs.status = ForceStatus.READY
        ctx.log.add(
            EventKind.READY,
            fid,
            f"{fd.name} ({ctx.name(fd.owner)}) is ready",
            reasons=[Reason("readiness", f"{fd.readiness_days:g} days after mobilisation")],
            data={"force": fid, "state": fd.owner},
        )


def _depart(ctx: TurnContext, fid: str, fs: ForceState) -> None:
    if fs.status is not ForceStatus.READY or not fs.destination:
        return
    if fs.destination == fs.location:
        fs.status = ForceStatus.DEPLOYED
        fs.destination = None
        return
    fd = ctx.scenario.force(fid)
    a = ctx.scenario.locations[fs.location]
    b = ctx.scenario.locations[fs.destination]
    km = great_circle_km(a.lat, a.lon, b.lat, b.lon)
    days = km / max(fd.speed_km_per_day, 1.0)
    fs.status = ForceStatus.IN_TRANSIT
    fs.depart_turn = ctx.turn
    fs.arrive_turn = ctx.turn + ctx.turns_for(days)
    ctx.log.add(
        EventKind.DEPART,
        fid,
        f"{fd.name} leaves {a.name} for {b.name}; arrives turn {fs.arrive_turn} ({ctx.date_text(fs.arrive_turn)})",
        reasons=[
            Reason(
                "movement",
                f"{km:,.0f} km great-circle at {fd.speed_km_per_day:,.0f} km/day by {fd.transport.value}",
                facts={"km": round(km, 1), "days": round(days, 2)},
            )
        ],
        data={"force": fid, "state": fd.owner, "from": a.id, "to": b.id, "arrive_turn": fs.arrive_turn},
    )


def _arrive(ctx: TurnContext, fid: str, fs: ForceState) -> None:
    if fs.status is ForceStatus.IN_TRANSIT and fs.arrive_turn is not None and fs.arrive_turn <= ctx.turn:
        fd = ctx.scenario.force(fid)
        fs.status = ForceStatus.DEPLOYED
        fs.location = fs.destination or fs.location
        fs.destination = None
        ctx.log.add(
            EventKind.ARRIVE,
            fid,
            f"{fd.name} ({ctx.name(fd.owner)}) arrives at {ctx.loc_name(fs.location)}",
            reasons=[Reason("movement", f"departed turn {fs.depart_turn}")],
            data={"force": fid, "state": fd.owner, "location": fs.location},
        )
