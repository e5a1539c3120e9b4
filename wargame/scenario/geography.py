"""The states' land outlines for land and air routes: Natural Earth 1:110m countries (``assets/map/countries.geojson``,
the map's own file), read once per process and handed to the engine as :class:`~wargame.engine.military.Territory`.

The file is the product's data, like ``locations.csv``: it is not part of a scenario's source hash.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from wargame.engine.military import Territory
from wargame.scenario.errors import Problem, ScenarioError

COUNTRIES = Path(__file__).resolve().parents[2] / "assets" / "map" / "countries.geojson"


@lru_cache(maxsize=2)
def _outlines(path: str) -> dict[str, Territory]:
    try:
        features = json.loads(Path(path).read_text(encoding="utf-8"))["features"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ScenarioError([Problem("", f"cannot read the map's country outlines: {exc}", Path(path).name)]) from None
    out: dict[str, Territory] = {}
    for feat in features:
        iso3 = str(feat["properties"]["iso3"])
        geom: dict[str, Any] = feat["geometry"]
        polys = [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]
        rings: list[tuple[tuple[float, float], ...]] = []
        boxes: list[tuple[float, float, float, float]] = []
        for poly in polys:
            outer = tuple((float(lat), float(lon)) for lon, lat in poly[0])
            lats = [p[0] for p in outer]
            lons = [p[1] for p in outer]
            rings.append(outer)
            boxes.append((min(lats), max(lats), min(lons), max(lons)))
        out[iso3] = Territory(iso3, tuple(rings), tuple(boxes))
    return out


@lru_cache(maxsize=16)
def _subset(states: tuple[str, ...], path: str) -> tuple[Territory, ...]:
    known = _outlines(path)
    return tuple(known[s] for s in states if s in known)


def territories(states: list[str], path: Path = COUNTRIES) -> tuple[Territory, ...]:
    """The outlines of ``states`` that the map has (holes are ignored: no country on the map has one that
    matters for a route), in the given order; the same tuple for the same states."""
    return _subset(tuple(states), str(path))
