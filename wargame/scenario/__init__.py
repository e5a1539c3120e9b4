"""Scenario files: load and validate TOML scenarios, build the engine's frozen facts.

See ``docs/scenario-format.md``.  Every entry point raises :class:`ScenarioError` (and only it)
for a bad file; its ``problems`` list says where and what, with the closest known id for a typo.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wargame.scenario.errors import Problem, ScenarioError

if TYPE_CHECKING:
    from wargame.scenario.loader import load_scenario, load_scenario_text, scenario_files, source_hash
    from wargame.scenario.locations import load_locations_csv
    from wargame.scenario.provenance import check_provenance

ASSETS = Path(__file__).resolve().parents[2] / "assets"
"""The bundled assets (scenarios, packs, the map, locations.csv)."""
LOCATIONS_CSV = ASSETS / "locations.csv"
SCENARIOS_DIR = ASSETS / "scenarios"

_LAZY = {
    "load_scenario": "wargame.scenario.loader",
    "load_scenario_text": "wargame.scenario.loader",
    "scenario_files": "wargame.scenario.loader",
    "source_hash": "wargame.scenario.loader",
    "load_locations_csv": "wargame.scenario.locations",
    "check_provenance": "wargame.scenario.provenance",
}


def __getattr__(name: str) -> Any:
    """The loader (pydantic, the schema) is imported at its first use, not with the package: the desktop
    application starts without it (``benchmarks/bench_gui.py``)."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'wargame.scenario' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


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


def _scenario_table(text: str) -> str | None:
    """The ``[scenario]`` table of a TOML text alone (up to the next table), so that listing the scenarios does not
    parse every inject and treaty; None when there is none."""
    lines = text.splitlines()
    start = next((i for i, ln in enumerate(lines) if ln.strip() == "[scenario]"), None)
    if start is None:
        return None
    end = len(lines)
    in_string = False
    for i in range(start + 1, len(lines)):
        stripped = lines[i].strip()
        if stripped.count('"""') % 2 == 1:
            in_string = not in_string
        if not in_string and stripped.startswith("[") and not stripped.startswith("[scenario."):
            end = i
            break
    return "\n".join(lines[start:end]) + "\n"


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
            text = path.read_text(encoding="utf-8-sig")
            head = _scenario_table(text)
            if head is None:
                continue  # a library pack (states, treaties, forces): no header to read, and it is large
            raw = tomllib.loads(head)
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError):
            continue
        meta = raw.get("scenario")
        if not isinstance(meta, dict):
            continue
        if meta.get("playable") is True or meta.get("library") is not True:
            out.append((path, meta))
    return out
