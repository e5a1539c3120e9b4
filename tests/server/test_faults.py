"""Load and faults (issue 15), the short version the suite runs: four seats and a facilitator on PostgreSQL, clients
cut off and killed at seeded random moments, the server killed with SIGKILL once and started again. Nothing sent is
lost or recorded twice, no turn resolves twice, every view a seat received is the game's view for it, and ``verify``
passes on the exported game (``tests/server/faultdrill.py``). The 100-turn run is ``benchmarks/soak_exercise.py
--faults``: the same drill, too long for every CI run."""

from __future__ import annotations

from pathlib import Path

import pytest
from faultdrill import drill


@pytest.mark.slow
def test_faults_lose_nothing_and_resolve_each_turn_once(tmp_path: Path, pg_url: str) -> None:
    result = drill(tmp_path, pg_url, turns=12, p_fault=0.25)
    assert result.server_kills == 1
    assert result.kills + result.drops > 0, "the seeded faults happened"
    assert result.decisions >= 4 * 12
