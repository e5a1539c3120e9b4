"""Phase 9, end of the turn: the scenario's end conditions and its last turn."""

from __future__ import annotations

from ..events import EventKind, Reason
from .context import TurnContext


def run(ctx: TurnContext) -> None:
    s = ctx.scenario
    for cond in s.end_conditions:
        if cond.kind == "control" and ctx.world.control.get(cond.location) == cond.controller:
            _end(ctx, cond.label or f"{ctx.loc_name(cond.location)} controlled by {ctx.name(cond.controller)}")
            return
    if ctx.turn >= s.max_turns:
        _end(ctx, f"the scenario's last turn ({s.max_turns})")


def _end(ctx: TurnContext, why: str) -> None:
    ctx.world.ended = True
    ctx.world.end_reason = why
    ctx.log.add(
        EventKind.END, "game", f"The game ends: {why}", reasons=[Reason("end condition", why)], data={"reason": why}
    )
