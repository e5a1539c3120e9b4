"""Phase 7, engagements: land fights where an invasion is contested, sea battles where hostile fleets meet.

**Land.** At an invaded place the attacker's land forces that have arrived fight the defenders there: the
victim's forces, forces sent to fight for this attack, and allied forward-presence forces standing there
(they defend where they are). Air forces of each side within their radius of the place support (their host
must grant basing for combat from its bases), naval forces at a coastal place add fire support. A state with
no formed land forces is defended by a territorial-defence estimate that slows but cannot hold. The side
attacking (the invader, or the defenders counter-attacking a place the invader holds) carries the day with
probability 1 / (1 + (r0 / r)^k), r its effective power over the holder's × the defender bonus (a seeded draw);
then the place changes hands. Each side loses a daily share of its personnel by posture (FM 101-10-1/2 table
4-18: attack 6.6% then 3.5%, defence 3.5% then 1.9%), scaled by (enemy / own power)^e within 0.1-3, by the
winner's or loser's factor and by seeded noise. A force landing from the sea under the defenders' sea and air
power loses a share first (the CSIS failure mode).

**Sea.** At a sea area, each open armed attack's attacker's fleet fights the victim's and those sent for it,
with air support within radius; each side loses ``loss_naval`` × the same ratio scaling × noise.

Casualties are split into killed by domain (``killed_share_*``). Munitions: artillery is fired by land forces
in combat, anti-ship missiles by fleets; a state whose artillery stock is empty fights at ``empty_pool_factor``.
"""

from __future__ import annotations

import math

from .. import permissions as perm
from ..enums import AttackKind, Domain, ForceRole, ForceStatus, LocationKind, StateId
from ..events import EventKind, Reason
from ..geo import great_circle_km
from ..rng import lognormal_factor, uniform
from ..rules import Rules
from ..world import AttackState
from .context import TurnContext
from .munitions import draw_stock, fires_factor

NAVAL_RADIUS_KM = 500.0
"""Fleets within this distance of a landing place contest the crossing (assumption)."""


def run(ctx: TurnContext) -> None:
    for att in ctx.open_attacks():
        if att.spec.kind is AttackKind.INVASION:
            loc = ctx.scenario.locations[att.spec.location]
            if loc.kind is not LocationKind.SEA:
                _land(ctx, att)
    _sea(ctx)


# ------------------------------------------------------------------------------------------
# Sides and power
# ------------------------------------------------------------------------------------------


def _present(ctx: TurnContext, fid: str, loc: str) -> bool:
    fs = ctx.world.forces[fid]
    return fs.location == loc and fs.status not in (ForceStatus.DESTROYED, ForceStatus.IN_TRANSIT)


def _sides(ctx: TurnContext, att: AttackState) -> tuple[list[str], list[str]]:
    """The attacker's forces on this mission at the place, and the defenders there."""
    s = ctx.scenario
    loc, attacker, victim = att.spec.location, att.spec.attacker, att.spec.victim
    a_forces, d_forces = [], []
    for fid in sorted(ctx.world.forces):
        if not _present(ctx, fid, loc):
            continue
        fs = ctx.world.forces[fid]
        fd = s.force(fid)
        if fd.domain is Domain.AIR:
            continue
        if fd.owner == attacker and fs.mission == att.id:
            a_forces.append(fid)
        elif fd.owner != attacker and (
            fd.owner == victim
            or (fs.engage and fs.mission == att.id)
            or (fd.role is ForceRole.FORWARD_PRESENCE and perm.allies(s, fd.owner, victim, ctx.day))
        ):
            d_forces.append(fid)
    return a_forces, d_forces


def _power(ctx: TurnContext, forces: list[str]) -> float:
    """Combat power × strength; naval forces count as fire support; an empty artillery stock cuts fires."""
    s = ctx.scenario
    total = 0.0
    for f in forces:
        fd = s.force(f)
        share = s.rules.naval_fire_share if fd.domain is Domain.SEA else 1.0
        total += fd.combat_power * ctx.world.forces[f].strength * share * fires_factor(ctx, fd.owner)
    return total


def _air(ctx: TurnContext, owners: set[StateId], lid: str, victim: StateId) -> list[str]:
    """Air forces of ``owners`` within their radius of ``lid``; a base in a third state serves combat only
    with its host's consent (basing)."""
    s = ctx.scenario
    loc = s.locations[lid]
    out = []
    for owner in sorted(owners):
        for fd in s.forces_by_owner.get(owner, ()):
            if fd.domain is not Domain.AIR or fd.role is ForceRole.STRATEGIC:
                continue
            fs = ctx.world.forces[fd.id]
            if fs.status in (ForceStatus.DESTROYED, ForceStatus.IN_TRANSIT, ForceStatus.GARRISON):
                continue
            base = s.locations[fs.location]
            if great_circle_km(base.lat, base.lon, loc.lat, loc.lon) > s.rules.air_radius_km:
                continue
            host = base.administered_by or owner
            if host not in (owner, victim) and not _basing(ctx, host, owner, victim):
                continue
            out.append(fd.id)
    return out


def _basing(ctx: TurnContext, host: StateId, owner: StateId, victim: StateId) -> bool:
    p = perm.decide(
        ctx.scenario,
        ctx.world,
        host,
        "basing",
        owner,
        turn=ctx.turn,
        seed=ctx.seed,
        controlled=ctx.controlled,
        own_defence=host == victim,
        log=ctx.log,
    )
    return p.granted


def _fleets(ctx: TurnContext, owners: set[StateId], lid: str) -> list[str]:
    """Naval forces of ``owners`` at sea within ``NAVAL_RADIUS_KM`` of a coastal place: fire support ashore."""
    s = ctx.scenario
    loc = s.locations[lid]
    if not loc.coastal:
        return []
    out = []
    for owner in sorted(owners):
        for fd in s.forces_by_owner.get(owner, ()):
            fs = ctx.world.forces[fd.id]
            if fd.domain is not Domain.SEA or fs.status in (ForceStatus.DESTROYED, ForceStatus.IN_TRANSIT):
                continue
            here = s.locations[fs.location]
            if (
                here.kind is LocationKind.SEA
                and great_circle_km(here.lat, here.lon, loc.lat, loc.lon) <= NAVAL_RADIUS_KM
            ):
                out.append(fd.id)
    return out


def _air_power(ctx: TurnContext, forces: list[str]) -> float:
    """Support power of air forces (``air_support_share``) and of fleets offshore (``naval_fire_share``)."""
    rules = ctx.scenario.rules
    total = 0.0
    for f in forces:
        fd = ctx.scenario.force(f)
        share = rules.naval_fire_share if fd.domain is Domain.SEA else rules.air_support_share
        total += fd.combat_power * ctx.world.forces[f].strength * share
    return total


def _defender_owners(ctx: TurnContext, att: AttackState, d_forces: list[str]) -> set[StateId]:
    owners = {att.spec.victim} | {ctx.scenario.force(f).owner for f in d_forces}
    owners |= {
        ctx.scenario.force(f).owner
        for f, fs in ctx.world.forces.items()
        if fs.mission == att.id and ctx.scenario.force(f).owner != att.spec.attacker
    }
    return owners


# ------------------------------------------------------------------------------------------
# Territorial defence
# ------------------------------------------------------------------------------------------


def territorial_personnel(ctx: TurnContext, sid: StateId) -> int:
    """A state's territorial-defence estimate: the pack's, else a share of its population."""
    est = ctx.scenario.military.territorial_of.get(sid)
    if est is not None:
        return est.personnel
    st = ctx.scenario.states[sid]
    return int(st.population_m * 1e6 * ctx.scenario.rules.territorial_default_share)


def _formed_land(ctx: TurnContext, sid: StateId) -> bool:
    return any(
        fd.domain is Domain.LAND and ctx.world.forces[fd.id].status is not ForceStatus.DESTROYED
        for fd in ctx.scenario.forces_by_owner.get(sid, ())
    )


# ------------------------------------------------------------------------------------------
# Land
# ------------------------------------------------------------------------------------------


def _land(ctx: TurnContext, att: AttackState) -> None:
    rules = ctx.scenario.rules
    place, attacker, victim = att.spec.location, att.spec.attacker, att.spec.victim
    a_forces, d_forces = _sides(ctx, att)
    holder = ctx.world.control.get(place)
    _crossing(ctx, att, a_forces, d_forces)
    a_forces = [f for f in a_forces if ctx.world.forces[f].status is not ForceStatus.DESTROYED]
    td = 0.0
    if not any(ctx.scenario.force(f).domain is Domain.LAND for f in d_forces) and not _formed_land(ctx, victim):
        share = ctx.world.territorial.get(victim, 1.0)
        td = territorial_personnel(ctx, victim) / 1000 * rules.territorial_power_per_1000 * share
    if not a_forces:
        if holder == attacker and (d_forces or td > 0):
            _set_control(ctx, place, victim, att, "the attacker has no forces left there")
        return
    if not d_forces and td <= 0:
        if holder != attacker:
            _set_control(ctx, place, attacker, att, "undefended")
        return
    a_air = _air(ctx, {attacker}, place, victim) + _fleets(ctx, {attacker}, place)
    d_air = _air(ctx, _defender_owners(ctx, att, d_forces), place, victim) + _fleets(
        ctx, _defender_owners(ctx, att, d_forces), place
    )
    pa = _power(ctx, a_forces) + _air_power(ctx, a_air)
    pd = _power(ctx, d_forces) + _air_power(ctx, d_air) + td
    holding_attacker = holder == attacker
    # the side that attacks today: the invader, or the defenders counter-attacking a place it holds
    p_att, p_hold = (pd, pa) if holding_attacker else (pa, pd)
    ratio = p_att / max(p_hold * rules.defender_bonus, 1e-9)
    if ratio < rules.attack_min_ratio:
        _contact(ctx, att, a_forces, d_forces, pa, pd, ratio, td)
        return
    p = 1.0 / (1.0 + (rules.success_r0 / max(ratio, 1e-9)) ** rules.success_k)
    draw = uniform(ctx.seed, "attack succeeds", "combat", ctx.turn, place, att.id)
    success = draw.value < p
    first_a = all(ctx.world.forces[f].engaged_days == 0 for f in a_forces)
    first_d = all(ctx.world.forces[f].engaged_days == 0 for f in d_forces) if d_forces else True
    a_rate = (
        (rules.loss_defend_first if first_a else rules.loss_defend)
        if holding_attacker
        else (rules.loss_attack_first if first_a else rules.loss_attack)
    )
    d_rate = (
        (rules.loss_attack_first if first_d else rules.loss_attack)
        if holding_attacker
        else (rules.loss_defend_first if first_d else rules.loss_defend)
    )
    invader_wins = success != holding_attacker
    na = lognormal_factor(ctx.seed, rules.combat_noise, "attacker losses", "combat", ctx.turn, place, "attacker")
    nd = lognormal_factor(ctx.seed, rules.combat_noise, "defender losses", "combat", ctx.turn, place, "defender")
    length = ctx.scenario.turn_length_days
    frac_a = _frac(a_rate, pd, pa, invader_wins, rules) * na.value * length
    frac_d = _frac(d_rate, pa, pd, not invader_wins, rules) * nd.value * length
    cas_a = _apply_losses(ctx, a_forces, min(frac_a, 0.9))
    cas_d = _apply_losses(ctx, d_forces, min(frac_d, 0.9))
    _support_losses(ctx, a_air, frac_a, cas_a)
    _support_losses(ctx, d_air, frac_d, cas_d)
    td_lost = 0
    if td > 0:
        share = ctx.world.territorial.get(victim, 1.0)
        lost = min(share, share * frac_d)
        ctx.world.territorial[victim] = round(share - lost, 9)
        td_lost = int(round(territorial_personnel(ctx, victim) * lost))
        _casualties(ctx, victim, td_lost, Domain.LAND)
        cas_d[victim] = cas_d.get(victim, 0) + td_lost
    for f in a_forces + d_forces:
        ctx.world.forces[f].engaged_days += 1
    ctx.engaged_forces.update(a_forces + d_forces + a_air + d_air)
    _fire(ctx, a_forces)
    _fire(ctx, d_forces)
    share_a = pa / (pa + pd) if pa + pd else 0.5
    for sid in {ctx.scenario.force(f).owner for f in a_forces}:
        ctx.world.nations[sid].expected_success = share_a
    for sid in {ctx.scenario.force(f).owner for f in d_forces} | {victim}:
        ctx.world.nations[sid].expected_success = 1 - share_a
    who = f"defenders (counter-attack) {pd:.1f}" if holding_attacker else f"{ctx.name(attacker)} {pa:.1f}"
    vs = f"occupier {pa:.1f}" if holding_attacker else f"defenders {pd:.1f}"
    ctx.log.add(
        EventKind.ENGAGEMENT,
        place,
        f"Fighting at {ctx.loc_name(place)} ({att.id}): {who} vs {vs}; losses "
        f"{sum(cas_a.values())} / {sum(cas_d.values())}; the attack {'carries' if success else 'fails'}",
        reasons=[
            Reason(
                "force ratio",
                f"{p_att:.1f} against {p_hold:.1f} × defender bonus {rules.defender_bonus:g}: ratio {ratio:.2f}, "
                f"chance of success {p:.0%} (logistic, r0 {rules.success_r0:g}, k {rules.success_k:g})",
                success,
                facts={
                    "attacker_forces": a_forces,
                    "defender_forces": d_forces,
                    "air_support": {"attacker": a_air, "defender": d_air},
                    "territorial_power": round(td, 3),
                },
            ),
            Reason(
                "losses",
                f"posture rates {a_rate:.1%} / {d_rate:.1%} a day (FM 101-10-1/2), scaled by the ratio and noise",
                facts={"attacker_loss_fraction": round(frac_a, 4), "defender_loss_fraction": round(frac_d, 4)},
            ),
        ],
        draws=[draw, na, nd],
        data={"attack": att.id, "location": place, "attacker_casualties": cas_a, "defender_casualties": cas_d},
    )
    if success and not holding_attacker:
        _set_control(ctx, place, attacker, att, f"the attack carried (chance {p:.0%}, draw {draw.value:.2f})")
    elif success and holding_attacker:
        _set_control(ctx, place, victim, att, f"the counter-attack carried (chance {p:.0%}, draw {draw.value:.2f})")


def _contact(
    ctx: TurnContext,
    att: AttackState,
    a_forces: list[str],
    d_forces: list[str],
    pa: float,
    pd: float,
    ratio: float,
    td: float,
) -> None:
    """Neither side is strong enough to attack (effective ratio under ``attack_min_ratio``): the sides stay in
    contact and lose ``loss_contact`` a day (scaled like any loss); nothing changes hands."""
    rules = ctx.scenario.rules
    length = ctx.scenario.turn_length_days
    place = att.spec.location
    na = lognormal_factor(ctx.seed, rules.combat_noise, "attacker losses", "combat", ctx.turn, place, "attacker")
    nd = lognormal_factor(ctx.seed, rules.combat_noise, "defender losses", "combat", ctx.turn, place, "defender")
    cas_a = _apply_losses(ctx, a_forces, _frac(rules.loss_contact, pd, pa, True, rules) * length * na.value)
    cas_d = _apply_losses(ctx, d_forces, _frac(rules.loss_contact, pa, pd, True, rules) * length * nd.value)
    ctx.engaged_forces.update(a_forces + d_forces)
    ctx.log.add(
        EventKind.ENGAGEMENT,
        att.spec.location,
        f"Contact at {ctx.loc_name(att.spec.location)} ({att.id}): {pa:.1f} vs {pd:.1f}; no attack "
        f"(effective ratio {ratio:.2f} < {rules.attack_min_ratio:g}); losses {sum(cas_a.values())} / {sum(cas_d.values())}",
        reasons=[
            Reason(
                "force ratio",
                f"the side that would attack has {ratio:.2f} of the holder's power × the defender bonus: it holds "
                "its ground (local superiority is needed to attack: Dupuy's advance-rate verities)",
                False,
                facts={"attacker_forces": a_forces, "defender_forces": d_forces, "territorial_power": round(td, 3)},
            )
        ],
        draws=[na, nd],
        data={
            "attack": att.id,
            "location": att.spec.location,
            "attacker_casualties": cas_a,
            "defender_casualties": cas_d,
        },
    )


def _support_losses(ctx: TurnContext, fids: list[str], frac: float, out: dict[StateId, int]) -> None:
    """Air forces supporting a land fight lose half the side's rate, and only their aircrew are casualties
    (``aircrew_share``); fleets offshore lose nothing ashore (they fight sea battles)."""
    rules = ctx.scenario.rules
    for fid in fids:
        fd = ctx.scenario.force(fid)
        if fd.domain is not Domain.AIR:
            continue
        fs = ctx.world.forces[fid]
        lost_share = min(0.9, frac * 0.5)
        lost = int(round(fd.personnel * fs.strength * lost_share * rules.aircrew_share))
        fs.strength = round(fs.strength * (1 - lost_share), 9)
        fs.losses += lost
        _casualties(ctx, fd.owner, lost, Domain.AIR)
        out[fd.owner] = out.get(fd.owner, 0) + lost


def _frac(rate: float, enemy: float, own: float, winner: bool, rules: Rules) -> float:
    """The share of a side's strength lost today: its posture's rate × (enemy / own)^e (within 0.1-3) × the
    winner's or loser's factor × the share of it in contact (at most as much as the enemy brings, so a large
    force facing a small one loses only where it touches it)."""
    ratio = max(enemy, 1e-9) / max(own, 1e-9)
    scale = min(3.0, max(0.1, ratio**rules.loss_ratio_exponent))
    factor = rules.winner_loss_factor if winner else rules.loser_loss_factor
    return float(rate * scale * factor * min(1.0, ratio))


def _crossing(ctx: TurnContext, att: AttackState, a_forces: list[str], d_forces: list[str]) -> None:
    """Forces that landed from the sea this turn lose a share to the defenders' sea and air power."""
    s = ctx.scenario
    landed = [
        f
        for f in a_forces
        if ctx.world.forces[f].arrive_turn == ctx.turn
        and any(leg.mode == "sea" for leg in ctx.world.forces[f].legs)
        and s.force(f).domain is Domain.LAND
    ]
    if not landed:
        return
    loc = s.locations[att.spec.location]
    d_owners = _defender_owners(ctx, att, d_forces)

    def fleet(owners: set[StateId]) -> float:
        total = 0.0
        for fid, fs in ctx.world.forces.items():
            fd = s.force(fid)
            if fd.owner not in owners or fd.domain is not Domain.SEA:
                continue
            if fs.status in (ForceStatus.DESTROYED, ForceStatus.IN_TRANSIT):
                continue
            here = s.locations[fs.location]
            if great_circle_km(here.lat, here.lon, loc.lat, loc.lon) <= NAVAL_RADIUS_KM:
                total += fd.combat_power * fs.strength
        return total

    defence = fleet(d_owners) + _air_power(ctx, _air(ctx, d_owners, loc.id, att.spec.victim))
    escort = fleet({att.spec.attacker}) + _air_power(ctx, _air(ctx, {att.spec.attacker}, loc.id, att.spec.victim))
    if defence <= 0:
        return
    frac = min(2 * s.rules.crossing_loss, s.rules.crossing_loss * defence / max(escort, 1.0))
    cas = _apply_losses(ctx, landed, frac, at_sea=True)
    ctx.log.add(
        EventKind.ENGAGEMENT,
        loc.id,
        f"Landing at {loc.name} under fire ({att.id}): {sum(cas.values())} lost crossing",
        reasons=[
            Reason(
                "crossing",
                f"defenders' sea and air power {defence:.1f} against escorts {escort:.1f}: {frac:.0%} lost at sea",
                facts={"forces": landed},
            )
        ],
        data={"attack": att.id, "location": loc.id, "attacker_casualties": cas},
    )


# ------------------------------------------------------------------------------------------
# Sea
# ------------------------------------------------------------------------------------------


def _sea(ctx: TurnContext) -> None:
    s = ctx.scenario
    rules = s.rules
    fought: set[str] = set()
    by_place: dict[str, list[str]] = {}
    for fid, fs in sorted(ctx.world.forces.items()):
        fd = s.force(fid)
        if fd.domain is Domain.SEA and fs.status not in (ForceStatus.DESTROYED, ForceStatus.IN_TRANSIT):
            if s.locations[fs.location].kind is LocationKind.SEA:
                by_place.setdefault(fs.location, []).append(fid)
    for lid, here in sorted(by_place.items()):
        for att in ctx.open_attacks():
            if att.gravity.value < 3:
                continue
            a = [f for f in here if f not in fought and s.force(f).owner == att.spec.attacker]
            d = [
                f
                for f in here
                if f not in fought
                and s.force(f).owner != att.spec.attacker
                and (s.force(f).owner == att.spec.victim or ctx.world.forces[f].mission == att.id)
            ]
            if not a or not d:
                continue
            a_air = _air(ctx, {att.spec.attacker}, lid, att.spec.victim)
            d_air = _air(ctx, _defender_owners(ctx, att, d), lid, att.spec.victim)
            pa = _naval_power(ctx, a) + _air_power(ctx, a_air)
            pd = _naval_power(ctx, d) + _air_power(ctx, d_air)
            na = lognormal_factor(ctx.seed, rules.combat_noise, "fleet losses", "sea", ctx.turn, lid, att.id, "a")
            nd = lognormal_factor(ctx.seed, rules.combat_noise, "fleet losses", "sea", ctx.turn, lid, att.id, "d")
            scale = rules.loss_ratio_exponent
            frac_a = _frac(rules.loss_naval, pd, pa, pa >= pd, rules) * na.value
            frac_d = _frac(rules.loss_naval, pa, pd, pd > pa, rules) * nd.value
            length = s.turn_length_days
            cas_a = _apply_losses(ctx, a, min(0.9, frac_a * length))
            cas_d = _apply_losses(ctx, d, min(0.9, frac_d * length))
            _support_losses(ctx, a_air, frac_a * length, cas_a)
            _support_losses(ctx, d_air, frac_d * length, cas_d)
            for side in (a, d):
                for f in side:
                    draw_stock(ctx, s.force(f).owner, "antiship", 4.0 * length)
            fought.update(a + d)
            ctx.engaged_forces.update(a + d + a_air + d_air)
            ctx.log.add(
                EventKind.ENGAGEMENT,
                lid,
                f"Sea battle in the {ctx.loc_name(lid)} ({att.id}): {ctx.name(att.spec.attacker)} {pa:.1f} vs {pd:.1f}; "
                f"losses {sum(cas_a.values())} / {sum(cas_d.values())}",
                reasons=[
                    Reason(
                        "sea battle",
                        f"each side loses {rules.loss_naval:.0%} a day at even odds, scaled by (enemy / own)^{scale:g}",
                        facts={
                            "attacker_forces": a,
                            "defender_forces": d,
                            "air": {"attacker": a_air, "defender": d_air},
                        },
                    )
                ],
                draws=[na, nd],
                data={"attack": att.id, "location": lid, "attacker_casualties": cas_a, "defender_casualties": cas_d},
            )


def _naval_power(ctx: TurnContext, forces: list[str]) -> float:
    s = ctx.scenario
    total = 0.0
    for f in forces:
        fd = s.force(f)
        empty = ctx.world.munitions.get(f"{fd.owner}:antiship")
        factor = s.rules.empty_pool_factor if empty is not None and empty <= 0 else 1.0
        total += fd.combat_power * ctx.world.forces[f].strength * factor
    return total


# ------------------------------------------------------------------------------------------
# Losses and control
# ------------------------------------------------------------------------------------------


def _casualties(ctx: TurnContext, sid: StateId, lost: int, domain: Domain) -> None:
    if not lost:
        return
    rules = ctx.scenario.rules
    nation = ctx.world.nations[sid]
    nation.casualties += lost
    share = rules.killed_share_sea if domain is Domain.SEA else rules.killed_share_land
    nation.killed += int(round(lost * share))
    nation.recent_losses.append((ctx.turn, lost))


def _apply_losses(ctx: TurnContext, fids: list[str], frac: float, *, at_sea: bool = False) -> dict[StateId, int]:
    """Each force loses ``frac`` of its strength; casualties (and killed: by its domain, or as at sea for troops
    lost crossing) by owner."""
    threshold = ctx.scenario.rules.combat_effective_strength
    out: dict[StateId, int] = {}
    for fid in fids:
        fs = ctx.world.forces[fid]
        fd = ctx.scenario.force(fid)
        lost = int(round(fd.personnel * fs.strength * frac))
        fs.strength = round(fs.strength * (1 - frac), 9)
        fs.losses += lost
        _casualties(ctx, fd.owner, lost, Domain.SEA if at_sea else fd.domain)
        out[fd.owner] = out.get(fd.owner, 0) + lost
        if fs.strength < threshold and fs.status is not ForceStatus.DESTROYED:
            fs.status = ForceStatus.DESTROYED
            ctx.log.add(
                EventKind.ENGAGEMENT,
                fid,
                f"{fd.name} ({ctx.name(fd.owner)}) is no longer combat-effective",
                reasons=[Reason("attrition", f"strength {fs.strength:.0%} < {threshold:.0%}")],
                data={"force": fid, "state": fd.owner},
            )
    return out


def _fire(ctx: TurnContext, fids: list[str]) -> None:
    """Land forces in combat fire artillery: rounds per brigade-equivalent (4 combat power) a day."""
    s = ctx.scenario
    per: dict[StateId, float] = {}
    for f in fids:
        fd = s.force(f)
        if fd.domain is Domain.LAND:
            per[fd.owner] = per.get(fd.owner, 0.0) + fd.combat_power * ctx.world.forces[f].strength / 4.0
    for owner, brigades in sorted(per.items()):
        draw_stock(ctx, owner, "artillery", math.ceil(brigades * s.rules.rounds_per_brigade_day * s.turn_length_days))


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
