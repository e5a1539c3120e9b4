"""What a map shows, described without Qt: country outlines, fills and patterns, markers, arrows, legend, view.

:class:`MapPicture` is the whole description of one map. The desktop application's map widget and the
report's map images both hand a picture to the one QPainter renderer, :mod:`wargame.render.map`, so the
two draw the same map. Country outlines are Natural Earth 1:110m countries (``assets/map/countries.geojson``,
built by ``tools/build_map.py``) in an equirectangular projection: x = lon, y = -lat (degrees).
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, get_args

from wargame.app import palette

__all__ = [
    "DEFAULT_GEOJSON",
    "MARKER_KINDS",
    "AFFILIATIONS",
    "GLYPHS",
    "PATTERNS",
    "PRESETS",
    "Arrow",
    "CountryOutline",
    "LegendEntry",
    "MapDataError",
    "MapPicture",
    "Marker",
    "great_circle",
    "load_outlines",
    "split_at_antimeridian",
]

#: The bundled map file (built by ``tools/build_map.py``).
DEFAULT_GEOJSON = Path(__file__).resolve().parents[2] / "assets" / "map" / "countries.geojson"

#: Named views: (lat_min, lat_max, lon_min, lon_max).  Longitudes may pass +180 (Russia and Fiji reach ~190).
PRESETS: dict[str, tuple[float, float, float, float]] = {
    "World": (-58.0, 84.0, -180.0, 192.0),
    "Europe": (34.0, 71.5, -25.0, 45.0),
    "North Atlantic": (15.0, 80.0, -110.0, 40.0),
    "Indo-Pacific": (-48.0, 55.0, 60.0, 190.0),
    "East Asia": (15.0, 55.0, 100.0, 150.0),
}

MarkerKind = Literal["place", "state", "control", "force", "attack"]
MARKER_KINDS: tuple[str, ...] = get_args(MarkerKind)
"""Marker kinds, lowest first: a place's control ring over the place, forces over it, attacks on top of all (their
labels are placed first too)."""

Affiliation = Literal["", "friend", "hostile", "neutral", "unknown"]
AFFILIATIONS: tuple[str, ...] = get_args(Affiliation)[1:]
"""A force's standard identity (APP-6 / MIL-STD-2525) from the viewpoint of the seat or the facilitator."""

Pattern = Literal["solid", "hatch", "backhatch", "crosshatch", "horizontal", "vertical", "stipple"]
PATTERNS: tuple[str, ...] = get_args(Pattern)
"""Fill patterns laid over the fill colour, so that fills read apart in grey print too: ``hatch`` (/),
``backhatch`` (\\), ``crosshatch`` (x), ``horizontal`` and ``vertical`` lines, ``stipple`` (dots)."""

Glyph = Literal["", "place", "state", "attack", "force", "arrow", "control", "friend", "hostile", "neutral", "unknown"]
GLYPHS: tuple[str, ...] = get_args(Glyph)


class MapDataError(Exception):
    """The map file is missing or malformed (one-line message)."""


# --- Geometry --------------------------------------------------------------------------------------


def great_circle(
    start: tuple[float, float], end: tuple[float, float], step_deg: float = 2.0
) -> list[tuple[float, float]]:
    """Points (lat, lon) along the shorter great circle from ``start`` to ``end``, longitudes in [-180, 180)."""

    def vec(lat: float, lon: float) -> tuple[float, float, float]:
        la, lo = math.radians(lat), math.radians(lon)
        return math.cos(la) * math.cos(lo), math.cos(la) * math.sin(lo), math.sin(la)

    a, b = vec(*start), vec(*end)
    dot = max(-1.0, min(1.0, sum(x * y for x, y in zip(a, b, strict=False))))
    angle = math.acos(dot)
    steps = max(1, int(math.degrees(angle) / step_deg))
    points: list[tuple[float, float]] = []
    for i in range(steps + 1):
        t = i / steps
        if math.sin(angle) < 1e-9:  # same point or antipodes: no unique great circle, go straight
            lat = start[0] + (end[0] - start[0]) * t
            lon = start[1] + (end[1] - start[1]) * t
        else:
            wa = math.sin((1 - t) * angle) / math.sin(angle)
            wb = math.sin(t * angle) / math.sin(angle)
            x, y, z = (wa * p + wb * q for p, q in zip(a, b, strict=False))
            lat = math.degrees(math.atan2(z, math.hypot(x, y)))
            lon = math.degrees(math.atan2(y, x))
        points.append((lat, ((lon + 180.0) % 360.0) - 180.0))
    return points


def split_at_antimeridian(points: Sequence[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """Split a (lat, lon) polyline where it jumps across ±180°, so no segment spans the map."""
    runs: list[list[tuple[float, float]]] = []
    for point in points:
        if runs and abs(point[1] - runs[-1][-1][1]) <= 180.0:
            runs[-1].append(point)
        else:
            runs.append([point])
    return runs


# --- Country outlines (parsed once per file) --------------------------------------------------------

Ring = tuple[tuple[float, float], ...]
"""A closed ring of (lon, lat) points."""


@dataclass(frozen=True, eq=False)
class CountryOutline:
    """One country: its polygons (each an outer ring, then its holes), and where its name goes."""

    iso3: str
    name: str
    continent: str
    non_iso: bool
    polygons: tuple[tuple[Ring, ...], ...]
    label: tuple[float, float]
    """(lat, lon) of the name."""
    area: float
    """Square degrees, all polygons, holes subtracted."""
    label_box: tuple[float, float, float, float]
    """(lat_min, lat_max, lon_min, lon_max) of the largest polygon: the room for the name."""


def _ring_area(ring: Sequence[Sequence[float]]) -> float:
    """Absolute shoelace area of a [lon, lat] ring in square degrees."""
    total = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False):
        total += x0 * y1 - x1 * y0
    return abs(total) / 2.0


def _parse_feature(feature: Mapping[str, Any]) -> CountryOutline:
    props = feature["properties"]
    geometry = feature["geometry"]
    if geometry["type"] == "Polygon":
        raw = [geometry["coordinates"]]
    elif geometry["type"] == "MultiPolygon":
        raw = geometry["coordinates"]
    else:
        raise ValueError(f"geometry type {geometry['type']!r}")
    area = 0.0
    largest: tuple[float, Sequence[Sequence[float]]] = (-1.0, [])
    polygons: list[tuple[Ring, ...]] = []
    for polygon in raw:
        rings: list[Ring] = []
        for index, ring in enumerate(polygon):
            rings.append(tuple((float(x), float(y)) for x, y in ring))
            ring_area = _ring_area(ring)
            area += ring_area if index == 0 else -ring_area
            if index == 0 and ring_area > largest[0]:
                largest = (ring_area, ring)
        polygons.append(tuple(rings))
    xs = [p[0] for p in largest[1]]
    ys = [p[1] for p in largest[1]]
    box = (min(ys), max(ys), min(xs), max(xs))
    if "label" in props:
        label = (float(props["label"][1]), float(props["label"][0]))
    else:
        label = ((box[0] + box[1]) / 2.0, (box[2] + box[3]) / 2.0)
    return CountryOutline(
        iso3=str(props["iso3"]),
        name=str(props["name"]),
        continent=str(props.get("continent", "")),
        non_iso=bool(props.get("non_iso", False)),
        polygons=tuple(polygons),
        label=label,
        area=area,
        label_box=box,
    )


@lru_cache(maxsize=4)
def _load_cached(path: str) -> tuple[CountryOutline, ...]:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise MapDataError(f"map data file not found: {path} (rebuild it with tools/build_map.py)") from None
    except OSError as exc:
        raise MapDataError(f"cannot read map data file {path}: {exc.strerror}") from None
    try:
        features = json.loads(text)["features"]
        shapes = tuple(_parse_feature(f) for f in features)
    except (ValueError, KeyError, TypeError, IndexError) as exc:
        raise MapDataError(f"map data file {path} is not valid country GeoJSON: {exc!r}") from None
    if not shapes:
        raise MapDataError(f"map data file {path} holds no countries")
    return shapes


def load_outlines(path: str | Path = DEFAULT_GEOJSON) -> tuple[CountryOutline, ...]:
    """Country outlines from a GeoJSON file, parsed once per file and shared by every map."""
    return _load_cached(str(Path(path).resolve()))


# --- What is drawn ----------------------------------------------------------------------------------


def _check_lat_lon(what: str, lat: float, lon: float) -> None:
    """Raise ValueError unless lat/lon are finite and in range."""
    if not (math.isfinite(lat) and math.isfinite(lon) and -90.0 <= lat <= 90.0 and -180.0 <= lon <= 360.0):
        raise ValueError(f"{what}: position out of range (lat {lat}, lon {lon})")


@dataclass(frozen=True)
class Marker:
    """A point on the map: a place, a small state missing from the map, an attack or a force.

    ``color`` is a hex string; empty means the default colour for ``kind``.
    ``tooltip`` empty means the label (or the id).
    """

    id: str
    lat: float
    lon: float
    label: str = ""
    kind: MarkerKind = "place"
    color: str = ""
    tooltip: str = ""
    symbol: str = ""
    """A force's 20-digit APP-6D / MIL-STD-2525D code: drawn as that military symbol (``render.symbols``)."""
    affiliation: Affiliation = ""
    """A force's side from the viewpoint shown (friend, hostile, neutral, unknown)."""
    count: int = 0
    """How many forces the marker stands for (shown on the symbol)."""
    offset: tuple[float, float] = (0.0, 0.0)
    """Pixels from the place (side-by-side symbols of several sides at one place)."""
    dashed: bool = False
    """A control ring: the place is fought over (dashed) rather than held (solid)."""
    priority: int = 0
    """Higher is labelled first (a theatre's places before others of the same kind)."""

    def __post_init__(self) -> None:
        if not self.id:
            raise ValueError("marker id must not be empty")
        if self.affiliation not in ("", *AFFILIATIONS):
            raise ValueError(f"marker {self.id!r}: unknown affiliation {self.affiliation!r}")
        if self.kind not in MARKER_KINDS:
            raise ValueError(
                f"marker {self.id!r}: unknown kind {self.kind!r} (expected one of {', '.join(MARKER_KINDS)})"
            )
        _check_lat_lon(f"marker {self.id!r}", self.lat, self.lon)
        if self.color:
            palette.parse_hex(self.color)

    @property
    def fill(self) -> str:
        """The colour it is drawn in."""
        return self.color or palette.MARKER_COLORS[self.kind]

    @property
    def hover(self) -> str:
        """Its hover text."""
        return self.tooltip or self.label or self.id


@dataclass(frozen=True)
class Arrow:
    """A force in transit: drawn along ``via`` (the route it takes: points ``(lat, lon)`` along roads, sea lanes
    and air detours) or, without one, along the great circle ``from_`` -> ``to``."""

    id: str
    from_: tuple[float, float]
    to: tuple[float, float]
    label: str = ""
    color: str = palette.FORCE
    via: tuple[tuple[float, float], ...] = ()

    def __post_init__(self) -> None:
        if not self.id:
            raise ValueError("arrow id must not be empty")
        _check_lat_lon(f"arrow {self.id!r} start", *self.from_)
        _check_lat_lon(f"arrow {self.id!r} end", *self.to)
        for i, (lat, lon) in enumerate(self.via):
            _check_lat_lon(f"arrow {self.id!r} point {i}", lat, lon)
        palette.parse_hex(self.color)

    def points(self) -> list[tuple[float, float]]:
        """The line drawn: the route's points, or the great circle."""
        if len(self.via) >= 2:
            return [(lat, ((lon + 180.0) % 360.0) - 180.0) for lat, lon in self.via]
        return great_circle(self.from_, self.to)


@dataclass(frozen=True)
class LegendEntry:
    """One row of the key: a swatch (colour and pattern) and its text; with a ``glyph`` (a marker kind or
    ``arrow``) the row shows that symbol in ``color`` instead of a swatch."""

    text: str
    color: str
    pattern: Pattern = "solid"
    glyph: Glyph = ""
    stripe: str = ""
    """A second colour drawn as stripes over the swatch (a state in two treaties)."""
    where: tuple[str, ...] = ()
    """The countries (ISO3) or marker ids the row is about: a view shows the row only when one of them is in
    sight (empty: always)."""
    tip: str = ""
    """More words for the row (its hover text)."""

    def __post_init__(self) -> None:
        if self.stripe:
            palette.parse_hex(self.stripe)
        if self.pattern not in PATTERNS:
            raise ValueError(f"legend {self.text!r}: unknown pattern {self.pattern!r} (one of {', '.join(PATTERNS)})")
        if self.glyph not in GLYPHS:
            raise ValueError(f"legend {self.text!r}: unknown glyph {self.glyph!r} (one of {', '.join(GLYPHS[1:])})")


def _unique(kind: str, ids: Sequence[str]) -> None:
    if len(set(ids)) != len(ids):
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        raise ValueError(f"duplicate {kind} ids: {', '.join(dupes)}")


@dataclass(frozen=True)
class MapPicture:
    """Everything one map shows. Colours are ``#rrggbb`` strings (lower case).

    ``fills`` and ``patterns`` are by ISO3 code (countries not listed get ``default_fill``, solid);
    ``view`` is the (lat_min, lat_max, lon_min, lon_max) box to frame, kept in proportion.
    """

    fills: Mapping[str, str] = field(default_factory=dict)
    default_fill: str = palette.LAND
    patterns: Mapping[str, Pattern] = field(default_factory=dict)
    tooltips: Mapping[str, str] = field(default_factory=dict)
    markers: tuple[Marker, ...] = ()
    arrows: tuple[Arrow, ...] = ()
    legend: tuple[LegendEntry, ...] = ()
    legend_title: str = ""
    view: tuple[float, float, float, float] = PRESETS["World"]
    stripes: Mapping[str, str] = field(default_factory=dict)
    """ISO3 → a second colour drawn as diagonal stripes over the fill (membership of a second treaty)."""
    part_fills: tuple[tuple[str, float, float, str], ...] = ()
    """(ISO3, lat, lon, colour): the one polygon of the country that holds (lat, lon) gets this colour (French
    Guiana inside France's outline, in or out of a treaty's scope as its place is)."""
    focus: tuple[str, ...] = ()
    """The theatre's states (ISO3): their names are placed first and the key keeps off them."""

    def __post_init__(self) -> None:
        for color in (
            self.default_fill,
            *self.fills.values(),
            *self.stripes.values(),
            *(p[3] for p in self.part_fills),
            *(e.color for e in self.legend),
        ):
            palette.parse_hex(color)
        for iso3, pattern in self.patterns.items():
            if pattern not in PATTERNS:
                raise ValueError(f"{iso3}: unknown pattern {pattern!r} (one of {', '.join(PATTERNS)})")
        _unique("marker", [m.id for m in self.markers])
        _unique("arrow", [a.id for a in self.arrows])
        lat_min, lat_max, lon_min, lon_max = self.view
        if not (lat_min < lat_max and lon_min < lon_max):
            raise ValueError(f"empty map box: lat {lat_min}..{lat_max}, lon {lon_min}..{lon_max}")
