"""Munitions: stocks that sustained operations draw down and industry refills only at its production rate.

Each state of the pack's ``[[munitions]]`` has four pools: artillery, interceptors, long-range strike and anti-ship.
Land forces in combat fire ``rounds_per_brigade_day`` per brigade-equivalent; a missile or strike attack fires
``missiles_per_strike`` from the attacker's strike pool and draws ``interceptors_per_missile`` per missile from the
victim's interceptors; fleets in battle fire anti-ship missiles. What is fired is paid for at the pool's unit cost.
Stocks refill by the production rate each day. A state whose artillery stock is empty fights at
``empty_pool_factor``; an empty anti-ship pool halves a fleet's power. A state without an entry for a pool is not
limited by it (a simplification: the pack covers the main powers).
"""

from __future__ import annotations

from ..enums import AttackKind, StateId
from ..military import Stock
from ..world import AttackState
from .context import TurnContext

POOLS = ("artillery", "interceptors", "strike", "antiship")


def draw_stock(ctx: TurnContext, sid: StateId, pool: str, amount: float) -> float:
    """Fire up to ``amount`` from ``sid``'s ``pool``; what was fired (all of it if the pool is not tracked)."""
    key = f"{sid}:{pool}"
    have = ctx.world.munitions.get(key)
    if have is None:
        return amount
    fired = min(have, amount)
    ctx.world.munitions[key] = round(have - fired, 6)
    stock = _stock(ctx, sid, pool)
    if stock is not None and fired:
        ctx.munitions_musd[sid] = ctx.munitions_musd.get(sid, 0.0) + fired * stock.unit_cost_musd
    return fired


def fires_factor(ctx: TurnContext, sid: StateId) -> float:
    have = ctx.world.munitions.get(f"{sid}:artillery")
    return ctx.scenario.rules.empty_pool_factor if have is not None and have <= 0 else 1.0


def strike(ctx: TurnContext, att: AttackState) -> None:
    """A missile or strike attack fires the attacker's missiles and the victim's interceptors."""
    if att.spec.kind not in (AttackKind.MISSILE, AttackKind.STRIKE):
        return
    n = ctx.scenario.rules.missiles_per_strike
    draw_stock(ctx, att.spec.attacker, "strike", n)
    draw_stock(ctx, att.spec.victim, "interceptors", n * ctx.scenario.rules.interceptors_per_missile)


def run(ctx: TurnContext) -> None:
    """Industry refills every tracked pool by its daily production."""
    days = ctx.scenario.turn_length_days
    for stock in ctx.scenario.military.munitions:
        key = f"{stock.state}:{stock.pool}"
        if key in ctx.world.munitions:
            ctx.world.munitions[key] = round(ctx.world.munitions[key] + stock.production_per_day * days, 6)


def _stock(ctx: TurnContext, sid: StateId, pool: str) -> Stock | None:
    for s in ctx.scenario.military.munitions:
        if s.state == sid and s.pool == pool:
            return s
    return None
