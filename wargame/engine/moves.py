"""Planning a move: the legs a force takes to its destination and when it arrives.

* A **naval** force sails the sea lanes (straits closed as their regime requires) at its speed.
* An **air** force flies to a base on a great circle around states that refuse overflight; its host must
  grant basing.
* A **land** force marches (or goes by rail when that is faster) over states that let it pass, at its march
  rate in friendly states, at the contested advance rate through an enemy's territory (the territorial rate
  where the enemy has no formed forces). With no land route it crosses the sea by strategic lift: by air
  (its owner's airlift pool, fewer tonnes a day over longer distances, then the airfield's reception
  capacity and a day of staging) or by sea (to a port of embarkation, four days to load, the owner's sealift
  pool, the sea lane, the port's discharge capacity and a week of staging), then onward by land.

Lift pools and reception capacities are shared queues in the world: who is ordered first arrives first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from . import permissions as perm
from .enums import Domain, ForceStatus, LocationKind, StateId, Transport
from .forces import domain_refusal, lift_tonnes, march_km_per_day
from .geo import great_circle_km
from .model import ForceDef, Location, Scenario
from .routes import Path, air_route, land_route, sea_route
from .world import Leg, WorldState


@dataclass
class Plan:
    """A planned move: its legs, its total days from departure, and the lift and reception it books."""

    legs: list[Leg]
    days: float
    bookings: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Mover:
    """What the planner needs to know about the turn: the world, the seed, who is a seat, the turn."""

    scenario: Scenario
    world: WorldState
    turn: int
    seed: int
    controlled: frozenset[StateId]
    log: object = None

    def allowed(
        self, owner: StateId, kind: str, state: StateId, *, own_defence: bool = False, record: bool = True
    ) -> bool:
        if state == owner or not state:
            return True
        if kind == "transit" and state in perm.enemies(self.world, owner):
            return True  # it fights its way through an enemy's territory
        p = perm.decide(
            self.scenario,
            self.world,
            state,
            kind,
            owner,
            turn=self.turn,
            seed=self.seed,
            controlled=self.controlled,
            own_defence=own_defence,
            log=self.log,
            record=record,
        )
        return p.granted

    def weigh(self, owner: StateId, kind: str) -> Callable[[StateId], bool]:
        """The answers a route search weighs, without asking anyone."""
        return lambda state: self.allowed(owner, kind, state, record=False)

    def settle(self, owner: StateId, kind: str, crossed: tuple[StateId, ...], direct: tuple[StateId, ...]) -> None:
        """Ask the states a route crosses (they grant) and those on its direct line (a refusal there is why it
        goes around): the record depends on the route, not on how it was found."""
        for state in dict.fromkeys((*direct, *crossed)):
            self.allowed(owner, kind, state)


def plan(mv: Mover, fd: ForceDef, start: str, dest: str, depart_day: float) -> Plan | str:
    """The move of ``fd`` from ``start`` to ``dest`` leaving on ``depart_day``, or why it cannot go."""
    s = mv.scenario
    a, b = s.locations[start], s.locations[dest]
    why = domain_refusal(fd.domain, b)
    if why:
        return why
    host = b.administered_by
    if host and host != fd.owner and host not in perm.enemies(mv.world, fd.owner):
        own_defence = _own_defence(mv, host)
        if not mv.allowed(fd.owner, "basing", host, own_defence=own_defence):
            return f"{_name(s, host)} does not (yet) grant basing to {_name(s, fd.owner)}"
    if fd.domain is Domain.SEA:
        return _naval(mv, fd, a, b)
    if fd.domain is Domain.AIR:
        path = _air(mv, fd.owner, a.id, b.id)
        if path is None:
            return f"no air route from {a.name} to {b.name} around the states refusing overflight"
        days = path.km / s.rules.air_km_per_day
        return Plan([_leg("air", path, days)], days)
    return _land_force(mv, fd, a, b, depart_day)


def _own_defence(mv: Mover, host: StateId) -> bool:
    """The host itself is the victim of an open armed attack (its bases serve its own defence)."""
    return any(not x.ended and x.spec.victim == host for x in mv.world.attacks.values())


def _naval(mv: Mover, fd: ForceDef, a: Location, b: Location) -> Plan | str:
    s = mv.scenario
    closed: list[str] = []
    notice = 0.0
    for st in s.military.straits:
        if st.regime != "montreux":
            continue
        returning = fd.owner in st.basin and b.administered_by == fd.owner
        if perm.belligerent(mv.world, fd.owner) and not perm.belligerent(mv.world, st.controller) and not returning:
            closed.append(st.passage)
        elif fd.owner not in st.basin:
            notice = max(notice, 8.0)
    path = sea_route(s, a.id, b.id, tuple(closed))
    if path is None:
        shut = f" ({', '.join(closed)} closed to belligerents' warships: Montreux Art 19)" if closed else ""
        return f"no sea route from {a.name} to {b.name}{shut}"
    speed = fd.speed_km_per_day or s.rules.sea_km_per_day
    days = path.km / speed
    notes = []
    if notice and "bosporus" in path.passages:
        days += notice
        notes.append("8 days' notice to Turkey for the Straits (Montreux Art 13)")
    return Plan([_leg("sea", path, days)], days, notes=notes)


def _land_force(mv: Mover, fd: ForceDef, a: Location, b: Location, depart_day: float) -> Plan | str:
    by_land = _land_leg(mv, fd, a.id, b.id)
    if by_land is not None:
        return Plan([by_land], by_land.days)
    modes = ("air", "sea") if fd.transport is Transport.AIR else ("sea", "air")
    why = []
    for mode in modes:
        got = _lifted(mv, fd, a, b, depart_day, mode)
        if isinstance(got, Plan):
            return got
        why.append(got)
    return f"no land route from {a.name} to {b.name} over states that let it pass; " + "; ".join(why)


def _land_leg(mv: Mover, fd: ForceDef, start: str, end: str) -> Leg | None:
    s = mv.scenario
    rules = s.rules
    path = land_route(s, start, end, mv.weigh(fd.owner, "transit"))
    direct = land_route(s, start, end)
    mv.settle(fd.owner, "transit", path.states if path else (), direct.states if direct else ())
    if path is None:
        return None
    enemies = perm.enemies(mv.world, fd.owner)
    march = march_km_per_day(fd, rules)
    days = 0.0
    contested = 0.0
    for st, km in path.km_by_state:
        if st in enemies and mv.world.control.get(st, st) != fd.owner:
            rate = (
                rules.advance_contested_km_per_day
                if _has_forces(s, mv.world, st)
                else rules.advance_territorial_km_per_day
            )
            days += km / min(march, rate)
            contested += km
        else:
            days += km / march
    mode = "road"
    if not contested and path.km > rules.rail_min_km and fd.kind != "territorial_defence":
        rail = rules.rail_handling_days + path.km / rules.rail_km_per_day
        if rail < days:
            days, mode = rail, "rail"
    return _leg(mode, path, days)


def _has_forces(s: Scenario, world: WorldState, st: StateId) -> bool:
    return any(
        world.forces[fd.id].status is not ForceStatus.DESTROYED and fd.domain is Domain.LAND
        for fd in s.forces_by_owner.get(st, ())
    )


def _lifted(mv: Mover, fd: ForceDef, a: Location, b: Location, depart_day: float, mode: str) -> Plan | str:
    s = mv.scenario
    rules = s.rules
    pool = s.military.lift_of(fd.owner, mode)
    if pool is None or pool.tonnes_per_day <= 0:
        return f"{_name(s, fd.owner)} has no strategic {mode}lift"
    flag = "airbase" if mode == "air" else "coastal"
    embark = _gateway(mv, fd, a, flag, toward=a, outbound=True)
    land = _gateway(mv, fd, b, flag, toward=b, outbound=False)
    if embark is None or land is None:
        return f"no {'airfield' if mode == 'air' else 'port'} to {'leave' if embark is None else 'land'} from"
    legs: list[Leg] = []
    t = 0.0
    if embark[0].id != a.id:
        legs.append(embark[1])
        t += embark[1].days
    if mode == "air":
        path = _air(mv, fd.owner, embark[0].id, land[0].id)
        if path is None:
            return "no air route around the states refusing overflight"
        speed = rules.air_km_per_day
        load, staging, reception = 0.0, rules.staging_days_air, rules.air_reception_t_per_day
    else:
        path = sea_route(s, embark[0].id, land[0].id)
        if path is None:
            return "no sea route"
        speed = rules.sea_km_per_day
        load, staging, reception = rules.sea_load_days, rules.staging_days_sea, rules.sea_reception_t_per_day
    tonnes = lift_tonnes(fd, rules)
    rate = pool.tonnes_per_day * min(1.0, pool.reference_km / max(path.km, 1.0))
    pkey, rkey = f"{fd.owner}:{mode}", f"{land[0].id}:{mode}"
    assault = (land[0].administered_by or "") in perm.enemies(mv.world, fd.owner)
    if assault:  # a landing over the shore: loaded during the build-up, no port, no staging
        load, staging = 0.0, 0.0
    start = max(depart_day + t + load, mv.world.lift_free.get(pkey, 0.0))
    lifted = start + tonnes / rate
    arrive = lifted + path.km / speed
    received = arrive if assault else max(arrive, mv.world.reception_free.get(rkey, 0.0)) + tonnes / reception
    lift_days = received + staging - (depart_day + t)
    legs.append(_leg(mode, path, lift_days))
    t += lift_days
    if land[0].id != b.id:
        legs.append(land[1])
        t += land[1].days
    notes = [
        f"{tonnes:,.0f} t by {mode} at {rate:,.0f} t/day ({pool.source or 'lift pool'}); reception at {land[0].name} "
        f"{tonnes / reception:.1f} days; staging {staging:g} days"
    ]
    bookings = {"lift:" + pkey: lifted} if assault else {"lift:" + pkey: lifted, "rec:" + rkey: received}
    if assault:
        notes = [f"{tonnes:,.0f} t by {mode} at {rate:,.0f} t/day ({pool.source or 'lift pool'}); an assault landing"]
    return Plan(legs, t, bookings, notes)


def _gateway(
    mv: Mover, fd: ForceDef, here: Location, flag: str, *, toward: Location, outbound: bool
) -> tuple[Location, Leg] | None:
    """The port or airfield nearest ``here`` (here itself if it is one) with a land leg to or from it, in a
    state that lets the force pass."""
    s = mv.scenario
    if getattr(here, flag) and here.kind is not LocationKind.SEA:
        return here, Leg("road", [(here.lat, here.lon)], 0.0, 0.0)
    cands = sorted(
        (great_circle_km(here.lat, here.lon, loc.lat, loc.lon), lid, loc)
        for lid, loc in s.locations.items()
        if getattr(loc, flag) and loc.kind is not LocationKind.SEA and loc.administered_by
    )
    for km, _, loc in cands[:8]:
        if km > 1500:
            break
        if not mv.allowed(fd.owner, "transit", loc.administered_by or "", record=False):
            continue
        leg = _land_leg(mv, fd, here.id, loc.id) if outbound else _land_leg(mv, fd, loc.id, here.id)
        if leg is not None:
            return loc, leg
    return None


def _air(mv: Mover, owner: StateId, start: str, end: str) -> Path | None:
    """An air route around refusals; the states under it and under the great circle are asked (settled)."""
    s = mv.scenario
    path = air_route(s, start, end, mv.weigh(owner, "overflight"))
    direct = air_route(s, start, end)
    mv.settle(owner, "overflight", path.states if path else (), direct.states if direct else ())
    return path


def _leg(mode: str, path: Path, days: float) -> Leg:
    via = list(path.states) + list(path.passages)
    return Leg(mode, [(p[0], p[1]) for p in path.points], round(path.km, 3), round(days, 6), via)


def _name(s: Scenario, sid: StateId) -> str:
    st = s.states.get(sid)
    return st.name if st else sid


def route_states(legs: list[Leg]) -> set[str]:
    """Every state (and passage) a move's legs run through."""
    return {v for leg in legs for v in leg.via}


def estimate_days(s: Scenario, fd: ForceDef, start: str, dest: str) -> float:
    """A quick estimate (no route search): great-circle distance over its march, sea or air rate."""
    a, b = s.locations[start], s.locations[dest]
    km = great_circle_km(a.lat, a.lon, b.lat, b.lon)
    if fd.domain is Domain.SEA:
        return km * 1.3 / (fd.speed_km_per_day or s.rules.sea_km_per_day)
    if fd.domain is Domain.AIR:
        return km / s.rules.air_km_per_day
    if km > 1500 and fd.transport in (Transport.AIR, Transport.SEA):
        if fd.transport is Transport.AIR:
            return s.rules.staging_days_air + km / s.rules.air_km_per_day + 2.0
        return s.rules.sea_load_days + km * 1.3 / s.rules.sea_km_per_day + s.rules.staging_days_sea + 3.0
    return km * 1.25 / march_km_per_day(fd, s.rules)
