"""Benchmark: batch runs of the Baltic scenario at 60 turns on every local core, against a floor.

It prints:

* runs per minute of ``wargame batch baltic --turns 60`` on a local process pool with one worker per core
  (the pool warmed first, so start-up is not counted), next to the **floor**: the same pool running a no-op
  task for the same runs in the same chunks (what sending the work and gathering the results costs);
* the per-turn engine time inside a batch run (``resolve_turn`` alone, one run in this process; then a later run,
  which finds the route memo of the first, as a worker's later runs do), the batch's
  own cost per run (the per-turn series and the measures), and ``bench_turn``'s measure for a synthetic world
  of the same number of states (its "engine ms": resolve, encode and hash; and "turn ms" with the commit to a
  saved game, which a batch does not do).

``--profile FILE`` also writes a cProfile of one run (sorted by cumulative time) to FILE.

    .venv/bin/python benchmarks/bench_batch.py [--runs 40] [--turns 60] [--workers K] [--profile prof.txt]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from wargame.app import batch as B  # noqa: E402
from wargame.app import variations as V  # noqa: E402
from wargame.app.batch_measures import RunTrace, measure_row, series_of  # noqa: E402
from wargame.engine import initial_world, resolve_turn  # noqa: E402


def timed_batch(plan: B.BatchPlan, workers: int) -> tuple[float, float, list[int], int]:
    """(seconds of the batch, seconds of the floor, chunk sizes, workers) on one warmed pool."""
    ex = B.BatchExecutor(workers, None)
    try:
        warm = B.plan_batch("demo", ex.workers, turns=1)
        B.drive(warm, ex, task=B._noop_chunk, chunks=[1] * ex.workers)  # start the workers
        sizes: list[int] = []
        t0 = time.perf_counter()
        out = B.drive(plan, ex, chunks=sizes)
        t_batch = time.perf_counter() - t0
        assert len(out) == len(plan.runs)
        t0 = time.perf_counter()
        floor = B.drive(plan, ex, task=B._noop_chunk, chunks=list(sizes))
        t_floor = time.perf_counter() - t0
        assert len(floor) == len(plan.runs)
    finally:
        ex.close()
    return t_batch, t_floor, sizes, ex.workers


def engine_split(plan: B.BatchPlan, index: int = 0) -> tuple[list[float], float, int]:
    """Per-turn resolve_turn times of run ``index`` in this process, and the batch's own cost of that run (the
    first run here starts with empty memos, as a worker's first run does; later ones find the routes worked out)."""
    base = plan.source.load()
    spec = plan.runs[index]
    changes, difficulty = V.split_difficulty(spec.assignment)
    sc = V.apply(base, changes)
    ai = frozenset(B.seats_of(sc))
    world = first = initial_world(sc)
    turns: list[float] = []
    overhead = 0.0
    events = []
    series = {0: series_of(sc, world)}
    while not world.ended:
        t0 = time.perf_counter()
        rec = resolve_turn(sc, world, (), spec.seed, (), ai, difficulty)
        t1 = time.perf_counter()
        world = rec.world
        events.extend(rec.events)
        series[world.turn] = series_of(sc, world)
        overhead += time.perf_counter() - t1
        turns.append(t1 - t0)
    t0 = time.perf_counter()
    measure_row(RunTrace(sc, difficulty, first, world, events, series))
    B._stake_rows(spec.run, series)
    overhead += time.perf_counter() - t0
    return turns, overhead, len(sc.states)


def bench_turn_measure(n_states: int, turns: int) -> dict[str, float]:
    from bench_turn import run_size

    with tempfile.TemporaryDirectory() as d:
        return run_size(n_states, turns, Path(d))


def profile(plan: B.BatchPlan, out: Path) -> None:
    base = plan.source.load()
    prof = cProfile.Profile()
    prof.enable()
    B.play_run(base, plan.runs[0])
    prof.disable()
    buf = io.StringIO()
    st = pstats.Stats(prof, stream=buf)
    st.sort_stats("cumulative").print_stats(40)
    st.sort_stats("tottime").print_stats(25)
    out.write_text(buf.getvalue(), encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=40)
    ap.add_argument("--turns", type=int, default=60)
    ap.add_argument("--workers", type=int, default=None, help="default: every core")
    ap.add_argument("--scenario", default="baltic")
    ap.add_argument("--profile", type=Path, default=None, help="write a cProfile of one run here")
    args = ap.parse_args()
    plan = B.plan_batch(args.scenario, args.runs, turns=args.turns)
    t_batch, t_floor, sizes, workers = timed_batch(plan, args.workers or os.cpu_count() or 1)
    turn_times, overhead, n_states = engine_split(plan)
    warm_times, _, _ = engine_split(plan, min(1, len(plan.runs) - 1))
    bt = bench_turn_measure(n_states, 12)
    n = len(plan.runs)
    engine_ms = statistics.median(turn_times) * 1000
    print(
        f"{args.scenario}, {args.turns} turns, {n} runs on {workers} local processes "
        f"({len(sizes)} tasks of {min(sizes)}-{max(sizes)} runs)"
    )
    print(f"{'':<34} {'seconds':>8} {'runs/min':>9} {'ratio':>6}")
    print(f"{'batch':<34} {t_batch:>8.2f} {n / t_batch * 60:>9.1f} {t_batch / t_floor:>6.1f}")
    print(f"{'floor (no-op tasks, same pool)':<34} {t_floor:>8.2f} {n / t_floor * 60:>9.1f} {1.0:>6.1f}")
    print()
    print(f"{'per turn, ' + str(n_states) + ' states':<34} {'ms':>8} {'ratio':>9}")
    print(f"{'engine in a batch run (median)':<34} {engine_ms:>8.1f} {1.0:>9.2f}")
    print(
        f"{'engine in a batch run (mean)':<34} {statistics.fmean(turn_times) * 1000:>8.1f} {statistics.fmean(turn_times) * 1000 / engine_ms:>9.2f}"
    )
    warm_ms = statistics.median(warm_times) * 1000
    print(f"{'engine, a later run (median)':<34} {warm_ms:>8.1f} {warm_ms / engine_ms:>9.2f}")
    print(
        f"{'engine, a later run (mean)':<34} {statistics.fmean(warm_times) * 1000:>8.1f} "
        f"{statistics.fmean(warm_times) * 1000 / engine_ms:>9.2f}"
    )
    print(
        f"{'batch series+measures, per turn':<34} {overhead / len(turn_times) * 1000:>8.2f} {overhead / len(turn_times) * 1000 / engine_ms:>9.2f}"
    )
    print(f"{'bench_turn engine ms (synthetic)':<34} {bt['resolve_ms']:>8.1f} {bt['resolve_ms'] / engine_ms:>9.2f}")
    print(f"{'bench_turn turn ms (with commit)':<34} {bt['median_ms']:>8.1f} {bt['median_ms'] / engine_ms:>9.2f}")
    run_s = sum(warm_times) + overhead
    print(
        f"\na later run in one process: {run_s:.2f} s ({len(warm_times)} turns), so at most "
        f"{60 / run_s * workers:.0f} runs/min on {workers} idle cores (the target: 1,000)"
    )
    if args.profile:
        profile(plan, args.profile)
        print(f"\nprofile of one run: {args.profile}")


if __name__ == "__main__":
    main()
