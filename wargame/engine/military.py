"""The scenario's military facts beyond forces: theatres, the aggressors' plans, transit and basing policies,
straits, strategic lift, munitions, nuclear doctrines, territorial-defence estimates and the states' land
outlines (for land and air routes). Frozen; built by :mod:`wargame.scenario` from the packs.

Every number here comes from a pack record that names its source or says it is an assumption.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, field

from .enums import LocationId, StateId
from .geo import point_in_polygon

Box = tuple[float, float, float, float]
"""(lat_min, lat_max, lon_min, lon_max)."""


def in_box(box: Box, lat: float, lon: float) -> bool:
    return box[0] <= lat <= box[1] and box[2] <= lon <= box[3]


@dataclass(frozen=True)
class Theatre:
    """A region of operations: forces belong to one, the aggressor's plan is limited to one."""

    id: str
    name: str
    boxes: tuple[Box, ...]
    note: str = ""

    def contains(self, lat: float, lon: float) -> bool:
        return any(in_box(b, lat, lon) for b in self.boxes)


@dataclass(frozen=True)
class Stage:
    """One stage of an aggressor's plan: the places to take, and the day by which it means to."""

    objectives: tuple[LocationId, ...]
    by_day: float
    label: str = ""
    main: bool = False
    """Taking one of these places is the plan's main objective (RAND: Tallinn or Riga)."""


@dataclass(frozen=True)
class Plan:
    """An aggressor's plan for the scenario: whom it may attack (only inside ``theatre``), its stages in order,
    and when it stops to negotiate."""

    state: StateId
    theatre: str
    targets: tuple[StateId, ...]
    stages: tuple[Stage, ...]
    stop_heavy_brigades: int = 7
    """It stops (and offers to negotiate) when this many allied brigades stand in the theatre (RAND RR-1253-A:
    about seven, three heavy)."""
    stop_losses: float = 0.3
    """… or when it has lost this share of the forces it committed (assumption)."""
    stop_day: float = 10.0
    """… or when the main objective is not reached by this day (assumption)."""
    source: str = ""


@dataclass(frozen=True)
class TransitPolicy:
    """How a state answers requests to cross its land, fly over it or use its bases."""

    state: StateId
    policy: str
    """``neutral`` (refuses belligerents: Hague V Art 2), ``consult`` (a host that must be consulted before
    combat operations from its bases), ``closed`` (refuses every foreign military move)."""
    consult_days: float = 0.0
    """For ``consult``: the most days the consultation may take (drawn per game)."""
    refuse_share: float = 0.0
    """For ``consult``: the chance it refuses combat operations from its bases that are not in its own defence."""
    note: str = ""
    source: str = ""


@dataclass(frozen=True)
class Strait:
    """A strait with a regime of its own (Montreux for the Turkish Straits)."""

    id: str
    name: str
    controller: StateId
    passage: str
    """The sea-lane network's name for it (``bosporus``)."""
    regime: str
    """``montreux`` (Arts 19-21: belligerents' warships do not pass while the controller is neutral)."""
    basin: tuple[StateId, ...] = ()
    """States of the enclosed sea (Black Sea powers under Montreux)."""
    lat: float = 0.0
    lon: float = 0.0
    source: str = ""


@dataclass(frozen=True)
class LiftPool:
    """A state's strategic lift: tonnes a day it can move by air or sea over ``reference_km``."""

    state: StateId
    mode: str
    """``air`` or ``sea``."""
    tonnes_per_day: float
    reference_km: float
    """Distance at which the rate holds; longer trips move proportionally less a day (fewer sorties)."""
    source: str = ""


@dataclass(frozen=True)
class Stock:
    """A state's stock of one munitions pool, and how fast industry refills it."""

    state: StateId
    pool: str
    """``artillery``, ``interceptors``, ``strike`` (long-range precision) or ``antiship``."""
    stock: float
    production_per_day: float
    unit_cost_musd: float
    source: str = ""


@dataclass(frozen=True)
class NuclearDoctrine:
    """A nuclear power's declared posture: its thresholds and what it signals."""

    state: StateId
    thresholds: tuple[str, ...]
    """Codes of the conditions that cross its threshold: ``homeland_invaded`` (enemy ground forces on its or an
    ally's listed territory), ``homeland_struck``, ``nuclear_use``, ``regime_threat``."""
    protects: tuple[StateId, ...] = ()
    """Territory it counts as its own for ``homeland_invaded`` (Belarus for Russia since 2024)."""
    signals: bool = True
    """It raises its alert to deter a counter-offensive once at war (RAND's 'bad options')."""
    doctrine: str = ""
    source: str = ""


@dataclass(frozen=True)
class Territorial:
    """A territorial-defence estimate for a state whose formed units the pack does not list."""

    state: StateId
    personnel: int
    source: str = ""


@dataclass(frozen=True)
class Union:
    """A body that adopts sanctions together (the EU: unanimity, TEU Arts 24(1), 31(1))."""

    id: str
    name: str
    treaty: str
    """The treaty whose parties are its members."""
    rule: str = "unanimity"
    lag_days: float = 2.0
    """Days a package takes when nobody holds out."""
    holdout_days: float = 35.0
    """Days it takes when a member holds out (18th and 19th packages: about five weeks)."""
    source: str = ""


@dataclass(frozen=True)
class Territory:
    """A state's land outline (Natural Earth 1:110m), as (lat, lon) rings, for land and air routes."""

    state: StateId
    rings: tuple[tuple[tuple[float, float], ...], ...]
    boxes: tuple[Box, ...]

    def contains(self, lat: float, lon: float) -> bool:
        return any(
            in_box(b, lat, lon) and point_in_polygon(lat, lon, r) for b, r in zip(self.boxes, self.rings, strict=False)
        )


@dataclass(frozen=True)
class Military:
    """All the military facts of a scenario beyond its forces."""

    theatres: tuple[Theatre, ...] = ()
    plans: tuple[Plan, ...] = ()
    transit: tuple[TransitPolicy, ...] = ()
    straits: tuple[Strait, ...] = ()
    lift: tuple[LiftPool, ...] = ()
    munitions: tuple[Stock, ...] = ()
    nuclear: tuple[NuclearDoctrine, ...] = ()
    territorial: tuple[Territorial, ...] = ()
    unions: tuple[Union, ...] = ()
    territories: tuple[Territory, ...] = field(default=(), repr=False)

    @functools.cached_property
    def plan_of(self) -> dict[StateId, Plan]:
        return {p.state: p for p in self.plans}

    @functools.cached_property
    def transit_of(self) -> dict[StateId, TransitPolicy]:
        return {t.state: t for t in self.transit}

    @functools.cached_property
    def theatre_by_id(self) -> dict[str, Theatre]:
        return {t.id: t for t in self.theatres}

    @functools.cached_property
    def territory_of(self) -> dict[StateId, Territory]:
        return {t.state: t for t in self.territories}

    @functools.cached_property
    def nuclear_of(self) -> dict[StateId, NuclearDoctrine]:
        return {n.state: n for n in self.nuclear}

    @functools.cached_property
    def territorial_of(self) -> dict[StateId, Territorial]:
        return {t.state: t for t in self.territorial}

    def lift_of(self, state: StateId, mode: str) -> LiftPool | None:
        for p in self.lift:
            if p.state == state and p.mode == mode:
                return p
        return None

    def theatre_at(self, lat: float, lon: float) -> str:
        """The id of the first theatre that contains the point ('' if none)."""
        for t in self.theatres:
            if t.contains(lat, lon):
                return t.id
        return ""

    @functools.cached_property
    def _grid(self) -> dict[tuple[int, int], tuple[tuple[StateId, tuple[tuple[float, float], ...], Box], ...]]:
        """1° cells → the outline rings whose box touches the cell (an index for :meth:`states_at`)."""
        grid: dict[tuple[int, int], list[tuple[StateId, tuple[tuple[float, float], ...], Box]]] = {}
        for t in self.territories:
            for ring, box in zip(t.rings, t.boxes, strict=False):
                for la in range(math.floor(box[0]), math.floor(box[1]) + 1):
                    for lo in range(math.floor(box[2]), math.floor(box[3]) + 1):
                        grid.setdefault((la, lo), []).append((t.state, ring, box))
        return {k: tuple(v) for k, v in grid.items()}

    def states_at(self, lat: float, lon: float) -> list[StateId]:
        """The states whose land outline contains the point."""
        out: list[StateId] = []
        for state, ring, box in self._grid.get((math.floor(lat), math.floor(lon)), ()):
            if state not in out and in_box(box, lat, lon) and point_in_polygon(lat, lon, ring):
                out.append(state)
        return out
