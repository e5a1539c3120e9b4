"""Scenario files: load and validate TOML scenarios, build the engine's frozen facts.

See ``docs/scenario-format.md``.  Every entry point raises :class:`ScenarioError` (and only it)
for a bad file; its ``problems`` list says where and what, with the closest known id for a typo.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from wargame.scenario.errors import Problem, ScenarioError
from wargame.scenario.loader import load_scenario, load_scenario_text, scenario_files, source_hash
from wargame.scenario.locations import ASSETS, LOCATIONS_CSV, load_locations_csv
from wargame.scenario.provenance import check_provenance

SCENARIOS_DIR = ASSETS / "scenarios"

__all__ = [
    "ASSETS",
    "LOCATIONS_CSV",
    "SCENARIOS_DIR",
    "Problem",
    "ScenarioError",
    "bundled_headers",
    "check_provenance",
    "load_locations_csv",
    "load_scenario",
    "load_scenario_text",
    "scenario_files",
    "source_hash",
]


def bundled_headers(folder: str | Path | None = None) -> list[tuple[Path, dict[str, Any]]]:
    """(path, ``[scenario]`` table) of the playable scenarios in ``assets/scenarios`` (sorted by file name).

    A file is listed when it has a ``[scenario]`` table that says ``playable = true`` or does not
    say ``library = true``; files that cannot be read or parsed are skipped (load them to see why).
    Only the main file is parsed: nothing is validated or built.
    """
    base = Path(folder) if folder is not None else SCENARIOS_DIR
    out: list[tuple[Path, dict[str, Any]]] = []
    for path in sorted(base.glob("*.toml")):
        try:
            raw = tomllib.loads(path.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError):
            continue
        meta = raw.get("scenario")
        if not isinstance(meta, dict):
            continue
        if meta.get("playable") is True or meta.get("library") is not True:
            out.append((path, meta))
    return out
