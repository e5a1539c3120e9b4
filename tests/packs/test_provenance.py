"""Every number of the packs has a source or an explicit assumption flag."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from wargame.scenario import SCENARIOS_DIR, check_provenance

PACK_FILES = ("world.toml", "baltic.toml", "taiwan.toml", "korea.toml")
LIBRARY_FILES = (
    "world-states.toml",
    "world-treaties.toml",
    "world-forces.toml",
    "world-military.toml",
    "world-crisis.toml",
)


@pytest.mark.parametrize("name", PACK_FILES)
def test_pack_numbers_all_have_provenance(name: str) -> None:
    """check_provenance covers the file and every file it includes."""
    assert check_provenance(SCENARIOS_DIR / name) == []


def _copy_packs(tmp_path: Path) -> Path:
    for name in (*PACK_FILES, *LIBRARY_FILES):
        shutil.copy(SCENARIOS_DIR / name, tmp_path / name)
    return tmp_path


def test_state_number_stripped_of_its_source_fails(tmp_path: Path) -> None:
    """Removing Germany's per-field sources leaves its GDP, population and budget unsourced."""
    folder = _copy_packs(tmp_path)
    states = folder / "world-states.toml"
    text = states.read_text(encoding="utf-8")
    block = re.search(r'\[\[states\]\]\nid = "DEU"\n(?:.*\n)*?sources = \{[^\n]*\}\n', text)
    assert block is not None
    stripped = re.sub(r"sources = \{[^\n]*\}\n$", "", block.group(0))
    states.write_text(text.replace(block.group(0), stripped), encoding="utf-8")
    problems = check_provenance(folder / "world.toml")
    paths = {(p.file, p.path) for p in problems}
    assert any(f == "world-states.toml" and p.endswith(".defence_budget_busd") for f, p in paths), problems
    assert all(p.file == "world-states.toml" for p in problems)


def test_force_number_stripped_of_its_assumption_flag_fails(tmp_path: Path) -> None:
    """A force whose combat power is no longer marked as assumed is reported."""
    folder = _copy_packs(tmp_path)
    forces = folder / "world-forces.toml"
    text = forces.read_text(encoding="utf-8")
    marker = 'id = "USA-82-IRF"'
    head, tail = text.split(marker, 1)
    tail = tail.replace('assumed = ["combat_power", ', "assumed = [", 1)
    forces.write_text(head + marker + tail, encoding="utf-8")
    problems = check_provenance(folder / "baltic.toml")
    assert [p.path.rsplit(".", 1)[-1] for p in problems] == ["combat_power"], problems


def test_article_stripped_of_its_source_fails(tmp_path: Path) -> None:
    """An article without a source leaves its decision_days (and its scope clauses' latitudes) unsourced."""
    folder = _copy_packs(tmp_path)
    treaties = folder / "world-treaties.toml"
    text = treaties.read_text(encoding="utf-8")
    line = next(x for x in text.splitlines() if x.startswith('  source = "North Atlantic Treaty Art 6 as amended'))
    treaties.write_text(text.replace(line + "\n", ""), encoding="utf-8")
    problems = check_provenance(folder / "world.toml")
    assert any(p.path.endswith(".min_lat") for p in problems), problems
