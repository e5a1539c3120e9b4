"""The after-action report (PDF and HTML), the exports, and the report/export commands."""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from reportgame import TURNS

from wargame.app import AppError
from wargame.cli import main
from wargame.report import write_report
from wargame.report.content import variant_rows


@pytest.fixture(scope="module")
def pdf_text(played, tmp_path_factory) -> str:
    from wargame.app import open_game

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (Debian poppler-utils) is not installed")
    out = tmp_path_factory.mktemp("pdf") / "aar.pdf"
    with open_game(played.path, readonly=True) as g:
        write_report(g, out)
    assert out.read_bytes().startswith(b"%PDF")
    raw = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    return unicodedata.normalize("NFKC", raw)  # fold the ligatures (ﬀ, ﬁ) the PDF font uses


def test_pdf_holds_key_verdicts_and_reasons(pdf_text: str, game) -> None:
    text = " ".join(pdf_text.split())
    assert "TRIGGERED" in text and "INVOKED" in text
    assert "Art 5" in text and "Art 42(7)" in text
    assert "✓" in text
    assert "Latvia is a party" in text  # the gates of the key verdicts
    assert re.search(r"in_force: North Atlantic Treaty is in force on 2026-03-0\d", text)
    assert "Facilitator: Latvia's request is read out" in text
    assert "a coup de main takes Riga" in text  # the white cell's ruling and its rationale
    assert re.search(r"The game ended on turn 100 \([^)]*\): the scenario's last turn \(100\)", text)


def test_pdf_names_what_differs_from_the_pack(pdf_text: str, game) -> None:
    rows = variant_rows(game)
    assert ("last turn", "30", "100") in rows
    assert ("end conditions", "Tallinn falls", "none") in rows
    text = " ".join(pdf_text.split())
    assert "Assumptions that differ from the pack" in text and "Tallinn falls" in text


def test_html_is_self_contained(game, tmp_path: Path) -> None:
    out = write_report(game, tmp_path / "aar.html")
    html = out.read_text(encoding="utf-8")
    images = re.findall(r'<img src="data:image/png;base64,([A-Za-z0-9+/=]+)"', html)
    text = re.sub(r"data:image/png;base64,[A-Za-z0-9+/=]+", "data:", html)  # base64 may spell "http" by chance
    for bad in ("http", 'src="/', "<link", "@import", "mem://"):
        assert bad not in text, bad
    assert len(images) >= 4  # three charts and at least one map
    assert "NATO" in html or "North Atlantic Treaty" in html
    assert not (tmp_path / ".aar.html.partial").exists()


def test_report_refuses_other_extensions(game, tmp_path: Path) -> None:
    with pytest.raises(AppError, match=r"\.html, \.pdf or \.docx"):
        write_report(game, tmp_path / "aar.odt")
    with pytest.raises(AppError, match="does not exist"):
        write_report(game, tmp_path / "missing" / "aar.pdf")


def test_export_csv_and_json(played, game, tmp_path: Path, capsys) -> None:
    assert main(["export", str(played.path), "-o", str(tmp_path / "csv")]) == 0
    with (tmp_path / "csv" / "events.csv").open(encoding="utf-8", newline="") as fh:
        events = list(csv.DictReader(fh))
    assert len(events) == len(game.event_rows())
    assert list(events[0]) == ["turn", "seq", "kind", "subject", "summary", "reasons"]
    verdict = next(e for e in events if e["kind"] == "verdict" and "TRIGGERED" in e["summary"])
    assert "✓ in_force" in verdict["reasons"]
    with (tmp_path / "csv" / "series.csv").open(encoding="utf-8", newline="") as fh:
        series = list(csv.DictReader(fh))
    n_states = len(game.world_at(0).nations)
    assert len(series) == (TURNS + 1) * n_states
    est = {int(r["turn"]): r for r in series if r["state"] == "EST"}
    assert float(est[50]["support"]) == pytest.approx(game.world_at(50).nations["EST"].support)
    assert int(est[TURNS]["casualties"]) == game.world_at(TURNS).nations["EST"].casualties
    assert main(["export", str(played.path), "-o", str(tmp_path / "json"), "--format", "json"]) == 0
    ev_json = json.loads((tmp_path / "json" / "events.json").read_text(encoding="utf-8"))
    se_json = json.loads((tmp_path / "json" / "series.json").read_text(encoding="utf-8"))
    assert len(ev_json) == len(events) and len(se_json) == len(series)
    assert ev_json[0]["summary"] == events[0]["summary"]
    capsys.readouterr()


def test_report_command(played, tmp_path: Path, capsys) -> None:
    assert main(["report", str(played.path), "-o", str(tmp_path / "r.html")]) == 0
    assert "Wrote the after-action report" in capsys.readouterr().out
    assert (tmp_path / "r.html").stat().st_size > 10_000
    assert main(["report", str(played.path), "-o", str(tmp_path / "r.txt")]) == 2
    err = capsys.readouterr().err
    assert (
        err.startswith("wargame: error: the report must be a .pdf, .html or .docx file") and len(err.splitlines()) == 1
    )
    assert main(["export", str(tmp_path / "nope.wargame"), "-o", str(tmp_path / "x")]) == 2
    assert "no saved game" in capsys.readouterr().err
    (tmp_path / "afile").write_text("x")
    assert main(["export", str(played.path), "-o", str(tmp_path / "afile")]) == 2
    assert "is a file, not a folder" in capsys.readouterr().err


_NO_WIDGETS = """
import sys
from importlib.abc import MetaPathFinder


class NoWidgets(MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == "PySide6.QtWidgets" or name.startswith(("PySide6.QtWidgets.", "pyqtgraph")):
            raise ImportError(f"{name} is blocked for this test")
        return None


sys.meta_path.insert(0, NoWidgets())
from wargame.cli import main

code = main(sys.argv[1:])
assert "PySide6.QtWidgets" not in sys.modules, "QtWidgets got imported"
sys.exit(code)
"""


@pytest.mark.parametrize("ext", ["pdf", "html", "docx"])
def test_report_runs_without_qtwidgets(played, tmp_path: Path, ext: str) -> None:
    """`wargame report` needs QtGui only: it runs where QtWidgets (and pyqtgraph) cannot be imported."""
    import os
    import sys

    out = tmp_path / f"aar.{ext}"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run(
        [sys.executable, "-c", _NO_WIDGETS, "report", str(played.path), "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    assert proc.returncode == 0, proc.stderr
    assert out.stat().st_size > 10_000
    blocked = subprocess.run(
        [sys.executable, "-c", _NO_WIDGETS.replace("from wargame.cli import main", "import PySide6.QtWidgets")],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert blocked.returncode != 0 and "blocked for this test" in blocked.stderr  # the hook does block
