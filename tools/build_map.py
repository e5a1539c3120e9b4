"""Build ``assets/map/countries.geojson`` from Natural Earth 1:110m admin-0 countries.

The source is the ``naturalearth_lowres`` shapefile bundled in the pure-Python
``geopandas==0.14.4`` wheel on PyPI (public domain data).  The wheel is fetched
with ``pip download --no-deps`` into a temporary folder (or taken from
``--wheel``) and read with ``pyshp``; geopandas itself is never installed or
imported.  ``pyshp`` is a build-time tool only::

    .venv/bin/pip install pyshp==3.1.6
    .venv/bin/python tools/build_map.py

The output is compact, deterministic GeoJSON (features sorted by ISO3,
coordinates rounded to 0.01 degrees) with the properties ``iso3``, ``name``,
``continent``, ``label`` (``[lon, lat]`` of a point well inside the largest
polygon, for the country's name) and, for codes outside ISO 3166-1,
``non_iso: true``.

Quirks of the source that are fixed here:

* Natural Earth leaves some ISO codes as ``-99``; they are assigned by name
  (Kosovo -> ``XKX``; France and Norway if a data version lacks them).
* ``CYN`` (N. Cyprus), ``SOL`` (Somaliland) and ``XKX`` (Kosovo, a
  user-assigned code) are kept and marked ``non_iso``.
* Russia's and Fiji's pieces east of the antimeridian (longitude -180..-169)
  are shifted by +360 degrees so each country is one continuous shape on an
  equirectangular map (x may therefore reach about 190).
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any

GEOPANDAS_PIN = "geopandas==0.14.4"
DATASET = "geopandas/datasets/naturalearth_lowres/naturalearth_lowres"
SOURCE_ENCODING = "latin-1"  # the dataset's .cpg says ISO-8859-1
PRECISION = 2  # decimal places: 0.01 degrees is about 1.1 km

#: ISO3 codes assigned by country name where Natural Earth has ``-99``.
ISO_BY_NAME: dict[str, str] = {
    "Kosovo": "XKX",
    "France": "FRA",
    "Norway": "NOR",
}

#: Codes kept in the output although they are not ISO 3166-1 alpha-3 codes.
NON_ISO: frozenset[str] = frozenset({"CYN", "SOL", "XKX"})

#: Countries whose western-hemisphere pieces belong east of +180 degrees.
ANTIMERIDIAN_SHIFT: frozenset[str] = frozenset({"RUS", "FJI"})

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO_ROOT / "assets" / "map" / "countries.geojson"

Ring = list[list[float]]
Polygon = list[Ring]


class BuildError(Exception):
    """A problem that stops the build, reported as one line."""


def fetch_wheel(dest: Path) -> Path:
    """Download the geopandas wheel (no dependencies) into ``dest`` and return its path."""
    cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", GEOPANDAS_PIN, "-d", str(dest)]
    result = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        last = (result.stderr.strip().splitlines() or ["no output"])[-1]
        raise BuildError(f"pip download {GEOPANDAS_PIN} failed: {last}")
    wheels = sorted(dest.glob("geopandas-*.whl"))
    if not wheels:
        raise BuildError(f"pip download {GEOPANDAS_PIN} produced no wheel in {dest}")
    return wheels[0]


def _round(value: float) -> float:
    """Round a coordinate to PRECISION places, normalising -0.0 to 0.0."""
    rounded = round(float(value), PRECISION)
    return 0.0 if rounded == 0 else rounded


def _clean_ring(ring: Any, shift: float) -> Ring | None:
    """Round a ring, shift its longitudes, drop repeated points; None if degenerate."""
    out: Ring = []
    for point in ring:
        xy = [_round(point[0] + shift), _round(point[1])]
        if not out or out[-1] != xy:
            out.append(xy)
    if out and out[0] != out[-1]:
        out.append(list(out[0]))
    # A closed ring needs three distinct corners plus the closing point.
    return out if len(out) >= 4 else None


def _polygons(geometry: dict[str, Any]) -> list[Any]:
    """Return the polygons of a GeoJSON-like Polygon or MultiPolygon mapping."""
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiPolygon":
        return list(geometry["coordinates"])
    raise BuildError(f"unexpected geometry type {geometry['type']!r}")


def convert_geometry(geometry: dict[str, Any], iso3: str) -> dict[str, Any] | None:
    """Convert one shape's geometry to a compact (Multi)Polygon, or None if nothing survives."""
    polygons: list[Polygon] = []
    for polygon in _polygons(geometry):
        outer_lons = [p[0] for p in polygon[0]]
        shift = 360.0 if iso3 in ANTIMERIDIAN_SHIFT and max(outer_lons) < 0 else 0.0
        outer = _clean_ring(polygon[0], shift)
        if outer is None:
            continue
        holes = [r for r in (_clean_ring(ring, shift) for ring in polygon[1:]) if r is not None]
        polygons.append([outer, *holes])
    if not polygons:
        return None
    if len(polygons) == 1:
        return {"type": "Polygon", "coordinates": polygons[0]}
    return {"type": "MultiPolygon", "coordinates": polygons}


def _ring_area(ring: Ring) -> float:
    """Absolute shoelace area of a ring in square degrees."""
    total = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False):
        total += x0 * y1 - x1 * y0
    return abs(total) / 2.0


def _segment_distance(px: float, py: float, ax: float, ay: float, bx: float, by: float) -> float:
    """Distance from point P to segment AB (planar, in degrees)."""
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length2))
    cx, cy = ax + t * dx - px, ay + t * dy - py
    return (cx * cx + cy * cy) ** 0.5


def _signed_distance(px: float, py: float, polygon: Polygon) -> float:
    """Distance from P to the polygon's boundary: positive inside (even-odd rule), negative outside."""
    inside = False
    nearest = float("inf")
    for ring in polygon:
        for (ax, ay), (bx, by) in zip(ring, ring[1:], strict=False):
            if (ay > py) != (by > py) and px < ax + (py - ay) * (bx - ax) / (by - ay):
                inside = not inside
            nearest = min(nearest, _segment_distance(px, py, ax, ay, bx, by))
    return nearest if inside else -nearest


def label_point(geometry: dict[str, Any]) -> list[float]:
    """A point well inside the largest polygon (grid search for the point farthest from the edges)."""
    polygon = max(_polygons(geometry), key=lambda poly: _ring_area(poly[0]))
    xs = [p[0] for p in polygon[0]]
    ys = [p[1] for p in polygon[0]]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    best = ((x0 + x1) / 2, (y0 + y1) / 2)
    best_d = _signed_distance(best[0], best[1], polygon)
    steps = 16
    for _ in range(4):  # coarse grid, then three refinements around the best point
        dx, dy = (x1 - x0) / steps, (y1 - y0) / steps
        for i in range(steps + 1):
            for j in range(steps + 1):
                x, y = x0 + i * dx, y0 + j * dy
                d = _signed_distance(x, y, polygon)
                if d > best_d:
                    best, best_d = (x, y), d
        x0, x1 = best[0] - 2 * dx, best[0] + 2 * dx
        y0, y1 = best[1] - 2 * dy, best[1] + 2 * dy
    return [_round(best[0]), _round(best[1])]


def read_features(wheel: Path) -> list[dict[str, Any]]:
    """Read the Natural Earth countries from the wheel and return GeoJSON features sorted by ISO3."""
    try:
        import shapefile  # pyshp, a build-time dependency only
    except ImportError as exc:
        raise BuildError("pyshp is not installed: run `.venv/bin/pip install pyshp==3.1.6`") from exc
    try:
        archive = zipfile.ZipFile(wheel)
        parts = {ext: io.BytesIO(archive.read(f"{DATASET}.{ext}")) for ext in ("shp", "shx", "dbf")}
    except (OSError, KeyError, zipfile.BadZipFile) as exc:
        raise BuildError(f"cannot read {DATASET}.* from {wheel}: {exc}") from exc
    reader = shapefile.Reader(shp=parts["shp"], shx=parts["shx"], dbf=parts["dbf"], encoding=SOURCE_ENCODING)
    features: list[dict[str, Any]] = []
    seen: set[str] = set()
    for shape_record in reader.iterShapeRecords():
        record = shape_record.record.as_dict()
        name = str(record["name"]).strip()
        iso3 = str(record["iso_a3"]).strip()
        if iso3 == "-99":
            if name not in ISO_BY_NAME:
                raise BuildError(f"country {name!r} has iso_a3 -99 and no entry in ISO_BY_NAME")
            iso3 = ISO_BY_NAME[name]
        if iso3 in seen:
            raise BuildError(f"duplicate ISO3 code {iso3!r} (country {name!r})")
        seen.add(iso3)
        geometry = convert_geometry(shape_record.shape.__geo_interface__, iso3)
        if geometry is None:
            raise BuildError(f"country {name!r} ({iso3}) has no polygon left after rounding")
        properties: dict[str, Any] = {"iso3": iso3, "name": name, "continent": str(record["continent"]).strip()}
        if iso3 in NON_ISO:
            properties["non_iso"] = True
        properties["label"] = label_point(geometry)
        features.append({"type": "Feature", "properties": properties, "geometry": geometry})
    features.sort(key=lambda f: f["properties"]["iso3"])
    return features


def write_geojson(features: list[dict[str, Any]], out: Path) -> int:
    """Write the features as compact GeoJSON (one feature per line) and return the byte size."""
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features]
    text = '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"
    out.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8")
    out.write_bytes(data)
    return len(data)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheel", type=Path, help="use this geopandas 0.14.4 wheel instead of downloading it")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"output file (default {DEFAULT_OUT})")
    args = parser.parse_args(argv)
    try:
        with tempfile.TemporaryDirectory(prefix="build_map_") as tmp:
            wheel = args.wheel if args.wheel is not None else fetch_wheel(Path(tmp))
            if not wheel.is_file():
                raise BuildError(f"wheel not found: {wheel}")
            features = read_features(wheel)
        size = write_geojson(features, args.out)
    except BuildError as exc:
        print(f"build_map: error: {exc}", file=sys.stderr)
        return 1
    points = sum(len(ring) for f in features for poly in _polygons(f["geometry"]) for ring in poly)
    print(f"wrote {args.out} ({len(features)} countries, {points} points, {size / 1024:.0f} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
