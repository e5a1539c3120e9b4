"""The product's place list, ``assets/locations.csv``."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from wargame.engine import Location, LocationKind
from wargame.scenario.errors import Problem, ScenarioError, suggest
from wargame.scenario.schema import CONTINENTS, OCEANS, PLACE_ID

ASSETS = Path(__file__).resolve().parents[2] / "assets"
"""The product's data folder (map, scenario packs, ``locations.csv``)."""
LOCATIONS_CSV = ASSETS / "locations.csv"
COLUMNS = (
    "id",
    "name",
    "kind",
    "administered_by",
    "other_claimants",
    "continent",
    "ocean",
    "sea",
    "lat",
    "lon",
    "note",
    "coastal",
    "airbase",
)
FLAGS = {"true": True, "false": False}


def load_locations_csv(path: str | Path | None = None) -> dict[str, Location]:
    """Read ``locations.csv`` (the bundled one by default) into locations keyed by id.

    An empty ``ocean`` gives ``oceans = ()`` here; the scenario loader fills in the administering
    state's oceans.  Raises :class:`ScenarioError` for a missing file or a bad row.
    """
    csv_path = Path(path) if path is not None else LOCATIONS_CSV
    try:
        text = csv_path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ScenarioError([Problem("", f"cannot read locations file: {exc}", csv_path.name)]) from None
    return parse_locations_csv(text, name=csv_path.name)


def parse_locations_csv(text: str, *, name: str = "locations.csv") -> dict[str, Location]:
    """Parse the text of a locations CSV (see :func:`load_locations_csv`)."""
    problems: list[Problem] = []
    reader = csv.DictReader(io.StringIO(text))
    header = tuple(reader.fieldnames or ())
    if header != COLUMNS:
        raise ScenarioError([Problem("header", f"expected columns {','.join(COLUMNS)}", name)])
    out: dict[str, Location] = {}
    kinds = tuple(k.value for k in LocationKind)
    for row in reader:
        line = f"line {reader.line_num}"
        before = len(problems)

        def bad(column: str, message: str, line: str = line) -> None:
            problems.append(Problem(f"{line}.{column}", message, name))

        if None in row or any(v is None for v in row.values()):
            bad("row", f"expected {len(COLUMNS)} columns")
            continue
        loc_id = row["id"].strip()
        if not PLACE_ID.match(loc_id):
            bad("id", f"invalid location id {loc_id!r}")
        elif loc_id in out:
            bad("id", f"duplicate location id {loc_id!r}")
        kind = row["kind"].strip()
        if kind not in kinds:
            bad("kind", f"unknown location kind {kind!r}{suggest(kind, kinds)}")
        continent = row["continent"].strip()
        if continent and continent not in CONTINENTS:
            bad("continent", f"unknown continent {continent!r}{suggest(continent, CONTINENTS)}")
        ocean = row["ocean"].strip()
        if ocean and ocean not in OCEANS:
            bad("ocean", f"unknown ocean {ocean!r}{suggest(ocean, OCEANS)}")
        admin = row["administered_by"].strip()
        if not admin and kind != LocationKind.SEA.value:
            bad("administered_by", "a place that is not a sea area needs an administering state")
        coords: list[float] = []
        for column, limit in (("lat", 90.0), ("lon", 180.0)):
            try:
                value = float(row[column])
            except ValueError:
                bad(column, f"not a number: {row[column]!r}")
                continue
            if not -limit <= value <= limit:
                bad(column, f"{value} is outside -{limit:g}..{limit:g}")
            coords.append(value)
        flags: list[bool] = []
        for column in ("coastal", "airbase"):
            text = row[column].strip().lower()
            if text not in FLAGS:
                bad(column, f"expected true or false, not {row[column]!r}")
            else:
                flags.append(FLAGS[text])
        if len(problems) > before:
            continue
        out[loc_id] = Location(
            id=loc_id,
            name=row["name"].strip(),
            kind=LocationKind(kind),
            administered_by=admin or None,
            claimants=tuple(c.strip() for c in row["other_claimants"].split(";") if c.strip()),
            continent=continent,
            oceans=(ocean,) if ocean else (),
            sea=row["sea"].strip(),
            lat=coords[0],
            lon=coords[1],
            note=row["note"].strip(),
            coastal=flags[0],
            airbase=flags[1],
        )
    if problems:
        raise ScenarioError(problems)
    return out
