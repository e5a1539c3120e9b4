"""Benchmark: resolve and commit one turn on synthetic worlds of growing size.

For each size it prints the median wall time to resolve one turn with the engine and commit it
to a saved game (events, compressed snapshot frames, hash, one transaction) — "engine ms" is
the part that resolves the turn and encodes and hashes the new world — the floor — a bare
sqlite3 transaction writing the same number of rows of the same size — the ratio of the two,
and the saved-game size per 100 turns.  Ratios, not seconds, are what to compare across machines.

    .venv/bin/python benchmarks/bench_turn.py [--sizes 50 100 200 400] [--turns 12]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from wargame.app import summarise, world_to_snapshot  # noqa: E402
from wargame.engine import (  # noqa: E402
    AdversaryCondition,
    Article,
    ArticleKind,
    AttackKind,
    AttackSpec,
    Command,
    CommandKind,
    DateRange,
    DecisionRule,
    Doctrine,
    ForceDef,
    Government,
    Location,
    LocationKind,
    Membership,
    Obligation,
    Rules,
    Scenario,
    ScopeClause,
    ScopeResult,
    State,
    TargetKind,
    Transport,
    Treaty,
    encode,
    initial_world,
    resolve_turn,
    state_hash,
)
from wargame.store import EventRecord, GameFile, GameMeta  # noqa: E402


def synthetic(n_states: int, seed: int = 1) -> Scenario:
    """n states on a grid of Europe-like latitudes, 10 forces each, n/10 alliances of ~10 with 3 articles."""
    rng = random.Random(seed)
    states = {}
    for i in range(n_states):
        sid = f"S{i:03d}"
        states[sid] = State(
            id=sid,
            name=f"State {i}",
            government=Government.DEMOCRACY if i % 4 else Government.AUTOCRACY,
            continent="europe",
            oceans=("atlantic",),
            lat=35 + (i % 20) * 1.5,
            lon=-10 + (i // 20) * 2.0,
            gdp_busd=rng.uniform(20, 2000),
            population_m=rng.uniform(1, 80),
            defence_budget_busd=rng.uniform(1, 60),
            opinion_baseline=rng.uniform(30, 70),
            legislative_lag_days=rng.choice([0, 3, 7]),
            doctrine=rng.choice([Doctrine.RELIABLE, Doctrine.CAUTIOUS, Doctrine.FREE_RIDER]),
        )
    locs = {
        sid: Location(sid, st.name, LocationKind.STATE, sid, (), st.continent, st.oceans, "", st.lat, st.lon)
        for sid, st in states.items()
    }
    ids = sorted(states)
    treaties = []
    for k in range(max(1, n_states // 10)):
        members = ids[k * 10 : (k + 1) * 10] or ids[:10]
        scope = (ScopeClause(ScopeResult.IN, targets=(TargetKind.TERRITORY,), administered_by_victim=True),)
        treaties.append(
            Treaty(
                id=f"T{k:03d}",
                name=f"Alliance {k}",
                in_force=DateRange(dt.date(1950, 1, 1)),
                parties=tuple(Membership(m) for m in members),
                articles=(
                    Article("4", "Consultation", ArticleKind.CONSULTATION, Obligation.CONSULT_ONLY, citation="Art 4"),
                    Article(
                        "5",
                        "Defence",
                        ArticleKind.DEFENCE,
                        Obligation.AS_DEEMS_NECESSARY,
                        scope=scope,
                        adversary=AdversaryCondition(),
                        decision_rule=DecisionRule.CONSENSUS,
                        citation="Art 5",
                    ),
                    Article(
                        "6",
                        "Mutual aid",
                        ArticleKind.DEFENCE,
                        Obligation.CONSTITUTIONAL_PROCESSES,
                        scope=scope,
                        decision_rule=DecisionRule.INDIVIDUAL,
                        citation="Art 6",
                    ),
                ),
            )
        )
    forces = []
    for sid in ids:
        for j in range(10):
            forces.append(
                ForceDef(
                    f"{sid}-F{j}",
                    sid,
                    f"{sid} force {j}",
                    "brigade",
                    rng.uniform(2, 12),
                    3000,
                    sid,
                    rng.choice([1, 2, 5, 10]),
                    Transport.ROAD,
                    rng.choice([300, 600, 8000]),
                    1.0,
                )
            )
    return Scenario(
        "bench",
        "bench",
        "",
        dt.date(2026, 1, 1),
        1.0,
        states,
        locs,
        tuple(treaties),
        tuple(forces),
        Rules(),
        max_turns=10_000,
        default_seed=seed,
    )


def crisis_commands(sc: Scenario, turn: int) -> list[Command]:
    """A few attacks early on so verdicts, decisions, movement and combat all run."""
    ids = sorted(sc.states)
    out = []
    if turn in (1, 2, 3):
        a, v = ids[(turn * 7) % len(ids)], ids[(turn * 13 + 5) % len(ids)]
        if a == v:
            v = ids[(ids.index(v) + 1) % len(ids)]
        kind = AttackKind.INVASION if turn == 1 else AttackKind.MISSILE
        out.append(Command(CommandKind.INJECT, turn, encode(AttackSpec(a, v, v, kind, casualties=50, attribution=0.9))))
    return out


def floor_transaction(path: str, rows: list[tuple[int, str, str, str | bytes]]) -> float:
    """A bare sqlite3 transaction writing the same rows (WAL, synchronous=NORMAL)."""
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=NORMAL")
    con.execute(
        "CREATE TABLE IF NOT EXISTS r (turn INTEGER, kind TEXT, key TEXT, payload TEXT, PRIMARY KEY (turn, kind, key))"
    )
    t0 = time.perf_counter()
    con.execute("BEGIN")
    con.executemany("INSERT INTO r VALUES (?, ?, ?, ?)", rows)
    con.execute("COMMIT")
    dt_ = time.perf_counter() - t0
    con.close()
    return dt_


def run_size(n: int, turns: int, tmp: Path) -> dict[str, float]:
    sc = synthetic(n)
    meta = GameMeta(
        scenario_id="bench", scenario_name="bench", scenario_hash="", scenario_text="", seed=1, app_version="bench"
    )
    path = tmp / f"bench-{n}.wargame"
    gf = GameFile.create(path, meta, overwrite=True)
    world = initial_world(sc)
    gf.commit_turn(0, events=[], snapshot=world_to_snapshot(world), state_hash="", summary={})
    times, floors, resolve_only, written_counts, entity_counts = [], [], [], [], []
    floor_db = str(tmp / f"floor-{n}.sqlite")
    for t in range(1, turns + 1):
        t0 = time.perf_counter()
        rec = resolve_turn(sc, world, crisis_commands(sc, t), 1)
        data = encode(rec.world)  # as Game.advance does: encode once for the hash and the snapshot rows
        h = state_hash(data)
        t1 = time.perf_counter()
        snap = world_to_snapshot(data)
        events = [EventRecord(e.turn, e.seq, e.kind.value, e.subject, encode(e)) for e in rec.events]
        gf.commit_turn(t, events=events, snapshot=snap, state_hash=h, summary=encode(summarise(rec, sc, h)))
        t2 = time.perf_counter()
        world = rec.world
        # The floor writes exactly the rows this commit wrote: the compressed frames (schema 0007: a keyframe
        # every 10 turns and the changes in between, one row per entity kind) and the events.
        con = sqlite3.connect(path)
        written = con.execute("SELECT entity_kind, data FROM frames WHERE turn = ?", (t,)).fetchall()
        con.close()
        rows: list[tuple[int, str, str, str | bytes]] = [(t, k, "*", data) for k, data in written]
        rows += [(t, "event", f"{e.seq}", json.dumps(e.payload, separators=(",", ":"))) for e in events]
        written_counts.append(len(rows))
        entity_counts.append(sum(len(d) for d in snap.values()))
        floors.append(floor_transaction(floor_db, rows))
        times.append(t2 - t0)
        resolve_only.append(t1 - t0)
    gf.close()
    size = os.path.getsize(path) + sum(os.path.getsize(p) for p in (f"{path}-wal",) if os.path.exists(p))
    steady = times[3:] or times
    return {
        "states": n,
        "forces": len(sc.forces),
        "treaties": len(sc.treaties),
        "entities": statistics.median(entity_counts),
        "rows_per_turn": statistics.mean(written_counts),
        "median_ms": statistics.median(steady) * 1000,
        "resolve_ms": statistics.median(resolve_only[3:] or resolve_only) * 1000,
        "floor_ms": statistics.median(floors[3:] or floors) * 1000,
        "mb_per_100_turns": size / turns * 100 / 1e6,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[50, 100, 200, 400])
    ap.add_argument("--turns", type=int, default=12)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        res = [run_size(n, args.turns, Path(d)) for n in args.sizes]
    print(
        f"{'states':>6} {'forces':>6} {'treaties':>8} {'entities':>8} {'rows/turn':>9} {'turn ms':>8} {'engine ms':>9} "
        f"{'floor ms':>8} {'ratio':>6} {'MB/100 turns':>12} {'ms/state':>8}"
    )
    for r in res:
        print(
            f"{r['states']:>6} {r['forces']:>6} {r['treaties']:>8} {r['entities']:>8.0f} {r['rows_per_turn']:>9.0f} {r['median_ms']:>8.1f} "
            f"{r['resolve_ms']:>9.1f} {r['floor_ms']:>8.2f} {r['median_ms'] / r['floor_ms']:>6.1f} "
            f"{r['mb_per_100_turns']:>12.2f} {r['median_ms'] / r['states']:>8.3f}"
        )


if __name__ == "__main__":
    main()
