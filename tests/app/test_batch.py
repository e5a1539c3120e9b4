"""Batch runs: plans, seeds, variations, the local pool and Dask giving the same results, replay into a saved
game that verifies, the results queried with DuckDB, Ctrl+C keeping the finished runs, and bad arguments."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from wargame.app import AppError, open_game, scenarios
from wargame.app import batch as B
from wargame.app import batch_measures as M
from wargame.app import variations as V
from wargame.cli import main

ROOT = Path(__file__).resolve().parents[2]


def run_cli(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def demo():
    return scenarios.load(scenarios.resolve("demo"))


@pytest.fixture(scope="module")
def small_batch(tmp_path_factory):
    """12 runs of 4 demo turns, two varied names (one shared batch for the read-only tests)."""
    out = tmp_path_factory.mktemp("batch") / "r.parquet"
    plan = B.plan_batch("demo", 3, seed=5, turns=4, vary=["difficulty=easy,hard", "states.EST.opinion_baseline=30,70"])
    summary = B.run_batch(plan, out, workers=2)
    assert summary.complete and summary.runs_done == 12
    return out


# ------------------------------------------------------------------------------------------ plans and seeds


def test_run_seed_is_a_stable_hash_of_batch_seed_and_replicate():
    """A run's seed depends only on the batch seed and its replicate: the same every time, on every machine."""
    assert B.run_seed(7, 1) == B.run_seed(7, 1)
    assert B.run_seed(7, 1) != B.run_seed(7, 2) != B.run_seed(8, 2)
    assert B.run_seed(7, 1) == 5502099857068162918  # sha256("wargame-batch|7|1")[:8] >> 1: never Python's hash()
    assert 0 <= B.run_seed(123, 45) < 2**63


def test_full_grid_plays_every_combination_with_the_same_seeds():
    plan = B.plan_batch("demo", 2, seed=3, vary=["difficulty=easy,hard", "rules.attribution_threshold=0.5,0.7,0.9"])
    assert len(plan.runs) == 2 * 2 * 3
    assert [r.run for r in plan.runs] == list(range(1, 13))
    combos = {r.values for r in plan.runs}
    assert len(combos) == 6
    # common random numbers: replicate r has the same seed at every combination
    for rep in (1, 2):
        assert len({r.seed for r in plan.runs if r.replicate == rep}) == 1


def test_sample_draws_combinations_with_the_batch_seed():
    a = B.plan_batch("demo", 1, seed=9, vary=["rules.attribution_threshold=0.5,0.6,0.7,0.8,0.9"], sample=20)
    b = B.plan_batch("demo", 1, seed=9, vary=["rules.attribution_threshold=0.5,0.6,0.7,0.8,0.9"], sample=20)
    c = B.plan_batch("demo", 1, seed=10, vary=["rules.attribution_threshold=0.5,0.6,0.7,0.8,0.9"], sample=20)
    assert len(a.runs) == 20 and a.runs == b.runs
    assert [r.values for r in a.runs] != [r.values for r in c.runs]
    assert len({r.values for r in a.runs}) > 1


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"runs": 0}, "--runs must be 1 or more"),
        ({"runs": 1, "vary": ["rules.atribution_threshold=0.5"]}, "did you mean 'attribution_threshold'"),
        ({"runs": 1, "vary": ["rules.attribution_threshold=1.5"]}, "less than or equal to 1"),
        ({"runs": 1, "vary": ["states.DUE.opinion_baseline=40"]}, "did you mean 'DEU'"),
        ({"runs": 1, "vary": ["states.DEU.opinion=40"]}, "did you mean 'opinion_baseline'"),
        ({"runs": 1, "vary": ["states.DEU.opinion_baseline=140"]}, "less than or equal to 100"),
        ({"runs": 1, "vary": ["states.FRA.doctrine=reliabel"]}, "did you mean 'reliable'"),
        ({"runs": 1, "vary": ["difficulty=hrad"]}, "did you mean 'hard'"),
        ({"runs": 1, "vary": ["rule.attribution_threshold=0.5"]}, "did you mean 'rules'"),
        ({"runs": 1, "vary": ["rules.attribution_threshold"]}, "NAME=V1,V2"),
        ({"runs": 1, "vary": ["rules.attribution_threshold=0.5,,0.7"]}, "separated by commas"),
        ({"runs": 1, "vary": ["rules.attribution_threshold=0.5,0.5"]}, "listed twice"),
        ({"runs": 1, "vary": ["scenario.max_turns=2.5"]}, "whole number"),
        ({"runs": 1, "vary": ["difficulty=easy", "difficulty=hard"]}, "given twice"),
        ({"runs": 1, "sample": 3}, "--sample draws combinations"),
        ({"runs": 1, "turns": 3, "vary": ["scenario.max_turns=4"]}, "say the same thing"),
    ],
)
def test_bad_plans_say_why_in_one_line(kwargs, message):
    with pytest.raises(AppError) as err:
        B.plan_batch("demo", **kwargs)
    assert message in str(err.value) and "\n" not in str(err.value)


def test_variations_apply_to_a_copy_of_the_scenario(demo):
    """Rules, states, forces and the scenario's own fields vary in memory; the loaded scenario is unchanged."""
    force = demo.forces[0]
    changed = V.apply(
        demo,
        {
            "rules.attribution_threshold": "0.5",
            "states.DEU.opinion_baseline": "61",
            "states.FRA.doctrine": "reliable",
            f"forces.{force.id}.readiness_days": "9",
            "scenario.max_turns": "7",
            "difficulty": "hard",  # not the scenario's: split_difficulty hands it to the turns
        },
    )
    assert changed.rules.attribution_threshold == 0.5 and demo.rules.attribution_threshold == 0.7
    assert changed.states["DEU"].opinion_baseline == 61.0 and demo.states["DEU"].opinion_baseline != 61.0
    assert changed.states["FRA"].doctrine.value == "reliable"
    assert changed.force(force.id).readiness_days == 9.0 and demo.force(force.id).readiness_days != 9.0
    assert changed.max_turns == 7 and demo.max_turns == 30
    assert V.split_difficulty({"difficulty": "hard", "rules.x": "1"}) == ({"rules.x": "1"}, "hard")


# ------------------------------------------------------------------------------------------ running


def _pool_vs_dask_plan() -> B.BatchPlan:
    return B.plan_batch("demo", 25, seed=21, turns=6, vary=["difficulty=easy,hard"])


def test_dask_local_cluster_and_local_pool_give_identical_results(tmp_path):
    """The same batch of 50 on a Dask LocalCluster (loopback TCP) and on the local process pool: run by run the
    same rows and the same per-turn series."""
    distributed = pytest.importorskip("distributed")
    plan = _pool_vs_dask_plan()
    assert len(plan.runs) == 50
    local = B.run_batch(plan, tmp_path / "local.parquet", workers=2)
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=False,
        protocol="tcp://",
        host="127.0.0.1",
        dashboard_address=None,
    ) as cluster:
        assert cluster.scheduler_address.startswith("tcp://127.0.0.1:")
        remote = B.run_batch(plan, tmp_path / "dask.parquet", scheduler=cluster.scheduler_address)
    assert local.complete and remote.complete and remote.scheduler.startswith("tcp://127.0.0.1")
    a = pq.read_table(local.path).to_pylist()
    b = pq.read_table(remote.path).to_pylist()
    assert len(a) == len(b) == 50
    for ra, rb in zip(a, b, strict=True):
        assert ra == rb, f"run {ra['run']} differs"
    assert pq.read_table(local.turns_path).to_pylist() == pq.read_table(remote.turns_path).to_pylist()
    assert len({r["final_hash"] for r in a}) > 1  # the seeds make different games


def test_a_batch_run_replayed_into_a_saved_game_verifies(tmp_path, small_batch):
    """Replay rebuilds a run (seed, varied values, difficulty) as a saved game with the same last hash, and
    ``verify`` re-adjudicates it turn by turn; the game records its variations and opens again with them."""
    res = B.open_results(small_batch)
    row = next(r for r in (res.row(n) for n in res.runs) if json.loads(r["vary"])["difficulty"] == "hard")
    out = tmp_path / f"run{row['run']}.wargame"
    rep = B.replay(res, row["run"], out)
    assert rep.ok and rep.final_hash == row["final_hash"] and rep.turns == 4
    with open_game(out, readonly=True) as game:
        assert game.difficulty == "hard" and game.seed == row["seed"]
        assert (
            game.meta.variant["vary"]["states.EST.opinion_baseline"]
            == json.loads(row["vary"])["states.EST.opinion_baseline"]
        )
        assert game.scenario.states["EST"].opinion_baseline == row["vary_states_EST_opinion_baseline"]
        assert game.hashes()[game.last_turn] == row["final_hash"]
        report = game.verify()
        assert report.ok, report


def test_replay_from_the_cli_and_refusal_of_other_rules(tmp_path, small_batch, capsys):
    code, out, err = run_cli(capsys, "batch", "replay", small_batch, "--run", 3, "-o", tmp_path / "r3.wargame")
    assert code == 0, err
    assert "the same final state hash" in out
    code, out, err = run_cli(capsys, "verify", tmp_path / "r3.wargame")
    assert code == 0 and out.startswith("OK")
    # a results file made with another RULES_VERSION is refused for replay, in one line
    table = pq.read_table(small_batch)
    meta = json.loads(table.schema.metadata[B.META_KEY])
    meta["rules_version"] += 1
    other = tmp_path / "other.parquet"
    pq.write_table(table.replace_schema_metadata({B.META_KEY: json.dumps(meta).encode()}), other)
    code, out, err = run_cli(capsys, "batch", "replay", other, "--run", 1, "-o", tmp_path / "x.wargame")
    assert code == 2 and "version" in err and "cannot be replayed" in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "x.wargame").exists()


def test_keep_games_writes_each_run_as_a_saved_game_that_verifies(tmp_path):
    plan = B.plan_batch("demo", 2, seed=8, turns=3)
    summary = B.run_batch(plan, tmp_path / "k.parquet", workers=1, keep_games=tmp_path / "games")
    games = sorted((tmp_path / "games").glob("*.wargame"))
    assert [g.name for g in games] == ["run-00001.wargame", "run-00002.wargame"]
    rows = {r["run"]: r for r in pq.read_table(summary.path).to_pylist()}
    for n, path in enumerate(games, start=1):
        with open_game(path, readonly=True) as game:
            assert game.hashes()[game.last_turn] == rows[n]["final_hash"]
            assert game.meta.variant["batch"] == {"results": "k.parquet", "run": n, "batch_seed": 8}
            assert game.verify().ok


def test_results_are_queryable_with_duckdb(small_batch):
    duckdb = pytest.importorskip("duckdb")
    runs = str(small_batch)
    turns = str(B.turns_path(small_batch))
    con = duckdb.connect()
    rows = con.execute(
        f"SELECT difficulty, count(*) AS n, avg(score) AS score, avg(casualties_total) AS casualties "
        f"FROM read_parquet('{runs}') GROUP BY difficulty ORDER BY difficulty"
    ).fetchall()
    assert [(d, n) for d, n, *_ in rows] == [("easy", 6), ("hard", 6)]
    assert all(s is not None for _, _, s, _ in rows)
    # the per-turn series joins the run table on run
    (n,) = con.execute(
        f"SELECT count(*) FROM read_parquet('{turns}') t JOIN read_parquet('{runs}') r USING (run) "
        "WHERE t.state = 'EST' AND t.turn = r.end_turn"
    ).fetchone()
    assert n == 12
    (low,) = con.execute(
        f"SELECT min(support) FROM read_parquet('{turns}') WHERE state = 'EST' AND turn = 0"
    ).fetchone()
    assert low == 30.0  # the varied opinion baseline shows in the series


def test_results_say_how_they_were_made_and_document_every_column(small_batch):
    res = B.open_results(small_batch)
    m = res.meta
    assert m.complete and m.runs_done == m.runs_planned == 12 and m.stopped == ""
    assert m.scenario_id == "demo" and m.batch_seed == 5 and m.turns == 4
    assert [v["name"] for v in m.variations] == ["difficulty", "states.EST.opinion_baseline"]
    schema = pq.read_schema(small_batch)
    for f in schema:
        assert f.metadata and f.metadata[b"doc"], f"column {f.name} has no meaning"
    docs = (ROOT / "docs" / "batch.md").read_text(encoding="utf-8")
    scenario = scenarios.load(scenarios.resolve("demo"))
    for col in [*M.BASE_COLUMNS, *M.SERIES_COLUMNS, *(c for c in M.run_columns(scenario) if c.name == c.name)]:
        if col.name.startswith(("invoked_", "objective_", "holder_")) and col.name not in (
            "invoked",
            "invocations",
        ):
            continue  # one per treaty article, objective and held place: described by pattern
        assert f"`{col.name}`" in docs, f"docs/batch.md does not describe {col.name}"


def test_a_new_measure_is_one_function(demo):
    """Registering a function adds its column to every run's row and to the schema."""

    @M.measure(M.Column("notes_logged", "int", "Facilitator notes in the log.", "measure"))
    def notes(trace):
        return {"notes_logged": len(trace.of(M.EventKind.NOTE))}

    try:
        assert "notes_logged" in [c.name for c in M.run_columns(demo)]
        plan = B.plan_batch("demo", 1, turns=2)
        out = B.play_run(plan.source.load(), plan.runs[0])
        assert out.row["notes_logged"] == 0
    finally:
        M.MEASURES.pop()


def test_same_run_same_row(demo):
    """A run is a function of its seed and values: played twice it gives the same row and series."""
    plan = B.plan_batch("demo", 2, seed=4, turns=5, vary=["difficulty=hard"])
    base = plan.source.load()
    a, b = (B.play_run(base, plan.runs[1]) for _ in range(2))
    assert a.row == b.row and a.series == b.series


# ------------------------------------------------------------------------------------------ stopping


def test_ctrl_c_keeps_the_finished_runs_in_a_partial_file(tmp_path):
    """SIGINT (as Ctrl+C sends) stops the batch: the runs under way finish, the finished runs are written, the
    file says it is partial, and the exit status is 130."""
    out = tmp_path / "stopped.parquet"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "wargame",
            "batch",
            "demo",
            "--runs",
            "200",
            "--turns",
            "10",
            "--workers",
            "2",
            "-o",
            str(out),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    try:
        deadline = time.monotonic() + 120
        seen = ""
        while time.monotonic() < deadline:
            line = proc.stderr.readline()
            seen += line
            if line.startswith("batch [") and not line.split("] ")[1].startswith("0/"):
                break  # some runs are done (the first progress line after 0)
            assert proc.poll() is None, seen
        else:
            pytest.fail(f"no progress in time: {seen}")
        proc.send_signal(signal.SIGINT)
        stdout, stderr = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 130, stderr
    assert "Stopped:" in stdout and "marked partial" in stdout
    assert "stopping" in stderr and "Traceback" not in stderr
    res = B.open_results(out)
    assert not res.meta.complete and res.meta.stopped == "interrupted"
    assert 0 < res.meta.runs_done < 200 == res.meta.runs_planned
    assert len(res.runs) == res.meta.runs_done == len(set(res.runs))
    assert B.turns_path(out).is_file()
    assert not list(tmp_path.glob(".*partial"))  # no temporary file left behind
    # the partial results still replay
    rep = B.replay(res, res.runs[0], tmp_path / "first.wargame")
    assert rep.ok


# ------------------------------------------------------------------------------------------ the command line


def test_batch_cli_runs_and_reports_json(tmp_path, capsys):
    out = tmp_path / "r.parquet"
    code, text, err = run_cli(
        capsys,
        "batch",
        "demo",
        "--runs",
        2,
        "--turns",
        2,
        "--workers",
        1,
        "--vary",
        "difficulty=easy,hard",
        "-o",
        out,
        "--json",
    )
    assert code == 0, err
    data = json.loads(text)
    assert data["runs_done"] == data["runs_planned"] == 4 and data["complete"] is True
    assert data["scheduler"] == "local" and data["workers"] == 1
    code, text, err = run_cli(capsys, "batch", "demo", "--runs", 1, "-o", out)
    assert code == 2 and "already exists" in err  # never overwritten without --force


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["batch"], "required"),
        (["batch", "demo", "-o", "x.parquet"], "--runs"),
        (["batch", "demo", "--runs", "0", "-o", "x.parquet"], "must be 1 or more"),
        (["batch", "demo", "--runs", "two", "-o", "x.parquet"], "whole number"),
        (["batch", "demo", "--runs", "1", "-o", "x.csv"], ".parquet"),
        (["batch", "demo", "--runs", "1", "--workers", "0", "-o", "x.parquet"], "must be 1 or more"),
        (["batch", "dmeo", "--runs", "1", "-o", "x.parquet"], "did you mean 'demo'"),
        (["batch", "demo", "--runs", "1", "--vary", "rules.defender_bonu=2", "-o", "x.parquet"], "defender_bonus"),
        (["batch", "demo", "--runs", "1", "-o", "nowhere/x.parquet"], "does not exist"),
        (["batch", "demo", "--runs", "1", "--bogus", "-o", "x.parquet"], "unrecognized"),
        (["batch", "replay", "missing.parquet", "--run", "1", "-o", "g.wargame"], "no results file"),
        (["batch", "replay", "x.parquet", "-o", "g.wargame"], "--run"),
        (["batch", "report", "missing.parquet", "-o", "a.pdf"], "no results file"),
        (["batch", "report", "x.parquet", "-o", "a.txt"], ".pdf or .html"),
    ],
)
def test_bad_batch_arguments_give_one_line(tmp_path, capsys, monkeypatch, argv, message):
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli(capsys, *argv)
    assert code == 2, (out, err)
    assert message in err and err.startswith("wargame: error:") and len(err.strip().splitlines()) == 1
    assert not list(tmp_path.glob("*.parquet")) and not list(tmp_path.glob("*.wargame"))


def test_not_batch_results_are_refused(tmp_path, capsys):
    import pyarrow as pa

    plain = tmp_path / "plain.parquet"
    pq.write_table(pa.table({"a": [1, 2]}), plain)
    junk = tmp_path / "junk.parquet"
    junk.write_bytes(b"not parquet at all")
    for path, message in ((plain, "not the results of 'wargame batch'"), (junk, "not a Parquet file")):
        code, out, err = run_cli(capsys, "batch", "replay", path, "--run", 1, "-o", tmp_path / "g.wargame")
        assert code == 2 and message in err, err
    code, out, err = run_cli(capsys, "batch", "replay", plain, "--run", 1, "-o", tmp_path / "g.wargame")
    assert not (tmp_path / "g.wargame").exists()


def test_unreachable_scheduler_is_one_line(tmp_path):
    plan = B.plan_batch("demo", 1, turns=1)
    with pytest.raises(AppError) as err:
        B.BatchExecutor(None, "tcp://127.0.0.1:9", connect_timeout=1.0)
    assert "cannot reach the Dask scheduler" in str(err.value)
    assert not (tmp_path / "x.parquet").exists() and plan.runs
