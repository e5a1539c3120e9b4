"""What a viewer can know of the world: the one filter of hidden information (issue 15).

A *viewer* is a set of states (a seat: one state or a team) and the states that share their intelligence with it.
:func:`world_for` returns a copy of the world holding only what that viewer could know (``docs/information-model.md``
has the table); the white cell passes ``None`` and gets the world itself. The application's ``view_for``
(:mod:`wargame.app.views`) applies it to every outbound channel; the aggressor AI is meant to read its world
through it too (see that module's note).

Default deny: a field of the world this module does not name is reset to its default for every viewer but the white
cell, so a field added later stays hidden until someone decides it is public.

Detection (simplified on purpose: no sensors, weather or deception): a foreign force is seen when it stands within
``radius_km`` of a place the viewer's states hold, or of one of their (or a sharing ally's) forces; it is then seen
where it is, how ready and how strong, never its orders (destination, mission, departure and arrival).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields, replace
from typing import Any

from .enums import ForceStatus
from .geo import great_circle_km
from .model import Scenario
from .world import CrisisState, ForceState, NationState, WorldState

FORCE_SEEN = frozenset({"id", "status", "location", "strength"})
"""What a viewer sees of a detected foreign force; every other field is reset to its default."""

NATION_PUBLIC = frozenset(
    {
        "id",
        "support",
        "support_terms",
        "casualties",
        "killed",
        "recent_losses",
        "responses",
        "exhausted",
        "approved",
        "refused",
        "gdp_change_pct",
    }
)
"""What everyone sees of a state: its polls and what moves them, its losses, its public stances, whether its budget is
exhausted, the votes its legislature has taken. The rest (budget detail, the legislature's schedule, pending
supplementals, expected success) is private to the state and the allies that share with it."""

WORLD_PUBLIC = frozenset(
    {
        "turn",
        "attacks",
        "forces",
        "nations",
        "control",
        "verdicts",
        "collectives",
        "ended",
        "end_reason",
        "next_attack",
        "overrides",
        "sanctions",
    }
)
"""World fields everyone sees (forces and nations filtered further; the white cell's standing rulings, which explain
outcomes everyone sees; sanctions packages, public acts); ``crisis`` is filtered field by field."""

WORLD_BY_STATE = frozenset({"lift_free", "munitions", "territorial", "nuclear", "permissions", "reception_free"})
"""World fields kept entry by entry for the states whose private facts the viewer sees: a state's lift pools,
munitions stocks, territorial defence and nuclear alert (its posture changes are public events); the permission
decisions it gave or got; the reception capacity of the places it holds."""

WORLD_WHITE = frozenset({"ai", "white_cell", "script"})
"""World fields only the white cell sees: the aggressor AI's memory and plan, the decisions handed to the white cell
(a nuclear threshold crossed), the scenario's injects it rescheduled, held back or skipped (the MSEL). Every world field is in one of :data:`WORLD_PUBLIC`, ``crisis``,
:data:`WORLD_BY_STATE` or this list (``tests/engine/test_visibility.py``): a new field must be classified, and until
it is, it is withheld (default deny)."""

NATION_PRIVATE = frozenset(
    {
        "budget_musd",
        "budget_terms",
        "spent_musd",
        "supplemental_musd",
        "approvals",
        "supplemental_pending",
        "expected_success",
        "attack_killed",
    }
)
"""A state's facts for itself and the allies that share with it (withheld from others by :func:`world_for`)."""

FORCE_ORDERS = frozenset(
    {
        "destination",
        "ready_turn",
        "depart_turn",
        "arrive_turn",
        "depart_day",
        "arrive_day",
        "legs",
        "engage",
        "engaged_days",
        "mission",
        "release",
        "losses",
    }
)
"""A force's orders and its own bookkeeping: its owner's (and sharing allies'), never shown for a detected force."""

CRISIS_PUBLIC = frozenset({"council", "reports", "measures", "judgements", "standing", "meetings", "rallied"})
"""The Security Council, Art 51 reports, measures, judgements, standing and meetings are public; the domestic legal
clocks (``legal``) are private to their state."""


@dataclass(frozen=True)
class Viewer:
    """Who is looking: the states a seat plays and the states that share their intelligence with it."""

    states: frozenset[str] = frozenset()
    shares: frozenset[str] = frozenset()

    @property
    def private(self) -> frozenset[str]:
        """The states whose private facts this viewer sees."""
        return self.states | self.shares


@dataclass
class Hidden:
    """What :func:`world_for` withheld, so a client can say "hidden" instead of showing a default as a fact."""

    fields: dict[str, list[str]] = field(default_factory=dict)

    def add(self, where: str, names: Iterable[str]) -> None:
        names = sorted(names)
        if names:
            self.fields.setdefault(where, []).extend(n for n in names if n not in self.fields.get(where, []))


def _default(f: dataclasses.Field[Any]) -> Any:
    if f.default is not dataclasses.MISSING:
        return f.default
    if f.default_factory is not dataclasses.MISSING:
        return f.default_factory()
    raise LookupError(f.name)


def _blank(value: Any) -> Any:
    """What a withheld field without a default shows: the empty value of its kind (0, "", []); LookupError for a
    value of another kind (kept: an object's identity)."""
    if isinstance(value, (bool, int, float, str, list, dict, tuple)):
        return type(value)()
    raise LookupError(type(value).__name__)


_WITHHELD: dict[tuple[type, frozenset[str]], list[dataclasses.Field[Any]]] = {}


def _withheld(cls: type, public: frozenset[str]) -> list[dataclasses.Field[Any]]:
    """The fields of ``cls`` outside ``public`` (worked out once per class: a view of a turn asks thousands of times)."""
    key = (cls, public)
    out = _WITHHELD.get(key)
    if out is None:
        out = _WITHHELD[key] = [f for f in fields(cls) if f.name not in public]
    return out


def _keep(obj: Any, public: frozenset[str], hidden: Hidden, where: str) -> Any:
    """A copy of the dataclass ``obj`` with every field outside ``public`` reset to its default, or, for a field
    without one (a state's budget), to the empty value of its kind; :class:`Hidden` names what was withheld so that
    a client shows "not known" rather than the blank as a fact."""
    changes: dict[str, Any] = {}
    dropped: list[str] = []
    for f in _withheld(type(obj), public):
        value = getattr(obj, f.name)
        try:
            default = _default(f)
        except LookupError:
            try:
                default = _blank(value)
            except LookupError:
                continue
        if value != default:
            dropped.append(f.name)
            changes[f.name] = default
    hidden.add(where, dropped)
    return replace(obj, **changes) if changes else obj


def eyes(scenario: Scenario, world: WorldState, states: frozenset[str]) -> list[tuple[float, float]]:
    """Where ``states`` can see from: the places they hold and the places their forces stand."""
    s = scenario
    points = {
        (s.locations[lid].lat, s.locations[lid].lon)
        for lid, holder in world.control.items()
        if holder in states and lid in s.locations
    }
    for sid in sorted(states):
        for fd in s.forces_by_owner.get(sid, ()):
            fs = world.forces.get(fd.id)
            if fs is None or fs.status is ForceStatus.DESTROYED or fs.location not in s.locations:
                continue
            loc = s.locations[fs.location]
            points.add((loc.lat, loc.lon))
    return sorted(points)


def detected(scenario: Scenario, world: WorldState, states: frozenset[str], radius_km: float) -> set[str]:
    """Foreign forces (not destroyed) standing within ``radius_km`` of what ``states`` hold or where their forces
    are; the one detection rule of seats' views (and of the aggressor AI's, with its own radius)."""
    seen_from = eyes(scenario, world, states)
    out: set[str] = set()
    near: dict[str, bool] = {}
    for fd in scenario.forces:
        if fd.owner in states:
            continue
        fs = world.forces.get(fd.id)
        if fs is None or fs.status is ForceStatus.DESTROYED or fs.location not in scenario.locations:
            continue
        hit = near.get(fs.location)
        if hit is None:
            loc = scenario.locations[fs.location]
            hit = near[fs.location] = any(
                great_circle_km(la, lo, loc.lat, loc.lon) <= radius_km for la, lo in seen_from
            )
        if hit:
            out.add(fd.id)
    return out


def world_for(scenario: Scenario, world: WorldState, viewer: Viewer | None) -> tuple[WorldState, Hidden]:
    """The world as ``viewer`` may know it, and what was withheld; ``None`` (the white cell): the world itself."""
    hidden = Hidden()
    if viewer is None:
        return world, hidden
    private = viewer.private
    owner = {fd.id: fd.owner for fd in scenario.forces}
    seen = detected(scenario, world, private, scenario.rules.sensor_radius_km)
    forces: dict[str, ForceState] = {}
    for fid, fs in world.forces.items():
        if owner.get(fid) in private:
            forces[fid] = fs
        elif fid in seen:
            forces[fid] = _keep(fs, FORCE_SEEN, hidden, f"forces.{fid}")
    unseen = len(world.forces) - len(forces)
    if unseen:
        hidden.add("world", ["forces not detected"])
    nations: dict[str, NationState] = {}
    for sid, n in world.nations.items():
        nations[sid] = n if sid in private else _keep(n, NATION_PUBLIC, hidden, f"nations.{sid}")
    crisis = _keep(world.crisis, CRISIS_PUBLIC, Hidden(), "crisis")
    legal = {k: v for k, v in world.crisis.legal.items() if v.state in private}
    if len(legal) != len(world.crisis.legal):
        hidden.add("crisis", ["legal"])
    crisis = replace(crisis, legal=legal) if isinstance(crisis, CrisisState) else crisis
    by_state = _by_state(scenario, world, private, hidden)
    out = _keep(world, WORLD_PUBLIC | {"crisis"} | WORLD_BY_STATE, hidden, "world")
    return replace(out, forces=forces, nations=nations, crisis=crisis, **by_state), hidden


def _by_state(scenario: Scenario, world: WorldState, private: frozenset[str], hidden: Hidden) -> dict[str, Any]:
    """The :data:`WORLD_BY_STATE` fields, each holding only the entries of ``private`` states."""

    def held(place: str) -> bool:
        loc = scenario.locations.get(place)
        return world.control.get(place, loc.administered_by if loc else None) in private

    keep: dict[str, Callable[[str, Any], bool]] = {
        "lift_free": lambda k, _v: k.split(":")[0] in private,
        "munitions": lambda k, _v: k.split(":")[0] in private,
        "territorial": lambda k, _v: k in private,
        "nuclear": lambda k, _v: k in private,
        "permissions": lambda _k, v: v.grantor in private or v.beneficiary in private,
        "reception_free": lambda k, _v: held(k.split(":")[0]),
    }
    out: dict[str, Any] = {}
    for name, ok in keep.items():
        full = getattr(world, name)
        out[name] = {k: v for k, v in full.items() if ok(k, v)}
        if len(out[name]) != len(full):
            hidden.add("world", [name])
    return out
