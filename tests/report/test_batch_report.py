"""The batch report and the analysis behind it: Wilson intervals, timings, the tornado, typical runs."""

from __future__ import annotations

import dataclasses
import json
import shutil
import subprocess
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from wargame.app import AppError
from wargame.app import batch as B
from wargame.app.batch_analysis import analyse, tornado, typical_runs, wilson
from wargame.cli import main
from wargame.report.batch import write_batch_report


@pytest.fixture(scope="module")
def results(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("batchreport") / "r.parquet"
    plan = B.plan_batch("demo", 3, seed=2, turns=8, vary=["difficulty=easy,hard"])
    B.run_batch(plan, out, workers=1)
    return out


def test_wilson_interval_matches_published_values():
    """Wilson score intervals (z = 1.96): 0/10 → [0, 0.278]; 5/10 → [0.237, 0.763]; 10/10 → [0.722, 1]."""
    p, lo, hi = wilson(0, 10)
    assert p == 0 and lo == 0 and hi == pytest.approx(0.2775, abs=1e-4)
    p, lo, hi = wilson(5, 10)
    assert (p, round(lo, 4), round(hi, 4)) == (0.5, 0.2366, 0.7634)
    p, lo, hi = wilson(10, 10)
    assert p == 1 and hi == 1 and lo == pytest.approx(0.7225, abs=1e-4)
    assert wilson(0, 0) == (0.0, 0.0, 1.0)


def _fake(res: B.BatchResults, columns: dict, variations: list[dict]) -> B.BatchResults:
    docs = {c: {"type": "int", "role": "measure", "doc": c} for c in columns}
    return B.BatchResults(res.path, dataclasses.replace(res.meta, variations=variations), columns, docs)


def test_tornado_orders_by_spread_and_names_the_values(results):
    res = B.open_results(results)
    varies = [
        {"a": "1", "b": "x"},
        {"a": "1", "b": "y"},
        {"a": "2", "b": "x"},
        {"a": "2", "b": "y"},
    ]
    fake = _fake(
        res,
        {"run": [1, 2, 3, 4], "vary": [json.dumps(v) for v in varies], "score": [10, 12, 30, 32]},
        [{"name": "a", "values": ["1", "2"]}, {"name": "b", "values": ["x", "y"]}],
    )
    baseline, bars = tornado(fake, "score")
    assert baseline == 21
    assert [b.name for b in bars] == ["a", "b"]  # a moves the score by 20, b by 2
    a = bars[0]
    assert (a.low_value, a.low, a.high_value, a.high) == ("1", 11, "2", 31)
    assert bars[1].spread == 2


def test_typical_run_is_the_one_nearest_the_group_median(results):
    res = B.open_results(results)
    fake = _fake(
        res,
        {
            "run": [1, 2, 3, 4, 5],
            "score": [0, 10, 11, 12, 50],
            "end_turn": [5, 5, 5, 5, 5],
            "held": [True, True, True, False, False],
        },
        [],
    )
    fake.docs["held"] = {"type": "bool", "role": "outcome", "doc": "held"}
    picks = {t.label: t.run for t in typical_runs(fake)}
    assert picks["all runs"] == 3  # median score 11
    assert picks["held: yes"] == 2  # median of 0, 10, 11 is 10
    assert picks["held: no"] == 4  # median of 12 and 50 is 31: 12 and 50 tie, the lower run wins


def test_analysis_of_a_real_batch(results):
    res = B.open_results(results)
    a = analyse(res)
    assert a.runs == 6 and a.complete
    varying = [c for c in ("score", "deterrence_held", "casualties_total") if len(set(res.columns[c])) > 1]
    assert a.metric == (varying[0] if varying else "score")  # the tornado shows a measure that moves
    labels = {f.label for f in a.frequencies}
    assert any(lbl.startswith("ended: ") for lbl in labels)
    for f in a.frequencies:
        assert 0 <= f.low <= f.share <= f.high <= 1 and f.n == 6
    assert {t.column for t in a.timings} >= {"first_attack_turn", "first_invocation_turn"}
    assert [b.name for b in a.tornado] == ["difficulty"] or a.tornado == ()
    assert a.typical[0].label == "all runs" and a.typical[0].run in range(1, 7)
    with pytest.raises(AppError) as err:
        analyse(B.open_results(results), "scor")
    assert "did you mean 'score'" in str(err.value)


def test_html_report_is_self_contained_and_lists_runs_to_replay(results, tmp_path):
    path, a = write_batch_report(results, tmp_path / "a.html")
    text = path.read_text(encoding="utf-8")
    assert "Wilson" in text and "mem://" not in text and text.count("data:image/png;base64,") >= 3
    assert f"wargame batch replay r.parquet --run {a.typical[0].run}" in text
    assert "PARTIAL" not in text
    assert "deterrence_held" in text  # the columns' meanings


def test_partial_results_say_so_in_the_report(results, tmp_path):
    table = pq.read_table(results)
    meta = json.loads(table.schema.metadata[B.META_KEY])
    meta.update(complete=False, runs_planned=60, stopped="interrupted")
    part = tmp_path / "part.parquet"
    pq.write_table(table.replace_schema_metadata({B.META_KEY: json.dumps(meta).encode()}), part)
    shutil.copy(B.turns_path(results), B.turns_path(part))
    path, a = write_batch_report(part, tmp_path / "p.html")
    assert not a.complete
    assert "PARTIAL RESULTS: 6 of 60 planned runs (interrupted)" in path.read_text(encoding="utf-8")


def test_pdf_report_from_the_cli(results, tmp_path, capsys):
    out = tmp_path / "analysis.pdf"
    code = main(["batch", "report", str(results), "-o", str(out)])
    stdout, err = capsys.readouterr()
    assert code == 0, err
    assert "Wrote the analysis of 6 runs" in stdout
    data = out.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 10_000
    assert not list(tmp_path.glob(".*partial"))
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
        assert "Batch analysis" in text and "Typical runs" in text and "Wilson" in text
    code = main(["batch", "report", str(results), "-o", str(out), "--metric", "nothing"])
    _, err = capsys.readouterr()
    assert code == 2 and "no numeric column 'nothing'" in err
