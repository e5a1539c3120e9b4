"""Batch runs: the same scenario played many times, in parallel, with the results in Parquet.

* :func:`plan_batch` turns ``--runs``, ``--seed``, ``--vary``, ``--sample`` and ``--turns`` into a list of
  runs, each with its own seed and varied values (checked before anything runs).
* :func:`run_batch` plays them on a process pool (default) or on Dask distributed (``scheduler=ADDRESS``),
  in chunks sized so that each task lasts a few seconds, reporting :class:`BatchProgress`. A stop request
  (Ctrl+C in the CLI) lets the runs under way finish and keeps every finished run; a second one drops them.
* A run keeps the game in memory (no saved-game file): :func:`play_run` resolves the turns with the engine
  and derives the measures of :mod:`wargame.app.batch_measures` from the last world and the events.
* :func:`write_results` (:mod:`wargame.app.batch_results`) writes two Parquet files: RESULTS.parquet (a row per run) and RESULTS.turns.parquet
  (a row per run, turn and state); their metadata say how the batch was made, whether it is partial, and
  hold the scenario's text so that :func:`replay` can rebuild any run as a saved game with the same hashes.

Seeds: run seed = a stable hash (sha256) of the batch seed and the run's *replicate* number, so that every
combination of varied values is played with the same seeds (common random numbers: a difference between two
values of a parameter comes from the parameter, not from luck).
"""

from __future__ import annotations

import base64
import concurrent.futures as cf
import dataclasses
import datetime as dt
import enum
import gc
import hashlib
import itertools
import json
import math
import multiprocessing
import os
import random
import signal
import threading
import time
import zlib
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wargame.engine import RULES_VERSION, Scenario, WorldState, initial_world, resolve_turn, state_hash
from wargame.scenario import ScenarioError, load_scenario_text, scenario_files

from . import AppError
from . import scenarios as _scenarios
from . import variations as V
from .batch_measures import (
    RunTrace,
    column_name,
    measure_row,
    series_of,
)

__all__ = [
    "FORMAT",
    "META_KEY",
    "BatchExecutor",
    "BatchMeta",
    "BatchPlan",
    "BatchProgress",
    "BatchResults",
    "BatchSummary",
    "ReplayResult",
    "RunSpec",
    "StopFlags",
    "open_results",
    "plan_batch",
    "play_run",
    "replay",
    "result_columns",
    "rules_mismatch",
    "run_batch",
    "run_seed",
    "turns_path",
    "write_results",
]

TARGET_TASK_SECONDS = 3.0
"""A task (a chunk of runs) should last about this long: long enough that scheduling costs little, short
enough that progress moves and a stop loses little."""
MAX_RUNS = 1_000_000


# ------------------------------------------------------------------------------------------
# The plan
# ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScenarioSource:
    """The scenario's files, as the saved game stores them (sent to the workers, kept in the results)."""

    main: str
    files: dict[str, str]
    source_hash: str

    def pack(self) -> str:
        """The files as text for the results' metadata (zlib, base64)."""
        return base64.b64encode(zlib.compress(json.dumps(self.files, sort_keys=True).encode("utf-8"), 9)).decode()

    @classmethod
    def unpack(cls, main: str, packed: str, source_hash: str) -> ScenarioSource:
        files = json.loads(zlib.decompress(base64.b64decode(packed)).decode("utf-8"))
        return cls(main, {str(k): str(v) for k, v in files.items()}, source_hash)

    def load(self) -> Scenario:
        """The scenario as loaded (cached per process: a worker loads it once)."""
        key = (self.source_hash, self.main)
        sc = _LOADED.get(key)
        if sc is None:
            try:
                sc = load_scenario_text(self.files[self.main], name=self.main, files=self.files)
            except ScenarioError as exc:
                raise AppError(f"the batch's scenario does not load: {exc}") from exc
            _LOADED.clear()
            _LOADED[key] = sc
        return sc


_LOADED: dict[tuple[str, str], Scenario] = {}


@dataclass(frozen=True)
class RunSpec:
    """One run: its number, replicate, seed and varied values (``name → value as text``)."""

    run: int
    replicate: int
    seed: int
    values: tuple[tuple[str, str], ...] = ()

    @property
    def assignment(self) -> dict[str, str]:
        return dict(self.values)


@dataclass(frozen=True)
class BatchPlan:
    source: ScenarioSource
    scenario_id: str
    scenario_name: str
    batch_seed: int
    turns: int
    """The game's last turn (the scenario's ``max_turns``, or ``--turns``)."""
    runs_per_point: int
    variations: tuple[V.Variation, ...]
    sample: int | None
    runs: tuple[RunSpec, ...]


def run_seed(batch_seed: int, replicate: int) -> int:
    """The game seed of a replicate: the first 63 bits of sha256("wargame-batch|SEED|REPLICATE")."""
    digest = hashlib.sha256(f"wargame-batch|{batch_seed}|{replicate}".encode()).digest()
    return int.from_bytes(digest[:8], "big") >> 1


def plan_batch(
    scenario: str | Path,
    runs: int,
    *,
    seed: int | None = None,
    vary: Sequence[str] = (),
    turns: int | None = None,
    sample: int | None = None,
) -> BatchPlan:
    """The runs of a batch: every combination of the varied values (or ``sample`` combinations drawn with the
    batch seed), each played ``runs`` times. Every name and value is checked now (:class:`AppError`)."""
    if runs < 1:
        raise AppError(f"--runs must be 1 or more, not {runs}")
    if turns is not None and turns < 1:
        raise AppError(f"--turns must be 1 or more, not {turns}")
    if sample is not None and sample < 1:
        raise AppError(f"--sample must be 1 or more, not {sample}")
    path = _scenarios.resolve(scenario)
    base = _scenarios.load(path)
    try:
        files = scenario_files(path)
    except ScenarioError as exc:
        raise AppError(str(exc)) from exc
    variations = tuple(V.parse_vary(text, base) for text in vary)
    names = [v.name for v in variations]
    if dup := sorted({n for n in names if names.count(n) > 1}):
        raise AppError(f"--vary {dup[0]} is given twice: list all its values in one --vary")
    if "scenario.max_turns" in names and turns is not None:
        raise AppError("--turns and --vary scenario.max_turns say the same thing: give one")
    batch_seed = base.default_seed if seed is None else int(seed)
    last = turns if turns is not None else base.max_turns
    grid = [tuple(zip(names, combo, strict=True)) for combo in itertools.product(*(v.values for v in variations))]
    if sample is not None:
        if not variations:
            raise AppError("--sample draws combinations of --vary values: give at least one --vary")
        rng = random.Random(f"wargame-batch-sample|{batch_seed}")
        points = [grid[rng.randrange(len(grid))] for _ in range(sample)]
    else:
        points = grid
    total = len(points) * runs
    if total > MAX_RUNS:
        raise AppError(f"this batch would play {total:,} runs; at most {MAX_RUNS:,} (fewer --runs or values)")
    extra = () if turns is None else (("scenario.max_turns", str(turns)),)
    specs = []
    n = 0
    for point in points:
        for r in range(1, runs + 1):
            n += 1
            specs.append(RunSpec(n, r, run_seed(batch_seed, r), point + extra))
    return BatchPlan(
        source=ScenarioSource(path.name, files, base.source_hash),
        scenario_id=base.id,
        scenario_name=base.name,
        batch_seed=batch_seed,
        turns=last,
        runs_per_point=runs,
        variations=variations,
        sample=sample,
        runs=tuple(specs),
    )


# ------------------------------------------------------------------------------------------
# One run, in memory
# ------------------------------------------------------------------------------------------


@dataclass
class RunOutput:
    """What a run sends back: its row, its series rows and how long it took (not part of the results)."""

    run: int
    row: dict[str, Any]
    series: list[tuple[Any, ...]]
    seconds: float


def seats_of(scenario: Scenario) -> dict[str, str]:
    """Every state is played by the computer: aggressors by the aggressor AI, the others by the default policy
    (``wargame play --ai-others --autopilot`` with no seat)."""
    return {s: "ai" for s, st in sorted(scenario.states.items()) if not st.non_state}


def play_run(base: Scenario, spec: RunSpec, *, on_turn: Callable[[WorldState], None] | None = None) -> RunOutput:
    """Play one run in memory and measure it."""
    start = time.perf_counter()
    changes, difficulty = V.split_difficulty(spec.assignment)
    scenario = V.apply(base, changes)
    ai = frozenset(seats_of(scenario))
    world = initial_world(scenario)
    first = world
    events = []
    series = {0: series_of(scenario, world)}
    while not world.ended:
        rec = resolve_turn(scenario, world, (), spec.seed, (), ai, difficulty)
        world = rec.world
        events.extend(rec.events)
        series[world.turn] = series_of(scenario, world)
        if on_turn:
            on_turn(world)
    trace = RunTrace(scenario, difficulty, first, world, events, series)
    row: dict[str, Any] = {
        "run": spec.run,
        "replicate": spec.replicate,
        "seed": spec.seed,
        "rules_version": RULES_VERSION,
        "scenario": scenario.id,
        "difficulty": difficulty,
        "vary": json.dumps(dict(spec.values), sort_keys=True),
        "final_hash": state_hash(world),
    }
    for name, text in spec.values:
        row[vary_column(name)] = _typed(V.value_of(name, text, base))
    row.update(measure_row(trace))
    return RunOutput(spec.run, row, _stake_rows(spec.run, series), time.perf_counter() - start)


def _typed(value: Any) -> Any:
    """A varied value as a Parquet cell: numbers and booleans as they are, enums by value, dates as text."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, bool | int | float | str):
        return value
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def vary_column(name: str) -> str:
    """The column of a varied name: ``rules.attribution_threshold`` → ``vary_rules_attribution_threshold``."""
    return column_name("vary", name)


def _stake_rows(run: int, series: dict[int, dict[str, tuple[Any, ...]]]) -> list[tuple[Any, ...]]:
    """The series rows of the states whose figures changed at some turn (the others kept their turn-0
    figures throughout; leaving them out keeps the table small for a world of 170 states)."""
    start = series[0]
    turns = sorted(series)
    moved = sorted(s for s in start if any(series[t].get(s) != start[s] for t in turns))
    return [(run, t, s, *series[t][s]) for s in moved for t in turns]


_RUN_LOCK = threading.Lock()
"""Runs in one process take turns. A Dask worker may run tasks in several threads, and the engine is not
thread-safe: its codec builds a type's plan on first use and takes a second thread building the same plan at
the same moment for a recursive type (TypeError "refers to itself"). The GIL lets only one thread run Python
at a time anyway, so this costs no throughput; processes (the local pool, Dask's worker processes) run in
parallel."""


def _run_chunk(source: ScenarioSource, specs: Sequence[RunSpec]) -> list[RunOutput]:
    """A task: play ``specs`` one after the other (the entry point of a worker, local or Dask)."""
    out = []
    for s in specs:
        with _RUN_LOCK:
            base = source.load()
            _settle(base)
            out.append(play_run(base, s))
    return out


_SETTLED: list[int] = []


def _settle(base: Scenario) -> None:
    """Once per scenario loaded in a worker: move everything alive now (the scenario, its outlines, the modules)
    out of the garbage collector's sight (:func:`gc.freeze`). A run allocates hundreds of thousands of short-lived
    objects; every full collection used to walk the scenario's outlines and the route memo as well, which cost a
    quarter of a run's time. Young collections are also made rarer. Frozen objects are still freed by reference counting; nothing about a run changes.
    Only in a worker process (a pool's or Dask's): a batch run in this process (tests, the Analysis window's replay)
    leaves the collector alone."""
    if multiprocessing.parent_process() is None or (_SETTLED and _SETTLED[0] == id(base)):
        return
    gc.collect()
    gc.freeze()
    gc.set_threshold(100_000, 50, 100)  # young collections every 100,000 allocations, not 700: a few % of a run
    _SETTLED[:] = [id(base)]


def _noop_chunk(source: ScenarioSource, specs: Sequence[RunSpec]) -> list[RunOutput]:
    """A task that does nothing but travel (the floor of ``benchmarks/bench_batch.py``)."""
    return [RunOutput(s.run, {}, [], 0.0) for s in specs]


def _worker_init() -> None:
    """Workers of the local pool ignore Ctrl+C: the terminal sends it to the whole process group, and the
    batch (not each worker) decides what a stop means."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


# ------------------------------------------------------------------------------------------
# Running many
# ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BatchProgress:
    """How far a batch is: runs done of the total, time so far and the estimated time left (seconds)."""

    done: int
    total: int
    elapsed: float
    eta: float | None
    stopping: bool = False


@dataclass
class StopFlags:
    """Set by the caller (a Ctrl+C handler, a Cancel button): ``stop`` lets the runs under way finish,
    ``abort`` drops them."""

    stop: bool = False
    abort: bool = False

    def request(self) -> None:
        """A first request stops, a second aborts."""
        if self.stop:
            self.abort = True
        self.stop = True


@dataclass
class BatchSummary:
    """What :func:`run_batch` did."""

    path: Path
    turns_path: Path
    runs_done: int
    runs_planned: int
    complete: bool
    seconds: float
    workers: int
    scheduler: str


class BatchExecutor:
    """A concurrent.futures executor: a local process pool or a Dask client's executor."""

    def __init__(self, workers: int | None, scheduler: str | None, *, connect_timeout: float = 10.0) -> None:
        self.scheduler = scheduler or "local"
        self._client: Any = None
        if scheduler:
            try:
                from distributed import Client
            except ImportError as exc:  # pragma: no cover - pinned in requirements
                raise AppError(f"Dask distributed is not installed: {exc}") from None
            try:
                self._client = Client(scheduler, timeout=connect_timeout, set_as_default=False)
            except (OSError, TimeoutError, ValueError) as exc:
                raise AppError(f"cannot reach the Dask scheduler at {scheduler}: {_first_line(exc)}") from None
            n = sum(w.get("nthreads", 1) for w in self._client.scheduler_info().get("workers", {}).values())
            self.workers = max(1, n)
            self.pool: cf.Executor = self._client.get_executor(pure=False)
        else:
            self.workers = max(1, workers or os.cpu_count() or 1)
            ctx = multiprocessing.get_context("forkserver" if os.name == "posix" else "spawn")
            self.pool = cf.ProcessPoolExecutor(self.workers, mp_context=ctx, initializer=_worker_init)

    def submit(self, fn: Callable[..., Any], *args: Any) -> cf.Future[Any]:
        return self.pool.submit(fn, *args)

    def close(self, *, abort: bool = False) -> None:
        if self._client is not None:
            self.pool.shutdown(wait=not abort)
            self._client.close()
            return
        if abort:
            # concurrent.futures has no public way (before Python 3.14) to stop a task under way: end the workers.
            procs = list(getattr(self.pool, "_processes", {}).values())
            self.pool.shutdown(wait=False, cancel_futures=True)
            for p in procs:
                p.terminate()
            for p in procs:
                p.join(5)
        else:
            self.pool.shutdown(wait=True)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def drive(
    plan: BatchPlan,
    executor: BatchExecutor,
    *,
    task: Callable[..., list[RunOutput]] = _run_chunk,
    progress: Callable[[BatchProgress], None] | None = None,
    flags: StopFlags | None = None,
    target_seconds: float = TARGET_TASK_SECONDS,
    chunks: list[int] | None = None,
) -> list[RunOutput]:
    """Play the plan's runs on ``executor``; returns the finished runs (all, or those done before a stop).

    Tasks are submitted a few at a time (two per worker): the first holds one run each, the next are sized
    from the measured time per run so that each lasts about ``target_seconds``, and never more than a fair
    share of what is left (so the last ones end together). The size of each task is appended to ``chunks``
    (a list given with sizes already in it is followed instead: the benchmark's floor repeats a batch's tasks).
    """
    replay_sizes = deque(chunks) if chunks else None
    flags = flags or StopFlags()
    todo = deque(plan.runs)
    inflight: dict[cf.Future[list[RunOutput]], int] = {}
    out: list[RunOutput] = []
    start = time.monotonic()
    per_run: float | None = None
    total = len(plan.runs)
    last_report = 0.0

    def report(force: bool = False) -> None:
        nonlocal last_report
        now = time.monotonic()
        if progress is None or (not force and now - last_report < 0.2):
            return
        last_report = now
        done = len(out)
        elapsed = now - start
        eta = elapsed / done * (total - done) if done and not flags.stop else None
        progress(BatchProgress(done, total, elapsed, eta, flags.stop))

    report(True)
    try:
        while todo or inflight:
            if flags.abort:
                break
            while todo and not flags.stop and len(inflight) < 2 * executor.workers:
                if replay_sizes:
                    n = min(replay_sizes.popleft(), len(todo))
                else:
                    n = 1 if per_run is None else max(1, round(target_seconds / max(per_run, 1e-6)))
                    n = min(n, max(1, math.ceil(len(todo) / executor.workers)), len(todo))
                    if chunks is not None:
                        chunks.append(n)
                chunk = [todo.popleft() for _ in range(n)]
                inflight[executor.submit(task, plan.source, chunk)] = n
            if not inflight:
                break
            done, _ = cf.wait(list(inflight), timeout=0.2, return_when=cf.FIRST_COMPLETED)
            for fut in done:
                inflight.pop(fut)
                try:
                    got = fut.result()
                except cf.CancelledError:
                    continue
                except AppError:
                    raise
                except Exception as exc:  # a worker's failure: one line, the finished runs are kept
                    raise BatchFailed(f"a run failed: {type(exc).__name__}: {_first_line(exc)}", out) from exc
                out.extend(got)
                secs = [r.seconds for r in got if r.seconds > 0]
                if secs:
                    mean = sum(secs) / len(secs)
                    per_run = mean if per_run is None else 0.7 * per_run + 0.3 * mean
            report()
    finally:
        for fut in inflight:
            fut.cancel()
    report(True)
    return out


class BatchFailed(AppError):
    """A run failed; ``finished`` holds the runs done before it (they are written as a partial result)."""

    def __init__(self, message: str, finished: list[RunOutput]) -> None:
        super().__init__(message)
        self.finished = finished


def run_batch(
    plan: BatchPlan,
    out_path: str | Path,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    progress: Callable[[BatchProgress], None] | None = None,
    flags: StopFlags | None = None,
    keep_games: str | Path | None = None,
    overwrite: bool = False,
) -> BatchSummary:
    """Play the plan and write the results (a partial result if stopped or if a run failed)."""
    out = _check_output(out_path, overwrite)
    if workers is not None and workers < 1:
        raise AppError(f"--workers must be 1 or more, not {workers}")
    games_dir = _check_games_dir(keep_games) if keep_games else None
    flags = flags or StopFlags()
    started = dt.datetime.now(dt.UTC)
    t0 = time.monotonic()
    executor = BatchExecutor(workers, scheduler)
    failure: BatchFailed | None = None
    try:
        try:
            outputs = drive(plan, executor, progress=progress, flags=flags)
        except BatchFailed as exc:
            failure, outputs = exc, exc.finished
    finally:
        executor.close(abort=flags.abort or failure is not None)
    seconds = time.monotonic() - t0
    complete = len(outputs) == len(plan.runs)
    meta = BatchMeta.of_plan(plan, runs_done=len(outputs), complete=complete, workers=executor.workers)
    meta = dataclasses.replace(
        meta,
        scheduler=executor.scheduler,
        started=started.isoformat(timespec="seconds"),
        seconds=round(seconds, 3),
        stopped=("failed: " + str(failure)) if failure else ("interrupted" if not complete else ""),
    )
    write_results(out, plan, outputs, meta)
    if games_dir is not None:
        for o in sorted(outputs, key=lambda o: o.run):
            if flags.abort:
                break
            replay(out, o.run, games_dir / f"run-{o.run:05d}.wargame", overwrite=overwrite)
    if failure is not None:
        raise AppError(f"{failure} ({len(outputs)} finished runs kept in {out.name}, marked partial)")
    return BatchSummary(
        out, turns_path(out), len(outputs), len(plan.runs), complete, seconds, executor.workers, executor.scheduler
    )


def _check_output(path: str | Path, overwrite: bool) -> Path:
    out = Path(path)
    if out.suffix.lower() != ".parquet":
        raise AppError(f"the results go to a .parquet file, not {out.name!r}")
    if out.is_dir():
        raise AppError(f"{out} is a folder")
    if not out.parent.is_dir():
        raise AppError(f"the folder {out.parent} does not exist")
    for p in (out, turns_path(out)):
        if p.exists() and not overwrite:
            raise AppError(f"{p} already exists; choose another name (or --force)")
    return out


def _check_games_dir(path: str | Path) -> Path:
    d = Path(path)
    if d.exists() and not d.is_dir():
        raise AppError(f"--keep-games needs a folder, and {d} is a file")
    d.mkdir(parents=True, exist_ok=True)
    return d


# The results' files and replay live in batch_results (they need the definitions above); the names are
# re-exported here so that ``wargame.app.batch`` is the one door for clients.
from .batch_results import (  # noqa: E402
    FORMAT,
    META_KEY,
    BatchMeta,
    BatchResults,
    ReplayResult,
    open_results,
    replay,
    result_columns,
    rules_mismatch,
    turns_path,
    write_results,
)
