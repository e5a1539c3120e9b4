"""Benchmark: the aggressor AI's thinking time per turn, against the engine's own turn time.

On each bundled playable scenario (the largest world first), it plays N turns twice from the same
seed — once with the aggressor as an AI seat, once without — and times ``ai.decide`` alone inside the
AI run (an engine turn is resolving it and hashing the new world). It prints the median AI time per turn, the median engine turn time without AI, and their ratio.

    .venv/bin/python benchmarks/bench_ai.py [--turns 30]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from wargame.engine import Doctrine, initial_world, resolve_turn  # noqa: E402
from wargame.engine import ai as ai_mod  # noqa: E402
from wargame.scenario import load_scenario  # noqa: E402


def run(path: Path, turns: int) -> dict[str, float]:
    sc = load_scenario(path)
    aggressors = tuple(
        sorted(
            s
            for s, st in sc.states.items()
            if st.doctrine is Doctrine.AGGRESSOR
            and not st.non_state
            and (not sc.ai_aggressors or s in sc.ai_aggressors)
        )
    )
    plain, with_ai, thinking = [], [], []
    original = ai_mod.decide

    def timed(*a, **kw):
        t0 = time.perf_counter()
        try:
            return original(*a, **kw)
        finally:
            thinking[-1] += time.perf_counter() - t0

    for use_ai, sink in ((False, plain), (True, with_ai)):
        world = initial_world(sc)
        ai_mod.decide = timed if use_ai else original
        try:
            for _ in range(turns):
                if world.ended:
                    break
                thinking.append(0.0)
                t0 = time.perf_counter()
                rec = resolve_turn(sc, world, [], 1, ai=aggressors if use_ai else ())
                rec.state_hash  # noqa: B018 (a turn as the saved game needs it: resolved and hashed)
                sink.append(time.perf_counter() - t0)
                world = rec.world
        finally:
            ai_mod.decide = original
    ai_times = thinking[len(plain) :]
    evaluations = [x for x in ai_times if x > 0.002]  # turns on which some aggressor weighed its targets
    return {
        "eval_ms": statistics.median(evaluations) * 1000 if evaluations else 0.0,
        "evals": len(evaluations),
        "ai_mean_ms": statistics.mean(ai_times) * 1000,
        "scenario": path.stem,
        "states": len(sc.states),
        "forces": len(sc.forces),
        "locations": len(sc.locations),
        "aggressors": ",".join(aggressors),
        "ai_ms": statistics.median(ai_times) * 1000,
        "ai_max_ms": max(ai_times) * 1000,
        "turn_ms": statistics.median(plain) * 1000,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--turns", type=int, default=30)
    args = ap.parse_args()
    paths = [ROOT / "assets" / "scenarios" / f"{n}.toml" for n in ("baltic", "taiwan", "korea", "demo")]
    rows = [run(p, args.turns) for p in paths if p.exists()]
    print(
        f"{'scenario':<8} {'states':>6} {'forces':>6} {'places':>6} {'AI mean ms/turn':>15} {'AI ms/thinking turn':>19} "
        f"{'(n)':>4} {'AI worst':>8} {'engine ms/turn':>14} {'mean/engine':>11} {'thinking/engine':>15}"
    )
    for r in rows:
        print(
            f"{r['scenario']:<8} {r['states']:>6} {r['forces']:>6} {r['locations']:>6} {r['ai_mean_ms']:>15.2f} "
            f"{r['eval_ms']:>19.2f} {r['evals']:>4} {r['ai_max_ms']:>8.1f} {r['turn_ms']:>14.2f} "
            f"{r['ai_mean_ms'] / r['turn_ms']:>11.2f} {r['eval_ms'] / r['turn_ms']:>15.2f}"
        )
    print("aggressors (AI seats): " + "; ".join(f"{r['scenario']}: {r['aggressors']}" for r in rows))


if __name__ == "__main__":
    main()
