"""Which forces go where: orders for seats and the default policy, with the rules on homes, roles, theatres
and domains.

* A **home-defence** force does not leave its state, nor a **forward-presence** force its host state, nor any
  force a theatre under attack for another, without a decision that says so (a seat's deploy with
  ``release``; the default policy never releases). Each release is logged.
* **Domains**: a naval force goes to a sea area or a coastal place, an air force to an air base (it fights as
  support within its radius), a land force to land. A move the domain forbids is refused with the reason.
* A move that would arrive after the game's last turn is refused when ordered.
* The default policy keeps at home combat power of at least ``home_reserve_ratio`` × the hostile power within
  ``hostile_radius_km`` of its capital (ATP 5-0.2-1: a deliberate defence needs 1:3), sends expeditionary
  forces only, the quickest first, and never strategic forces.
"""

from __future__ import annotations

from . import permissions as perm
from .enums import Domain, ForceRole, ForceStatus, Gravity, LocationKind, StateId
from .events import EventKind, Reason
from .forces import domain_refusal, home_state, place_theatre, theatre_of
from .geo import great_circle_km
from .model import ForceDef, Scenario
from .moves import Mover, estimate_days, plan
from .phases.context import TurnContext
from .phases.movement import mobilise
from .world import AttackState, WorldState


def theatre_attacked(scenario: Scenario, world: WorldState, theatre: str) -> AttackState | None:
    """An open attack (a use of force or graver) at a place of ``theatre``, if any."""
    if not theatre:
        return None
    for att in world.open_attacks():
        if att.gravity >= Gravity.USE_OF_FORCE and place_theatre(scenario, att.spec.location) == theatre:
            return att
    return None


def state_of(scenario: Scenario, lid: str) -> StateId:
    loc = scenario.locations.get(lid)
    return (loc.administered_by or "") if loc is not None else ""


def leave_reason(scenario: Scenario, world: WorldState, fd: ForceDef, dest: str) -> str:
    """Why ``fd`` may not go to ``dest`` without a logged release ('' if it may)."""
    fs = world.forces[fd.id]
    if fs.release:
        return ""
    here_state = state_of(scenario, fs.location) or home_state(scenario, fd)
    dest_state = state_of(scenario, dest)
    home = home_state(scenario, fd)
    if fd.role is ForceRole.STRATEGIC:
        return f"{fd.name} is a strategic force, not a manoeuvre force"
    if fd.role is ForceRole.HOME_DEFENCE and dest_state != home:
        return f"{fd.name} is a home-defence force of {_name(scenario, home)}"
    if fd.role is ForceRole.FORWARD_PRESENCE and dest_state != home:
        return f"{fd.name} is a forward-presence force: it defends {_name(scenario, home)}, where it stands"
    theatre = theatre_of(scenario, fd) if here_state == home else place_theatre(scenario, fs.location)
    target = place_theatre(scenario, dest)
    attacked = theatre_attacked(scenario, world, theatre)
    if attacked is not None and target != theatre:
        where = scenario.military.theatre_by_id.get(theatre)
        return f"its theatre ({where.name if where else theatre}) is under attack ({attacked.id})"
    return ""


def destination_for(
    scenario: Scenario, fd: ForceDef, place: str, *, here: str = "", victim: StateId = "", day: object = None
) -> str | None:
    """Where a force of ``fd``'s domain goes to fight for ``place``: the place itself for land; for a naval
    force the place if it is at sea, else the nearest sea area (it fights for sea control there and supports
    the fight ashore); for an air force where it is, if that is within its radius, else the nearest air base
    within its radius in its own state, the victim's or an ally's (None if there is none)."""
    loc = scenario.locations[place]
    if not domain_refusal(fd.domain, loc) and (fd.domain is Domain.LAND or loc.kind is LocationKind.SEA or not here):
        return place
    rules = scenario.rules
    if fd.domain is Domain.SEA:
        memo = scenario.route_cache.setdefault("nearest_sea", {})
        assert isinstance(memo, dict)
        if place not in memo:
            seas = sorted(
                (great_circle_km(loc.lat, loc.lon, x.lat, x.lon), x.id)
                for x in scenario.locations.values()
                if x.kind is LocationKind.SEA
            )
            memo[place] = seas[0][1] if seas and seas[0][0] < 800 else None
        return memo[place]  # type: ignore[no-any-return]
    if fd.domain is Domain.AIR:
        if here:
            h = scenario.locations[here]
            if great_circle_km(h.lat, h.lon, loc.lat, loc.lon) <= rules.air_radius_km:
                return here
        memo = scenario.route_cache.setdefault("air_bases", {})
        assert isinstance(memo, dict)
        mkey = (fd.owner, place, victim, day)
        if mkey in memo:
            return memo[mkey]  # type: ignore[no-any-return]
        friendly = {fd.owner, victim}
        bases = sorted(
            (great_circle_km(loc.lat, loc.lon, x.lat, x.lon), x.id)
            for x in scenario.locations.values()
            if x.airbase
            and x.kind is not LocationKind.SEA
            and x.administered_by
            and (
                x.administered_by in friendly
                or (day is not None and perm.allies(scenario, fd.owner, x.administered_by, day))
            )
        )
        memo[mkey] = next((lid for km, lid in bases if km <= rules.air_radius_km), None)
        return memo[mkey]  # type: ignore[no-any-return]
    return None


def order(
    ctx: TurnContext,
    fid: str,
    dest: str,
    mission: str,
    reasons: list[Reason],
    *,
    engage: bool = True,
    release: str = "",
    delay_days: float = 0.0,
) -> str:
    """Send ``fid`` to ``dest`` for ``mission``; '' on success, else why not (nothing changes then)."""
    s, w = ctx.scenario, ctx.world
    fd = s.force(fid)
    fs = w.forces[fid]
    if fs.status is ForceStatus.DESTROYED:
        return f"{fd.name} is no longer combat-effective"
    why = domain_refusal(fd.domain, s.locations[dest])
    if why:
        return why
    blocked = leave_reason(s, w, fd, dest)
    if blocked and not release:
        return blocked + ": it needs a decision that releases it"
    ready = ctx.turn + ctx.turns_for(fd.readiness_days + delay_days) if fs.status is ForceStatus.GARRISON else ctx.turn
    depart = (ready - 1) * s.turn_length_days
    days = 0.0
    if fs.location != dest:
        mover = Mover(s, w, ctx.turn, ctx.seed, ctx.controlled, ctx.log)
        got = plan(mover, fd, fs.location, dest, depart)
        if isinstance(got, str):
            return got
        days = got.days
    end = s.max_turns * s.turn_length_days
    if depart + days > end + 1e-9:
        return f"{fd.name} would arrive on day {depart + days:.1f}, after the game's last day ({end:g}): not sent"
    if blocked:
        fs.release = release
        ctx.log.add(
            EventKind.DECISION,
            fd.owner,
            f"{ctx.name(fd.owner)} releases {fd.name}: {release}",
            reasons=[Reason("release", blocked, True), *reasons],
            data={"state": fd.owner, "force": fid, "level": "release", "destination": dest, "why": blocked},
        )
    fs.destination = dest
    fs.engage = engage
    fs.mission = mission or fs.mission
    if fs.status is ForceStatus.GARRISON:
        mobilise(ctx, fid, reasons, delay_days=delay_days)
    elif fs.status is ForceStatus.DEPLOYED:
        fs.status = ForceStatus.READY
    return ""


def home_power(ctx: TurnContext, sid: StateId, without: set[str]) -> float:
    """Combat power of ``sid``'s land forces in its own state and not sent elsewhere."""
    total = 0.0
    for fd in ctx.scenario.forces_by_owner.get(sid, ()):
        fs = ctx.world.forces[fd.id]
        if fd.id in without or fd.domain is not Domain.LAND or fs.status is ForceStatus.DESTROYED:
            continue
        if state_of(ctx.scenario, fs.location) == sid and not fs.destination:
            total += fd.combat_power * fs.strength
    return total


def threat(ctx: TurnContext, sid: StateId) -> float:
    """Hostile land power within ``hostile_radius_km`` of ``sid``'s capital: the forces of states it is fighting
    and of aggressors that are not its allies."""
    key = ("threat", sid)
    if key in ctx.memo:
        return float(ctx.memo[key])  # type: ignore[arg-type]
    s, w = ctx.scenario, ctx.world
    st = s.states[sid]
    hostile = perm.enemies(w, sid)
    for other in _aggressors(ctx):
        if other != sid and not perm.allies(s, sid, other, ctx.day):
            hostile.add(other)
    total = 0.0
    for owner, lat, lon, power in _land_power_by_place(ctx):
        if owner in hostile and great_circle_km(st.lat, st.lon, lat, lon) <= s.rules.hostile_radius_km:
            total += power
    ctx.memo[key] = total
    return total


def _aggressors(ctx: TurnContext) -> list[StateId]:
    got = ctx.memo.get("aggressors")
    if got is None:
        got = ctx.memo["aggressors"] = [o for o, st in ctx.scenario.states.items() if st.doctrine.value == "aggressor"]
    return got  # type: ignore[return-value]


def _land_power_by_place(ctx: TurnContext) -> list[tuple[StateId, float, float, float]]:
    """(owner, lat, lon, power) of the land forces of aggressors and of states at war, summed by place (once a
    turn: the threat to each state reads it)."""
    got = ctx.memo.get("land power by place")
    if got is None:
        s, w = ctx.scenario, ctx.world
        owners = set(_aggressors(ctx))
        for att in w.open_attacks():
            owners.update((att.spec.attacker, att.spec.victim))
        acc: dict[tuple[StateId, str], float] = {}
        for owner in sorted(owners):
            for fd in s.forces_by_owner.get(owner, ()):
                fs = w.forces[fd.id]
                if fd.domain is Domain.LAND and fs.status is not ForceStatus.DESTROYED:
                    acc[(owner, fs.location)] = acc.get((owner, fs.location), 0.0) + fd.combat_power * fs.strength
        got = ctx.memo["land power by place"] = [
            (o, s.locations[lid].lat, s.locations[lid].lon, p) for (o, lid), p in sorted(acc.items())
        ]
    return got  # type: ignore[return-value]


def pick(
    ctx: TurnContext, sid: StateId, place: str, count: int, *, mobilise_only: bool = False
) -> list[tuple[ForceDef, str, float]]:
    """Up to ``count`` of ``sid``'s forces the default policy may send for ``place``: free, of a role and
    theatre that allow it, with a destination their domain accepts, arriving before the end, leaving the home
    reserve; the quickest first. Each comes with its destination and estimated days."""
    s, w = ctx.scenario, ctx.world
    rules = s.rules
    cands: list[tuple[float, str, ForceDef, str]] = []
    for fd in s.forces_by_owner.get(sid, ()):
        fs = w.forces[fd.id]
        if fs.status is ForceStatus.DESTROYED or fs.mission or fs.destination:
            continue
        dest = destination_for(s, fd, place, here=fs.location, victim=state_of(s, place), day=ctx.day)
        if dest is None or leave_reason(s, w, fd, dest):
            continue
        ready = fd.readiness_days if fs.status is ForceStatus.GARRISON else 0.0
        eta = ready + estimate_days(s, fd, fs.location, dest)
        if (ctx.turn - 1) * s.turn_length_days + eta > s.max_turns * s.turn_length_days:
            continue
        cands.append((eta, fd.id, fd, dest))
    cands.sort(key=lambda c: (c[0], c[1]))
    needed = threat(ctx, sid) * rules.home_reserve_ratio
    taken: set[str] = set()
    out: list[tuple[ForceDef, str, float]] = []
    for eta, fid, fd, dest in cands:
        if len(out) >= count:
            break
        leaving = state_of(s, dest) != sid and state_of(s, w.forces[fid].location) == sid
        if leaving and fd.domain is Domain.LAND and not mobilise_only:
            if home_power(ctx, sid, taken | {fid}) < needed:
                continue
        taken.add(fid)
        out.append((fd, dest, eta))
    return out


def _name(s: Scenario, sid: StateId) -> str:
    st = s.states.get(sid)
    return st.name if st else sid


def commit_for(ctx: TurnContext, sid: StateId, att: AttackState, radius_km: float, reason: str) -> list[str]:
    """The attacker commits its free forces within ``radius_km`` for which the invaded place is the nearest of
    its objectives (its open invasions and its plan's places not yet held), and more, nearest first, until it
    has three times the defence it can see there (ATP 5-0.2-1, Table 2-12: a deliberate attack needs 3:1).
    Naval and air forces go where their domain lets them fight for the place."""
    s, w = ctx.scenario, ctx.world
    loc = s.locations[att.spec.location]
    targets = {a.spec.location for a in w.open_attacks() if a.spec.attacker == sid and a.spec.kind.value == "invasion"}
    plan = s.military.plan_of.get(sid)
    if plan is not None:
        targets |= {lid for st in plan.stages for lid in st.objectives if w.control.get(lid) != sid}
    targets.add(loc.id)
    defence = 0.0
    for fid, fs in w.forces.items():
        fd = s.force(fid)
        if fd.owner == sid or fs.status is ForceStatus.DESTROYED or fd.domain is not Domain.LAND:
            continue
        here = s.locations[fs.location]
        near = fd.owner == att.spec.victim and great_circle_km(here.lat, here.lon, loc.lat, loc.lon) <= 150
        if near or (fs.location == loc.id and fs.status is not ForceStatus.IN_TRANSIT):
            defence += fd.combat_power * fs.strength
    committed = sum(
        s.force(f).combat_power * fs.strength
        for f, fs in w.forces.items()
        if fs.mission == att.id and s.force(f).owner == sid and fs.status is not ForceStatus.DESTROYED
    )
    if committed > 0 and committed >= 3 * defence:
        return []
    free = []
    for fd in s.forces_by_owner.get(sid, ()):
        fs = w.forces[fd.id]
        if fs.status is ForceStatus.DESTROYED or fs.mission or fs.destination or fd.role is ForceRole.STRATEGIC:
            continue
        here = s.locations[fs.location]
        km = great_circle_km(here.lat, here.lon, loc.lat, loc.lon)
        if km > radius_km:
            continue
        nearest = (
            loc.id
            if len(targets) == 1
            else min(
                targets,
                key=lambda t: (great_circle_km(here.lat, here.lon, s.locations[t].lat, s.locations[t].lon), t),
            )
        )
        free.append((nearest != loc.id, km, fd.id, fd))
    free.sort(key=lambda x: (x[0], x[1], x[2]))
    sent: list[str] = []
    for elsewhere, _, fid, fd in free:
        if elsewhere and committed >= 3 * defence:
            break
        dest = destination_for(s, fd, loc.id, here=w.forces[fid].location, victim=att.spec.victim, day=ctx.day)
        if dest is None:
            continue
        if not order(ctx, fid, dest, att.id, [Reason("assault", reason)]):
            sent.append(fid)
            if fd.domain is Domain.LAND:
                committed += fd.combat_power * w.forces[fid].strength
    return sent
