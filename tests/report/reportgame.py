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
