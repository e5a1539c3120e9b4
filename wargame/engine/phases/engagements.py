"""Phase 7, engagements: where an invasion is contested, a Lanchester-style exchange with seeded noise.

Each side loses a share of its strength proportional to the enemy's effective power over its own (the
holder gets the defender bonus), capped per day; forces below the combat-effective strength are out.
Control passes when one side's remaining effective power exceeds the other's by the control ratio, or when
a side has no forces left there. The parameters are in :class:`~wargame.engine.rules.Rules`.
"""

from __future__ import annotations

from ..enums import AttackKind, ForceStatus, StateId
from ..events import EventKind, Reason
from ..rng import lognormal_factor
from ..world import AttackState
from .context import TurnContext


def run(ctx: TurnContext) -> None:
    for att in ctx.open_attacks():
        if att.spec.kind is AttackKind.INVASION:
            _invasion(ctx, att)


def _sides(ctx: TurnContext, att: AttackState) -> tuple[list[str], list[str]]:
    """The attacker's forces on this mission at the place, and the defenders there (the victim's, and any
    force sent to fight for this attack)."""
    loc, attacker, victim = att.spec.location, att.spec.attacker, att.spec.victim
    a_forces, d_forces = [], []
    for fid in sorted(ctx.world.forces):
        fs = ctx.world.forces[fid]
        if fs.location != loc or fs.status in (ForceStatus.DESTROYED, ForceStatus.IN_TRANSIT):
            continue
        owner = ctx.scenario.force(fid).owner
        if owner == attacker and fs.mission == att.id:
            a_forces.append(fid)
        elif owner != attacker and (owner == victim or (fs.engage and fs.mission == att.id)):
            d_forces.append(fid)
    return a_forces, d_forces


def _power(ctx: TurnContext, forces: list[str], *, effective_only: bool = False) -> float:
    """Combat power × remaining strength (of the forces still combat-effective, if asked)."""
    return sum(
        ctx.scenario.force(f).combat_power * ctx.world.forces[f].strength
        for f in forces
        if not effective_only or ctx.world.forces[f].status is not ForceStatus.DESTROYED
    )


def _invasion(ctx: TurnContext, att: AttackState) -> None:
    rules = ctx.scenario.rules
    length = ctx.scenario.turn_length_days
    place, attacker, victim = att.spec.location, att.spec.attacker, att.spec.victim
    a_forces, d_forces = _sides(ctx, att)
    holder = ctx.world.control.get(place)
    if not a_forces:
        if holder == attacker and d_forces:
            _set_control(ctx, place, victim, att, "the attacker has no forces left there")
        return
    if not d_forces:
        if holder != attacker:
            _set_control(ctx, place, attacker, att, "undefended")
        return
    pa, pd = _power(ctx, a_forces), _power(ctx, d_forces)
    a_bonus = rules.defender_bonus if holder == attacker else 1.0
    d_bonus = rules.defender_bonus if holder != attacker else 1.0
    a_eff, d_eff = pa * a_bonus, pd * d_bonus
    na = lognormal_factor(ctx.seed, rules.combat_noise, "attacker losses", "combat", ctx.turn, place, "attacker")
    nd = lognormal_factor(ctx.seed, rules.combat_noise, "defender losses", "combat", ctx.turn, place, "defender")
    frac_a = min(rules.max_daily_loss * length, rules.attrition_rate * length * d_eff / pa * na.value)
    frac_d = min(rules.max_daily_loss * length, rules.attrition_rate * length * a_eff / pd * nd.value)
    cas_a = _apply_losses(ctx, a_forces, frac_a)
    cas_d = _apply_losses(ctx, d_forces, frac_d)
    ctx.engaged_forces.update(a_forces + d_forces)
    pa2, pd2 = _power(ctx, a_forces, effective_only=True), _power(ctx, d_forces, effective_only=True)
    share_a = pa / (pa + pd)
    for sid in {ctx.scenario.force(f).owner for f in a_forces}:
        ctx.world.nations[sid].expected_success = share_a
    for sid in {ctx.scenario.force(f).owner for f in d_forces}:
        ctx.world.nations[sid].expected_success = 1 - share_a
    ctx.log.add(
        EventKind.ENGAGEMENT,
        place,
        f"Fighting at {ctx.loc_name(place)} ({att.id}): {ctx.name(attacker)} {pa:.1f} vs defenders {pd:.1f}; "
        f"losses {sum(cas_a.values())} / {sum(cas_d.values())}",
        reasons=[
            Reason(
                "force ratio",
                f"attacker {pa:.1f}×{a_bonus:g} vs defenders {pd:.1f}×{d_bonus:g} (defender bonus {rules.defender_bonus:g} to the holder)",
                facts={"attacker_forces": a_forces, "defender_forces": d_forces},
            ),
            Reason(
                "attrition",
                f"Lanchester-style: each side loses {rules.attrition_rate:g}×(enemy power / own power)×noise per day",
                facts={"attacker_loss_fraction": round(frac_a, 4), "defender_loss_fraction": round(frac_d, 4)},
            ),
        ],
        draws=[na, nd],
        data={"attack": att.id, "location": place, "attacker_casualties": cas_a, "defender_casualties": cas_d},
    )
    a_eff2, d_eff2 = pa2 * a_bonus, pd2 * d_bonus
    if holder != attacker and a_eff2 > d_eff2 * rules.control_ratio:
        _set_control(
            ctx, place, attacker, att, f"attacker {a_eff2:.1f} > defence {d_eff2:.1f} × {rules.control_ratio:g}"
        )
    elif holder == attacker and d_eff2 > a_eff2 * rules.control_ratio:
        _set_control(ctx, place, victim, att, f"defence {d_eff2:.1f} > occupier {a_eff2:.1f} × {rules.control_ratio:g}")


def _apply_losses(ctx: TurnContext, fids: list[str], frac: float) -> dict[StateId, int]:
    """Each force loses ``frac`` of its strength; casualties by owner (and recent losses for opinion)."""
    threshold = ctx.scenario.rules.combat_effective_strength
    out: dict[StateId, int] = {}
    for fid in fids:
        fs = ctx.world.forces[fid]
        fd = ctx.scenario.force(fid)
        lost = int(round(fd.personnel * fs.strength * frac))
        fs.strength = round(fs.strength * (1 - frac), 9)
        fs.losses += lost
        nation = ctx.world.nations[fd.owner]
        nation.casualties += lost
        if lost:
            nation.recent_losses.append((ctx.turn, lost))
        out[fd.owner] = out.get(fd.owner, 0) + lost
        if fs.strength < threshold:
            fs.status = ForceStatus.DESTROYED
            ctx.log.add(
                EventKind.ENGAGEMENT,
                fid,
                f"{fd.name} ({ctx.name(fd.owner)}) is no longer combat-effective",
                reasons=[Reason("attrition", f"strength {fs.strength:.0%} < {threshold:.0%}")],
                data={"force": fid, "state": fd.owner},
            )
    return out


def _set_control(ctx: TurnContext, lid: str, sid: StateId, att: AttackState, why: str) -> None:
    old = ctx.world.control.get(lid)
    ctx.world.control[lid] = sid
    ctx.log.add(
        EventKind.CONTROL,
        lid,
        f"{ctx.loc_name(lid)} passes from {ctx.name(old or '?')} to {ctx.name(sid)}",
        reasons=[Reason("control", why)],
        data={"location": lid, "from": old, "to": sid, "attack": att.id},
    )
