"""Shared constants and helpers of the report tests (imported by conftest and the tests)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DEMO = Path(__file__).resolve().parents[2] / "assets" / "scenarios" / "demo.toml"
TURNS = 100
BRANCH_TURN = 40


def long_demo_text() -> str:
    """The demo scenario with ``max_turns = 100`` and no [[end]] block."""
    text = DEMO.read_text(encoding="utf-8")
    assert "\nmax_turns = 30\n" in text and "[[end]]" in text
    text = text.replace("\nmax_turns = 30\n", f"\nmax_turns = {TURNS}\n")
    return text[: text.index("[[end]]")]


@dataclass
class Played:
    """The session's saved games and the live state hashes recorded while playing."""

    path: Path
    branch_path: Path
    live_hashes: dict[int, str]
    folder: Path


SCRIPT = "<script>alert(1)</script>"
BALTIC_TURNS = 30
SURVEY = (
    "Timestamp,Participant,Team,organisation,The scenario was plausible and realistic,facilitation,relevance,"
    "preparedness,tool,Strength 1,Strength 2,Strength 3,Improvement 1,Improvement 2,Improvement 3,Comments\n"
    "2026-10-15 17:02,Anna Tamm,EST,5,4,4,5,4,5,Clear verdicts,The map,Fast turns,Longer hotwash,,,\n"
    "2026-10-15 17:05,Jānis Bērziņš,Latvia,4,3,4,4,3,4,Clear verdicts,Realistic votes,,Fewer grey-zone injects,"
    "Print the map,,Good day\n"
    "2026-10-15 17:09,Observer 3,White cell,3,4,5,3,4,4,The map,,,Fewer grey-zone injects,,,\n"
)


@dataclass
class Baltic:
    """The session's 30-turn Baltic game with a hotwash."""

    path: Path
    folder: Path
