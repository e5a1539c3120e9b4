"""Routes: land over states that let a force pass, sea along shipping lanes, air on great circles around states
that refuse overflight.

* **Land**: a search over the scenario's places on land (A*, great-circle distance as the heuristic); a step
  joins two places at most ``LAND_STEP_KM`` apart whose straight line stays on land (Natural Earth 1:110m
  outlines) and crosses only states the mover may cross. Each step records the kilometres in each state.
* **Sea**: the ``searoute`` package's maritime network (offline; shortest path along real shipping lanes),
  with straits closed as their regime requires (Montreux: ``bosporus``).
* **Air**: the great circle if every state under it consents; otherwise the shortest chain of waypoints (sea
  areas and places of consenting states) whose legs cross no refusing state.

A route is computed when a force leaves; the world stores it (:class:`~wargame.engine.world.Leg`) for the map.
Point-in-state tests are memoised per 0.1° cell for the scenario's outlines.
"""

from __future__ import annotations

import functools
import heapq
import math
import warnings
from collections.abc import Callable
from dataclasses import dataclass

from .enums import LocationKind, StateId
from .geo import great_circle_km
from .model import Location, Scenario

LAND_STEP_KM = 800.0
"""Longest straight step of a land route between two places (assumption: roads follow such lines closely
enough at this scale)."""
AIR_STEP_KM = 4000.0
"""Longest leg of an air detour (assumption)."""
SAMPLE_KM = 25.0
"""Spacing of the points tested along a land line."""
AIR_SAMPLE_KM = 50.0
"""… along an air line."""
SEA_GAP_KM = 40.0
"""A land line may leave the (coarse) outlines for this long, near a coast or a river, and still be on land."""

Allowed = Callable[[StateId], bool]


@dataclass(frozen=True)
class Path:
    """A route found: its points, length and the kilometres it runs in each state (land and air) or the
    passages it uses (sea)."""

    points: tuple[tuple[float, float], ...]
    km: float
    km_by_state: tuple[tuple[StateId, float], ...] = ()
    passages: tuple[str, ...] = ()

    @property
    def states(self) -> tuple[StateId, ...]:
        return tuple(s for s, _ in self.km_by_state)


# ------------------------------------------------------------------------------------------
# Lines and states
# ------------------------------------------------------------------------------------------


def interpolate(a: tuple[float, float], b: tuple[float, float], n: int) -> list[tuple[float, float]]:
    """n+1 points along the great circle from a to b (lat, lon)."""
    la1, lo1, la2, lo2 = (math.radians(x) for x in (*a, *b))
    v1 = (math.cos(la1) * math.cos(lo1), math.cos(la1) * math.sin(lo1), math.sin(la1))
    v2 = (math.cos(la2) * math.cos(lo2), math.cos(la2) * math.sin(lo2), math.sin(la2))
    dot = max(-1.0, min(1.0, sum(p * q for p, q in zip(v1, v2, strict=True))))
    ang = math.acos(dot)
    out = []
    for i in range(n + 1):
        t = i / max(n, 1)
        if ang < 1e-9:
            out.append(a)
            continue
        wa, wb = math.sin((1 - t) * ang) / math.sin(ang), math.sin(t * ang) / math.sin(ang)
        x, y, z = (wa * p + wb * q for p, q in zip(v1, v2, strict=True))
        out.append((math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x))))
    return out


class _Cells:
    """Which state holds a point, memoised per 0.1° cell (the scenario's outlines are fixed)."""

    def __init__(self, scenario: Scenario) -> None:
        self.mil = scenario.military
        self.memo: dict[tuple[int, int, int], StateId] = {}

    def state_at(self, lat: float, lon: float, per_degree: int = 10) -> StateId:
        key = (round(lat * per_degree), round(lon * per_degree), per_degree)
        hit = self.memo.get(key)
        if hit is None:
            states = self.mil.states_at(key[0] / per_degree, key[1] / per_degree)
            hit = self.memo[key] = states[0] if states else ""
        return hit


def _cells(scenario: Scenario) -> _Cells:
    cache = scenario.route_cache
    cells = cache.get("cells")
    if cells is None:
        cells = cache["cells"] = _Cells(scenario)
    assert isinstance(cells, _Cells)
    return cells


def line_states(
    scenario: Scenario, a: Location, b: Location, *, land: bool, step_km: float = 25.0
) -> tuple[list[tuple[StateId, float]], bool, list[tuple[float, float]]]:
    """The states a straight line from a to b crosses, with the km in each; whether it stays on land (only
    asked for land lines); and its sample points. The ends count as their administering states."""
    km = great_circle_km(a.lat, a.lon, b.lat, b.lon)
    n = max(1, int(km / step_km))
    pts = interpolate((a.lat, a.lon), (b.lat, b.lon), n)
    if not scenario.military.territories:  # a world built without outlines: the ends' states, half each
        ends = [x for x in dict.fromkeys([a.administered_by or "", b.administered_by or ""]) if x]
        sea = LocationKind.SEA in (a.kind, b.kind)
        return [(x, km / len(ends)) for x in ends], not sea, pts
    cells = _cells(scenario)
    seg = km / n
    per_degree = 10 if land else 4
    owners: list[StateId] = []
    for i, (lat, lon) in enumerate(pts):
        s = cells.state_at(lat, lon, per_degree)
        if not s and i == 0:
            s = a.administered_by or ""
        if not s and i == n:
            s = b.administered_by or ""
        owners.append(s)
    on_land = True
    if land:  # fill short gaps (coarse coasts and rivers) with the neighbouring state; a long one is sea
        gap = 0
        for i, s in enumerate(owners):
            if s:
                gap = 0
                continue
            gap += 1
            if gap * seg > SEA_GAP_KM:
                on_land = False
                break
            owners[i] = next((o for o in owners[i:] if o), owners[i - 1] if i else "")
    km_by: dict[StateId, float] = {}
    order: list[StateId] = []
    for i in range(1, len(owners)):
        s = owners[i] or owners[i - 1]
        if not s:
            continue
        if s not in km_by:
            order.append(s)
            km_by[s] = 0.0
        km_by[s] += seg
    return [(s, km_by[s]) for s in order], on_land, pts


# ------------------------------------------------------------------------------------------
# Land
# ------------------------------------------------------------------------------------------


def _land_nodes(scenario: Scenario) -> list[Location]:
    cache = scenario.route_cache
    nodes = cache.get("land_nodes")
    if nodes is None:
        nodes = cache["land_nodes"] = [
            loc for _, loc in sorted(scenario.locations.items()) if loc.kind is not LocationKind.SEA
        ]
    assert isinstance(nodes, list)
    return nodes


def _edge(
    scenario: Scenario, a: Location, b: Location
) -> tuple[list[tuple[StateId, float]], bool, list[tuple[float, float]]]:
    cache: dict[tuple[str, str], tuple[list[tuple[StateId, float]], bool, list[tuple[float, float]]]]
    cache = scenario.route_cache.setdefault("land_edges", {})
    key = (a.id, b.id)
    hit = cache.get(key)
    if hit is None:
        hit = cache[key] = line_states(scenario, a, b, land=True)
    return hit


def _remembered(
    scenario: Scenario, kind: str, start: str, end: str, allowed: Allowed, search: Callable[[Allowed], Path | None]
) -> Path | None:
    """``search(allowed)``, reusing the last route found between the same places while every state it crosses
    still lets it pass and every state it went around still refuses."""
    memo = scenario.route_cache.setdefault(kind, {})
    assert isinstance(memo, dict)
    hit = memo.get((start, end))
    if hit is not None:
        path, refusers = hit
        if (path is None or all(allowed(s) for s in path.states)) and not any(allowed(r) for r in refusers):
            return path  # type: ignore[no-any-return]
    refused: set[StateId] = set()

    def watch(state: StateId) -> bool:
        ok = allowed(state)
        if not ok:
            refused.add(state)
        return ok

    path = search(watch)
    memo[(start, end)] = (path, frozenset(refused))
    return path


def land_route(scenario: Scenario, start: str, end: str, allowed: Allowed | None = None) -> Path | None:
    """The shortest chain of land steps from ``start`` to ``end`` crossing only ``allowed`` states (None if
    there is none); without ``allowed``, the shortest over any state (memoised apart)."""
    if allowed is None:
        return _remembered(scenario, "land_free", start, end, _any, lambda ok: _land_search(scenario, start, end, ok))
    return _remembered(scenario, "land_memo", start, end, allowed, lambda ok: _land_search(scenario, start, end, ok))


def _any(state: StateId) -> bool:
    return True


def _land_search(scenario: Scenario, start: str, end: str, allowed: Allowed) -> Path | None:
    locs = scenario.locations
    a, b = locs[start], locs[end]
    if start == end:
        return Path(((a.lat, a.lon),), 0.0)
    nodes = _land_nodes(scenario)
    if not scenario.military.territories:  # no outlines: the direct line, if its two states allow it
        states, on_land, _ = _edge(scenario, a, b)
        if on_land and all(allowed(s) for s, _ in states):
            return _join(scenario, [start, end])

    def step(h: Location, nxt: Location) -> bool:
        states, on_land, _ = _edge(scenario, h, nxt)
        return on_land and all(allowed(s) for s, _ in states)

    reach = LAND_STEP_KM if scenario.military.territories else math.inf  # no outlines: any two places connect
    near_memo: dict[str, list[tuple[Location, float]]] = scenario.route_cache.setdefault("land_near", {})

    def near(h: Location) -> list[tuple[Location, float]]:
        hit = near_memo.get(h.id)
        if hit is None:
            hit = near_memo[h.id] = _near(h, nodes, reach)
        return hit

    came = _lazy_astar(locs, start, end, nodes, reach, step, near)
    if came is None:
        return None
    chain = [end]
    while chain[-1] != start:
        chain.append(came[chain[-1]])
    chain.reverse()
    return _join(scenario, chain)


def _near(h: Location, nodes: list[Location], reach_km: float) -> list[tuple[Location, float]]:
    """The nodes one step from ``h`` (farther than 1 m, at most ``reach_km``) with their distance, in ``nodes``'
    order."""
    out = []
    for nxt in nodes:
        d = great_circle_km(h.lat, h.lon, nxt.lat, nxt.lon)
        if d > reach_km or d < 1e-6:
            continue
        out.append((nxt, d))
    return out


def _lazy_astar(
    locs: dict[str, Location],
    start: str,
    end: str,
    nodes: list[Location],
    reach_km: float,
    step: Callable[[Location, Location], bool],
    near: Callable[[Location], list[tuple[Location, float]]] | None = None,
) -> dict[str, str] | None:
    """A* over ``nodes`` (steps of at most ``reach_km``), checking a step only when it is popped: the route
    search tests few lines. Returns each reached node's predecessor, or None if ``end`` is out of reach.

    ``near`` gives a node's neighbours with their distances (a memo of :func:`_near` over the same ``nodes``: the
    land graph is fixed for a scenario, so it is worked out once per node instead of once per search)."""
    b = locs[end]
    frontier: list[tuple[float, float, str, str]] = [
        (great_circle_km(locs[start].lat, locs[start].lon, b.lat, b.lon), 0.0, start, "")
    ]
    came: dict[str, str] = {}
    done: set[str] = set()
    to_end: dict[str, float] = {}
    while frontier:
        _, g, here, parent = heapq.heappop(frontier)
        if here in done:
            continue
        if parent and not step(locs[parent], locs[here]):
            continue
        done.add(here)
        if parent:
            came[here] = parent
        if here == end:
            return came
        h = locs[here]
        for nxt, d in near(h) if near is not None else _near(h, nodes, reach_km):
            if nxt.id in done:
                continue
            rest = to_end.get(nxt.id)
            if rest is None:
                rest = to_end[nxt.id] = great_circle_km(nxt.lat, nxt.lon, b.lat, b.lon)
            heapq.heappush(frontier, (g + d + rest, g + d, nxt.id, here))
    return None


def _join(scenario: Scenario, chain: list[str]) -> Path:
    pts: list[tuple[float, float]] = []
    km_by: dict[StateId, float] = {}
    order: list[StateId] = []
    total = 0.0
    for x, y in zip(chain, chain[1:], strict=False):
        a, b = scenario.locations[x], scenario.locations[y]
        states, _, line = _edge(scenario, a, b)
        for s, k in states:
            if s not in km_by:
                order.append(s)
                km_by[s] = 0.0
            km_by[s] += k
        total += great_circle_km(a.lat, a.lon, b.lat, b.lon)
        pts.extend(line if not pts else line[1:])
    return Path(_thin(pts), total, tuple((s, km_by[s]) for s in order))


def _thin(pts: list[tuple[float, float]], most: int = 40) -> tuple[tuple[float, float], ...]:
    """At most ``most`` points (the ends kept), rounded to 0.001°, for the world and the map."""
    if len(pts) > most:
        step = (len(pts) - 1) / (most - 1)
        pts = [pts[round(i * step)] for i in range(most)]
    return tuple((round(la, 3), round(lo, 3)) for la, lo in pts)


# ------------------------------------------------------------------------------------------
# Air
# ------------------------------------------------------------------------------------------


def air_route(scenario: Scenario, start: str, end: str, allowed: Allowed | None = None) -> Path | None:
    """The great circle if every state under it is ``allowed``, else the shortest detour by waypoints; without
    ``allowed``, the great circle."""
    if allowed is None:
        return _remembered(scenario, "air_free", start, end, _any, lambda ok: _air_search(scenario, start, end, ok))
    return _remembered(scenario, "air_memo", start, end, allowed, lambda ok: _air_search(scenario, start, end, ok))


def _air_search(scenario: Scenario, start: str, end: str, allowed: Allowed) -> Path | None:
    locs = scenario.locations
    a, b = locs[start], locs[end]
    direct = _air_leg(scenario, a, b)
    if all(allowed(s) for s, _ in direct[0]):
        return Path(_thin(direct[1]), great_circle_km(a.lat, a.lon, b.lat, b.lon), tuple(direct[0]))
    ends = {a.administered_by, b.administered_by}
    ways = [  # over the sea, or over the end states' own places: no state is asked only for a waypoint
        loc
        for _, loc in sorted(locs.items())
        if loc.kind is LocationKind.SEA or (loc.coastal and loc.administered_by in ends)
    ]
    if b not in ways:
        ways.append(b)

    def leg_ok(h: Location, nxt: Location) -> bool:
        return all(allowed(s) for s, _ in _air_leg(scenario, h, nxt)[0])

    came = _lazy_astar(locs, start, end, ways, AIR_STEP_KM, leg_ok)
    if came is None:
        return None
    chain = [end]
    while chain[-1] != start:
        chain.append(came[chain[-1]])
    chain.reverse()
    total = sum(
        great_circle_km(locs[x].lat, locs[x].lon, locs[y].lat, locs[y].lon)
        for x, y in zip(chain, chain[1:], strict=False)
    )
    pts: list[tuple[float, float]] = []
    km_by: dict[StateId, float] = {}
    for x, y in zip(chain, chain[1:], strict=False):
        states, line = _air_leg(scenario, locs[x], locs[y])
        for s, k in states:
            km_by[s] = km_by.get(s, 0.0) + k
        pts.extend(line if not pts else line[1:])
    return Path(_thin(pts), total, tuple(km_by.items()))


def _air_leg(
    scenario: Scenario, a: Location, b: Location
) -> tuple[list[tuple[StateId, float]], list[tuple[float, float]]]:
    cache: dict[tuple[str, str], tuple[list[tuple[StateId, float]], list[tuple[float, float]]]]
    cache = scenario.route_cache.setdefault("air_edges", {})
    key = (a.id, b.id)
    hit = cache.get(key)
    if hit is None:
        states, _, pts = line_states(scenario, a, b, land=False, step_km=AIR_SAMPLE_KM)
        hit = cache[key] = (states, pts)
    return hit


# ------------------------------------------------------------------------------------------
# Sea
# ------------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=4096)
def _sea(a: tuple[float, float], b: tuple[float, float], closed: tuple[str, ...]) -> Path | None:
    import searoute  # type: ignore[import-untyped]  # the maritime network loads on first use

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        feat = searoute.searoute(
            [a[1], a[0]], [b[1], b[0]], units="km", restrictions=["northwest", *closed], return_passages=True
        )
    km = float(feat["properties"]["length"])
    coords = feat["geometry"]["coordinates"]
    if km <= 0 and great_circle_km(*a, *b) > 50:
        return None
    pts = [a] + [(float(lat), float(lon)) for lon, lat in coords] + [b]
    return Path(_thin(pts), km, (), tuple(feat["properties"].get("traversed_passages", ())))


def sea_route(scenario: Scenario, start: str, end: str, closed: tuple[str, ...] = ()) -> Path | None:
    """The shortest sea lane from ``start`` to ``end`` with the ``closed`` passages avoided (None if none)."""
    a, b = scenario.locations[start], scenario.locations[end]
    return _sea((a.lat, a.lon), (b.lat, b.lon), tuple(sorted(closed)))
