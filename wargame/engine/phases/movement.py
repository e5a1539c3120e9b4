"""Phase 6, mobilisation and movement: readiness counts down; a ready force with a destination plans its route
(:mod:`wargame.engine.moves`: land over states that let it pass, sea lanes, air around refusals, lift pools and
reception) and leaves, unless it would arrive after the game's last day; forces arrive. A force that cannot go
says why and stays. :func:`mobilise` starts the count-down (phase 5 calls it)."""

from __future__ import annotations

import math

from ..enums import ForceStatus
from ..events import EventKind, Reason
from ..moves import Mover, Plan, plan
from ..world import ForceState
from .context import TurnContext


def run(ctx: TurnContext) -> None:
    mover = Mover(ctx.scenario, ctx.world, ctx.turn, ctx.seed, ctx.controlled, ctx.log)
    for fid in sorted(ctx.world.forces):
        fs = ctx.world.forces[fid]
        _get_ready(ctx, fid, fs)
        _depart(ctx, mover, fid, fs)
        _arrive(ctx, fid, fs)


def mobilise(ctx: TurnContext, fid: str, reasons: list[Reason], *, delay_days: float = 0.0) -> None:
    """A force in garrison starts getting ready (later when its owner's budget is exhausted or its government
    hesitates: ``delay_days``)."""
    rules = ctx.scenario.rules
    fd = ctx.scenario.force(fid)
    fs = ctx.world.forces[fid]
    if fs.status is not ForceStatus.GARRISON:
        return
    nation = ctx.world.nations[fd.owner]
    penalty = rules.exhausted_readiness_penalty_days if nation.exhausted else 0.0
    days = fd.readiness_days + penalty + delay_days
    fs.status = ForceStatus.MOBILISING
    fs.ready_turn = ctx.turn + ctx.turns_for(days)
    extra = [Reason("budget", "budget exhausted: readiness slower", facts={"penalty_days": penalty})] if penalty else []
    if delay_days >= 0.05:
        extra.append(Reason("hesitation", f"the government hesitates {delay_days:.1f} days before it moves"))
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


def _depart(ctx: TurnContext, mover: Mover, fid: str, fs: ForceState) -> None:
    if fs.status is not ForceStatus.READY or not fs.destination:
        return
    if fs.destination == fs.location:
        fs.status = ForceStatus.DEPLOYED
        fs.destination = None
        return
    s = ctx.scenario
    fd = s.force(fid)
    length = s.turn_length_days
    depart_day = (ctx.turn - 1) * length
    got = plan(mover, fd, fs.location, fs.destination, depart_day)
    dest_name = ctx.loc_name(fs.destination)
    if isinstance(got, str):
        _stay(ctx, fid, fs, f"{fd.name} cannot go to {dest_name}: {got}", got, keep="(yet)" in got)
        return
    arrive_day = depart_day + got.days
    end = s.max_turns * length
    if arrive_day > end + 1e-9:
        _stay(
            ctx,
            fid,
            fs,
            f"{fd.name} stays: it would reach {dest_name} on day {arrive_day:.1f}, after the game's last day ({end:g})",
            "an arrival after the end of the game is not ordered",
            keep=False,
        )
        return
    _leave(ctx, fid, fs, got, depart_day, arrive_day)


def _stay(ctx: TurnContext, fid: str, fs: ForceState, summary: str, why: str, *, keep: bool) -> None:
    fd = ctx.scenario.force(fid)
    if not keep:
        fs.destination = None
        fs.mission = ""
        fs.engage = False
    ctx.log.add(
        EventKind.REJECTED,
        fid,
        summary,
        reasons=[Reason("movement", why, False)],
        data={"force": fid, "state": fd.owner, "destination": fs.destination},
    )


def _leave(ctx: TurnContext, fid: str, fs: ForceState, got: Plan, depart_day: float, arrive_day: float) -> None:
    s = ctx.scenario
    fd = s.force(fid)
    w = ctx.world
    for key, day in got.bookings.items():
        kind, _, rest = key.partition(":")
        book = w.lift_free if kind == "lift" else w.reception_free
        book[rest] = max(book.get(rest, 0.0), round(day, 6))
    a, b = s.locations[fs.location], s.locations[fs.destination or fs.location]
    fs.status = ForceStatus.IN_TRANSIT
    fs.depart_turn = ctx.turn
    fs.legs = got.legs
    fs.depart_day = round(depart_day, 6)
    fs.arrive_day = round(arrive_day, 6)
    fs.arrive_turn = max(ctx.turn, math.floor(arrive_day / s.turn_length_days - 1e-9) + 1)
    km = sum(leg.km for leg in got.legs)
    modes = " then ".join(f"{leg.mode} {leg.km:,.0f} km" for leg in got.legs if leg.km > 0) or "in place"
    via = sorted({v for leg in got.legs for v in leg.via})
    ctx.log.add(
        EventKind.DEPART,
        fid,
        f"{fd.name} leaves {a.name} for {b.name}; arrives turn {fs.arrive_turn} ({ctx.date_text(fs.arrive_turn)})",
        reasons=[
            Reason(
                "movement",
                f"{modes}: {got.days:.1f} days" + (f" via {', '.join(via)}" if via else ""),
                facts={"km": round(km, 1), "days": round(got.days, 3), "via": via},
            ),
            *[Reason("lift", n) for n in got.notes],
        ],
        data={
            "force": fid,
            "state": fd.owner,
            "from": a.id,
            "to": b.id,
            "arrive_turn": fs.arrive_turn,
            "depart_day": fs.depart_day,
            "arrive_day": fs.arrive_day,
            "via": via,
        },
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
            data={"force": fid, "state": fd.owner, "location": fs.location, "arrive_day": fs.arrive_day},
        )
