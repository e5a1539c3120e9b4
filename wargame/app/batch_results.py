"""A batch's results: two Parquet files written whole (through temporary files), read back, and any run
replayed into a saved game with the same hashes (see :mod:`wargame.app.batch`)."""

from __future__ import annotations

import dataclasses
import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import wargame
from wargame.engine import RULES_VERSION, Scenario

from . import AppError, new_game
from . import variations as V
from .batch import BatchPlan, RunOutput, ScenarioSource, _first_line, _typed, seats_of, vary_column
from .batch_measures import BASE_COLUMNS, SERIES_COLUMNS, Column, run_columns

__all__ = [
    "FORMAT",
    "META_KEY",
    "BatchMeta",
    "BatchResults",
    "ReplayResult",
    "open_results",
    "replay",
    "result_columns",
    "rules_mismatch",
    "turns_path",
    "write_results",
]

FORMAT = 1
"""Version of the results' layout (metadata key ``wargame.batch``)."""
META_KEY = b"wargame.batch"


# ------------------------------------------------------------------------------------------
# The results
# ------------------------------------------------------------------------------------------


def turns_path(results: str | Path) -> Path:
    """The per-turn series next to the run table: RESULTS.parquet → RESULTS.turns.parquet."""
    p = Path(results)
    return (
        p.with_name(p.name[: -len(p.suffix)] + ".turns.parquet") if p.suffix else p.with_name(p.name + ".turns.parquet")
    )


@dataclass(frozen=True)
class BatchMeta:
    """How a batch was made (the ``wargame.batch`` metadata of both Parquet files)."""

    format: int
    rules_version: int
    app_version: str
    scenario_id: str
    scenario_name: str
    scenario_main: str
    scenario_hash: str
    batch_seed: int
    turns: int
    runs_per_point: int
    variations: list[dict[str, Any]]
    sample: int | None
    runs_planned: int
    runs_done: int
    complete: bool
    workers: int = 0
    scheduler: str = ""
    started: str = ""
    seconds: float = 0.0
    stopped: str = ""
    """'' for a whole batch; 'interrupted' or 'failed: …' for a partial one."""
    columns: dict[str, dict[str, str]] = field(default_factory=dict)
    """column → {type, role, doc, label} of the run table."""
    scenario_files: str = ""
    """The scenario's files (zlib + base64 of their JSON), for replay."""

    @classmethod
    def of_plan(cls, plan: BatchPlan, *, runs_done: int, complete: bool, workers: int) -> BatchMeta:
        return cls(
            format=FORMAT,
            rules_version=RULES_VERSION,
            app_version=wargame.__version__,
            scenario_id=plan.scenario_id,
            scenario_name=plan.scenario_name,
            scenario_main=plan.source.main,
            scenario_hash=plan.source.source_hash,
            batch_seed=plan.batch_seed,
            turns=plan.turns,
            runs_per_point=plan.runs_per_point,
            variations=[{"name": v.name, "values": list(v.values)} for v in plan.variations],
            sample=plan.sample,
            runs_planned=len(plan.runs),
            runs_done=runs_done,
            complete=complete,
            workers=workers,
            scenario_files=plan.source.pack(),
        )

    def to_json(self) -> str:
        return json.dumps(dataclasses.asdict(self), sort_keys=True)


_ARROW = {"int": "int64", "float": "float64", "bool": "bool_", "str": "string"}


def _vary_columns(plan: BatchPlan, base: Scenario) -> list[Column]:
    """A ``vary_NAME`` column per varied name (``--turns`` counts as ``scenario.max_turns``)."""
    cols = []
    for name, text in plan.runs[0].values if plan.runs else ():
        typed = _typed(V.value_of(name, text, base))
        kind = {bool: "bool", int: "int", float: "float"}.get(type(typed), "str")
        cols.append(Column(vary_column(name), kind, f"The value of {name} in this run (--vary or --turns).", "label"))
    return cols


def result_columns(plan: BatchPlan) -> list[Column]:
    """The run table's columns for this plan: the run's identity, its varied values, then every measure."""
    base = plan.source.load()
    return [*BASE_COLUMNS, *_vary_columns(plan, base), *run_columns(base)]


def write_results(path: Path, plan: BatchPlan, outputs: list[RunOutput], meta: BatchMeta) -> None:
    """Write the run table and the series (each through a temporary file, then renamed: never half a file)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    cols = result_columns(plan)
    meta = dataclasses.replace(
        meta, columns={c.name: {"type": c.type, "role": c.role, "doc": c.doc, "label": c.title} for c in cols}
    )
    meta_bytes = {META_KEY: meta.to_json().encode("utf-8")}
    outputs = sorted(outputs, key=lambda o: o.run)
    fields = [pa.field(c.name, getattr(pa, _ARROW[c.type])(), metadata={"doc": c.doc, "role": c.role}) for c in cols]
    schema = pa.schema(fields, metadata=meta_bytes)
    runs = pa.table({c.name: [o.row.get(c.name) for o in outputs] for c in cols}, schema=schema)
    s_cols = [
        Column("run", "int", "The run."),
        Column("turn", "int", "The turn (0: the start)."),
        Column("state", "str", "The state."),
        *SERIES_COLUMNS,
    ]
    s_fields = [pa.field(c.name, getattr(pa, _ARROW[c.type])(), metadata={"doc": c.doc}) for c in s_cols]
    rows = [r for o in outputs for r in o.series]
    s_schema = pa.schema(s_fields, metadata=meta_bytes)
    series = pa.table({c.name: [r[i] for r in rows] for i, c in enumerate(s_cols)}, schema=s_schema)
    tp = turns_path(path)
    written: list[tuple[Path, Path]] = []
    try:
        for table, final in ((series, tp), (runs, path)):
            fd, tmp = tempfile.mkstemp(prefix=f".{final.name}.", suffix=".partial", dir=final.parent)
            os.close(fd)
            written.append((Path(tmp), final))
            pq.write_table(table, tmp, compression="zstd")
        for tmp, final in written:
            os.replace(tmp, final)
    except OSError as exc:
        raise AppError(f"cannot write {path}: {exc.strerror or exc}") from None
    finally:
        for tmp, _ in written:
            if tmp.exists():
                tmp.unlink()


@dataclass
class BatchResults:
    """A results file, read: its metadata and its run table as columns (name → list of values)."""

    path: Path
    meta: BatchMeta
    columns: dict[str, list[Any]]
    docs: dict[str, dict[str, str]]

    @property
    def runs(self) -> list[int]:
        return list(self.columns.get("run", []))

    def row(self, run: int) -> dict[str, Any]:
        try:
            i = self.runs.index(run)
        except ValueError:
            have = self.runs
            span = f"runs {min(have)} to {max(have)}" if have else "no runs"
            raise AppError(f"{self.path.name} has no run {run} ({span})") from None
        return {k: v[i] for k, v in self.columns.items()}

    def series(self, run: int | None = None) -> dict[str, list[Any]]:
        """The per-turn series (of one run, or all) as columns."""
        import pyarrow.parquet as pq

        tp = turns_path(self.path)
        if not tp.is_file():
            raise AppError(f"the per-turn series {tp.name} is missing next to {self.path.name}")
        try:
            table = pq.read_table(tp, filters=[("run", "==", run)] if run is not None else None)
        except Exception as exc:  # noqa: BLE001 - a damaged file: one line
            raise AppError(f"{tp.name} cannot be read: {_first_line(exc)}") from None
        return table.to_pydict()


def open_results(path: str | Path) -> BatchResults:
    """Read a results file; :class:`AppError` if it is missing, not Parquet, or not a batch's results."""
    import pyarrow.parquet as pq

    p = Path(path)
    if not p.is_file():
        raise AppError(f"no results file {str(path)!r}")
    try:
        pf = pq.ParquetFile(p)
        raw = (pf.schema_arrow.metadata or {}).get(META_KEY)
    except Exception as exc:  # noqa: BLE001 - not Parquet, or damaged
        raise AppError(f"{p.name} is not a Parquet file of batch results ({_first_line(exc)})") from None
    if raw is None:
        raise AppError(
            f"{p.name} is a Parquet file but not the results of 'wargame batch' (no {META_KEY.decode()} metadata)"
        )
    try:
        data = json.loads(raw.decode("utf-8"))
        known = {f.name for f in dataclasses.fields(BatchMeta)}
        meta = BatchMeta(**{k: v for k, v in data.items() if k in known})
    except (ValueError, TypeError) as exc:
        raise AppError(f"{p.name}: its batch metadata cannot be read ({_first_line(exc)})") from None
    if meta.format > FORMAT:
        raise AppError(
            f"{p.name} was written by a newer wargame (results format {meta.format}; this one reads {FORMAT})"
        )
    try:
        columns = pf.read().to_pydict()
    except Exception as exc:  # noqa: BLE001
        raise AppError(f"{p.name} cannot be read: {_first_line(exc)}") from None
    return BatchResults(p, meta, columns, dict(meta.columns))


# ------------------------------------------------------------------------------------------
# Replay
# ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReplayResult:
    path: Path
    run: int
    turns: int
    final_hash: str
    expected_hash: str

    @property
    def ok(self) -> bool:
        return self.final_hash == self.expected_hash


def rules_mismatch(meta: BatchMeta) -> str:
    """Why today's rules cannot replay these results ('' if they can)."""
    if meta.rules_version == RULES_VERSION:
        return ""
    return (
        f"these results were made with version {meta.rules_version} of the rules and this wargame plays version "
        f"{RULES_VERSION}: their runs cannot be replayed (run the batch again to analyse today's rules)"
    )


def replay(
    results: str | Path | BatchResults,
    run: int,
    out_path: str | Path,
    *,
    overwrite: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> ReplayResult:
    """Rebuild run ``run`` of a batch as a saved game (its seed, varied values and difficulty; every state
    played by the computer as in the batch) and check its last state hash against the results."""
    res = results if isinstance(results, BatchResults) else open_results(results)
    if why := rules_mismatch(res.meta):
        raise AppError(f"{res.path.name}: {why}")
    row = res.row(run)
    if int(row.get("rules_version", res.meta.rules_version)) != RULES_VERSION:
        raise AppError(f"{res.path.name}: run {run} was played with version {row['rules_version']} of the rules")
    try:
        assignment = {str(k): str(v) for k, v in json.loads(row["vary"] or "{}").items()}
    except (ValueError, AttributeError) as exc:
        raise AppError(f"{res.path.name}: run {run}'s varied values cannot be read ({exc})") from None
    source = ScenarioSource.unpack(res.meta.scenario_main, res.meta.scenario_files, res.meta.scenario_hash)
    changes, difficulty = V.split_difficulty(assignment)
    with tempfile.TemporaryDirectory(prefix="wargame-replay-") as tmp:
        for name, text in source.files.items():
            target = Path(tmp) / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        base = source.load()
        game = new_game(
            Path(tmp) / source.main,
            out_path,
            seed=int(row["seed"]),
            overwrite=overwrite,
            seats=seats_of(V.apply(base, changes)),
            difficulty=difficulty,
            tag="batch",
            title=f"{res.meta.scenario_name} — batch run {run}",
            vary=changes,
        )
    with game:
        game.set_variant(batch={"results": res.path.name, "run": run, "batch_seed": res.meta.batch_seed})
        target_turn = int(row.get("end_turn") or game.scenario.max_turns)
        if not game.world.ended and game.last_turn < target_turn:
            game.advance(target_turn - game.last_turn, progress=progress)
        final = game.hashes().get(game.last_turn, "")
        return ReplayResult(game.path, run, game.last_turn, final, str(row.get("final_hash", "")))
