"""Crash safety: a writer killed with SIGKILL leaves only whole turns, and the file opens."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import wargame
from wargame.store import GameFile

N_ENTITIES = 300

WRITER = textwrap.dedent(
    """
    import sys
    from wargame.store import GameFile, GameMeta

    path, n = sys.argv[1], int(sys.argv[2])
    meta = GameMeta("crash", "Crash test", "h", "text", 1, "0.1.0")
    g = GameFile.create(path, meta)
    for turn in range(10_000):
        events = [{"kind": "move", "subject": f"F{i}", "payload": {"i": i}} for i in range(turn % 7 + 1)]
        snapshot = {"nation": {f"N{i}": {"support": turn + i} for i in range(n)}}
        g.commit_turn(turn, events=events, snapshot=snapshot, state_hash=f"h{turn}", summary={"turn": turn})
        print(turn, flush=True)
    """
)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_mid_game_leaves_whole_turns(tmp_path: Path) -> None:
    """Every turn the writer reported committed is in the file, and every turn in it is complete."""
    path = tmp_path / "crash.wargame"
    env = dict(os.environ, PYTHONPATH=str(Path(wargame.__file__).resolve().parents[1]))
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), str(N_ENTITIES)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert proc.stdout is not None
    reported = -1
    try:
        while reported < 5:  # wait until the writer is well into its loop
            line = proc.stdout.readline()
            if not line:
                pytest.fail(f"writer stopped early: {proc.stderr.read() if proc.stderr else ''}")
            reported = int(line)
        time.sleep(1.0)
    finally:
        proc.send_signal(signal.SIGKILL)
        rest, _ = proc.communicate()
    reported = max([reported, *(int(x) for x in rest.split())])
    assert proc.returncode == -signal.SIGKILL
    assert reported < 9_999, "the writer finished before it was killed"

    with GameFile.open(path) as g:
        last = g.last_turn
        assert last >= reported
        assert sorted(g.hashes()) == list(range(last + 1))
        for turn in range(last + 1):
            assert g.snapshot(turn)["nation"]["N1"] == {"support": turn + 1}, f"turn {turn} snapshot"
            assert len(g.snapshot(turn)["nation"]) == N_ENTITIES, f"turn {turn} snapshot"
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        events = dict(conn.execute("SELECT turn, count(*) FROM events GROUP BY turn"))
        frames = dict(conn.execute("SELECT turn, count(*) FROM frames GROUP BY turn"))
        for turn in range(last + 1):
            assert events.get(turn) == turn % 7 + 1, f"turn {turn} events"
            assert frames.get(turn) == 1, f"turn {turn} snapshot"  # every entity changes: one frame of nations
        assert max(events) == max(frames) == last
    finally:
        conn.close()
