"""Benchmark: review a year-long world-scale game — jump to random turns, diff a turn, write the report.

Builds a 365-turn game on ``bench_turn.synthetic(200)`` (resolved by the engine, committed turn by
turn like the application does), then times, over random turns:

* ``game.world_at(t)`` (what the review's slider does) and ``review.diff_turn(t)``;
* the floor: one indexed SELECT of the snapshot rows that make up that turn (the keyframe at or before it
  and the changes since) with raw sqlite3 on the same file, rows fetched, nothing decoded;
* a second floor for the compressed form (schema 0007_compressed_snapshots): the same SELECT, then each frame
  inflated (zlib), nothing parsed — the least any reader of the stored bytes must do;

and the time to write the HTML and the PDF report. Ratios, not seconds, compare across machines. The file's size
is printed too (the target: a 200-state, 365-turn game in at most 4 MB).

Since schema 0007 a turn is a handful of compressed frames instead of ~2,400 JSON rows, so the first floor fell
about tenfold (it fetches ~30 small blobs instead of ~3,000 rows) while world_at's own work did not: compare
world_at's milliseconds with the figure main prints in the same session, not only the ratio.

    .venv/bin/python benchmarks/bench_review.py [--states 200] [--turns 365] [--jumps 60]
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench_turn import crisis_commands, synthetic  # noqa: E402

from wargame.app import (  # noqa: E402
    Game,
    review,  # noqa: E402
    summarise,
    world_to_snapshot,
)
from wargame.engine import encode, initial_world, resolve_turn, state_hash  # noqa: E402
from wargame.report import write_report  # noqa: E402
from wargame.store import EventRecord, GameFile, GameMeta  # noqa: E402


def build(path: Path, n_states: int, turns: int) -> None:
    """Play ``turns`` turns of the synthetic world into a saved game."""
    sc = synthetic(n_states)
    meta = GameMeta(
        scenario_id="bench",
        scenario_name=sc.name,
        scenario_hash="bench",
        scenario_text="",
        seed=1,
        app_version="bench",
        title=f"Synthetic world, {n_states} states",
    )
    gf = GameFile.create(path, meta, overwrite=True)
    world = initial_world(sc)
    gf.commit_turn(0, events=[], snapshot=world_to_snapshot(world), state_hash=state_hash(world), summary={})
    for t in range(1, turns + 1):
        rec = resolve_turn(sc, world, crisis_commands(sc, t), 1)
        data = encode(rec.world)
        h = state_hash(data)
        gf.commit_turn(
            t,
            events=[EventRecord(e.turn, e.seq, e.kind.value, e.subject, encode(e)) for e in rec.events],
            snapshot=world_to_snapshot(data),
            state_hash=h,
            summary=encode(summarise(rec, sc, h)),
        )
        world = rec.world
    gf.close()


def _frames_query(turn: int) -> tuple[str, tuple[int, int]]:
    from wargame.store.gamefile import KEYFRAME_EVERY

    sql = "SELECT entity_kind, data FROM frames WHERE turn BETWEEN ? AND ? ORDER BY turn"
    return sql, (turn - turn % KEYFRAME_EVERY, turn)


def floor_select(con: sqlite3.Connection, turn: int) -> float:
    t0 = time.perf_counter()
    con.execute(*_frames_query(turn)).fetchall()
    return time.perf_counter() - t0


def floor_inflate(con: sqlite3.Connection, turn: int) -> float:
    t0 = time.perf_counter()
    for _kind, data in con.execute(*_frames_query(turn)).fetchall():
        zlib.decompress(data)
    return time.perf_counter() - t0


def timed(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--states", type=int, default=200)
    ap.add_argument("--turns", type=int, default=365)
    ap.add_argument("--jumps", type=int, default=60)
    args = ap.parse_args()
    rng = random.Random(5)
    with tempfile.TemporaryDirectory(prefix="bench-review-") as tmp:
        path = Path(tmp) / "year.wargame"
        t0 = time.perf_counter()
        build(path, args.states, args.turns)
        size = path.stat().st_size
        print(
            f"built {args.turns} turns of a {args.states}-state world in {time.perf_counter() - t0:.1f} s\n"
            f"file size: {size / 1e6:.2f} MB ({size / 1e6 / args.turns * 100:.2f} MB per 100 turns)"
        )
        game = Game(GameFile.open(path, readonly=True), synthetic(args.states))
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        rows = sum(len(e) for e in world_to_snapshot(game.world_at(0)).values())
        turns = [rng.randint(1, args.turns) for _ in range(args.jumps)]
        game.world_at(0)
        floor_select(con, 0)  # warm both caches the same way
        world = [timed(lambda t=t: game.world_at(t)) for t in turns]
        floor = [floor_select(con, t) for t in turns]
        inflate = [floor_inflate(con, t) for t in turns]
        diff = [timed(lambda t=t: review.diff_turn(game, t)) for t in turns]
        con.close()
        t_html = timed(lambda: write_report(game, Path(tmp) / "aar.html"))
        t_pdf = timed(lambda: write_report(game, Path(tmp) / "aar.pdf"))
        game.close()
    fm, fw = statistics.median(floor), max(floor)
    print(
        f"\n{rows} entities per turn (a full keyframe every 10 turns, changes in between), {args.jumps} random jumps\n"
    )
    print(f"{'operation':<34}{'median ms':>11}{'worst ms':>10}{'× floor (median)':>18}")
    print(f"{'floor: indexed SELECT of a turn':<34}{fm * 1e3:>11.1f}{fw * 1e3:>10.1f}{1.0:>18.1f}")
    for name, xs in (
        ("floor 2: SELECT + inflate", inflate),
        ("game.world_at(t)", world),
        ("review.diff_turn(t)", diff),
    ):
        print(
            f"{name:<34}{statistics.median(xs) * 1e3:>11.1f}{max(xs) * 1e3:>10.1f}{statistics.median(xs) / fm:>18.1f}"
        )
    im = statistics.median(inflate)
    print(f"\ngame.world_at(t) × floor 2 (SELECT + inflate), median: {statistics.median(world) / im:.1f}")
    print(f"\nwrite the HTML report: {t_html:.2f} s; the PDF report: {t_pdf:.2f} s")


if __name__ == "__main__":
    main()
