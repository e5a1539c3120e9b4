"""Land borders from the map: two countries of ``assets/map/countries.geojson`` are neighbours when their outlines
share at least two vertices (Natural Earth's admin-0 polygons share their boundary vertices; the map keeps them at
0.01°). Prints the ``[[borders]]`` table of ``assets/scenarios/world-crisis.toml``.

    .venv/bin/python tools/borders.py > /tmp/borders.toml
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

MAP = Path(__file__).resolve().parents[1] / "assets" / "map" / "countries.geojson"


def rings(geometry: dict) -> list[list[list[float]]]:
    if geometry["type"] == "Polygon":
        return geometry["coordinates"]
    return [ring for poly in geometry["coordinates"] for ring in poly]


def neighbours() -> list[tuple[str, str]]:
    owners: dict[tuple[float, float], set[str]] = defaultdict(set)
    for feature in json.loads(MAP.read_text(encoding="utf-8"))["features"]:
        iso = feature["properties"]["iso3"]
        for ring in rings(feature["geometry"]):
            for lon, lat in ring:
                owners[(round(lon, 2), round(lat, 2))].add(iso)
    shared: dict[tuple[str, str], int] = defaultdict(int)
    for isos in owners.values():
        for a in isos:
            for b in isos:
                if a < b:
                    shared[(a, b)] += 1
    return sorted(pair for pair, n in shared.items() if n >= 2)


def main() -> None:
    pairs = neighbours()
    print("[[borders]]")
    print(
        'source = "Natural Earth 1:110m admin-0 countries (assets/map/countries.geojson): outlines sharing at least two '
        'boundary vertices, computed by tools/borders.py"'
    )
    print("pairs = [")
    for i in range(0, len(pairs), 8):
        print("  " + ", ".join(f'["{a}", "{b}"]' for a, b in pairs[i : i + 8]) + ",")
    print("]")


if __name__ == "__main__":
    main()
