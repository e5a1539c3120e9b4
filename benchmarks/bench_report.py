"""Benchmark: write the after-action report of a 30-turn Baltic game with a hotwash as HTML, PDF and .docx.

Plays the bundled ``baltic`` scenario for 30 turns (every state played by the AI, seed 4), records a small
hotwash, then writes each format ``--repeat`` times in this one run and prints the median seconds and the
ratio to the HTML (the floor: the same content and images, base64 PNG into one file). The target is a PDF
that takes no more than 2× the HTML.

    .venv/bin/python benchmarks/bench_report.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from wargame.app import hotwash, new_game, open_game, scenarios  # noqa: E402
from wargame.report import build_report, write_report  # noqa: E402


def build(path: Path) -> None:
    """The 30-turn Baltic game with three observations, two plan rows and two feedback forms."""
    scenario = scenarios.resolve("baltic")
    sc = scenarios.load(scenario)
    seats = {s: "ai" for s, st in sc.states.items() if not st.non_state}
    with new_game(scenario, path, seed=4, seats=seats, overwrite=True) as game:
        game.advance(30)
        hotwash.add_observation(game, "EST", "strength", "Asked for assistance at once", "Planning", turn=4)
        hotwash.add_observation(game, "ITA", "improvement", "Waited for its parliament", "Operational coordination")
        hotwash.add_observation(game, "White cell", "improvement", "Grey-zone phase too long")
        hotwash.add_plan_item(game, "Slow votes", "Standing pre-authorisation", "MoD", "2027-03-31")
        hotwash.add_plan_item(game, "Long grey zone", "Shorter MSEL opening", "Director", "2027-01-15")
        hotwash.add_feedback(game, "P1", {"realism": 4, "tool": 5}, ["map"], ["shorter"])
        hotwash.add_feedback(game, "P2", {"realism": 3, "tool": 4}, ["verdicts"], ["shorter"])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "baltic.wargame"
        t0 = time.perf_counter()
        build(path)
        print(f"played 30 turns of baltic with a hotwash in {time.perf_counter() - t0:.1f} s")
        times: dict[str, list[float]] = {"html": [], "pdf": [], "docx": [], "content and images": []}
        with open_game(path, readonly=True) as game:
            write_report(game, Path(tmp) / "warm.html")  # fonts, map outlines and templates loaded once
            for _ in range(args.repeat):
                for ext in ("html", "pdf", "docx"):
                    t = time.perf_counter()
                    write_report(game, Path(tmp) / f"aar.{ext}")
                    times[ext].append(time.perf_counter() - t)
                t = time.perf_counter()
                build_report(game)
                times["content and images"].append(time.perf_counter() - t)
        pages = "?"
        try:
            out = subprocess.run(["pdfinfo", str(Path(tmp) / "aar.pdf")], capture_output=True, text=True, check=True)
            pages = next(ln.split()[-1] for ln in out.stdout.splitlines() if ln.startswith("Pages:"))
        except (OSError, subprocess.CalledProcessError, StopIteration):
            pass
        sizes = {ext: (Path(tmp) / f"aar.{ext}").stat().st_size / 1e6 for ext in ("html", "pdf", "docx")}
    floor = statistics.median(times["html"])
    print(f"\nmedian of {args.repeat} runs; the PDF has {pages} pages\n")
    print(f"{'write':<22}{'median s':>10}{'× HTML':>9}{'MB':>7}")
    for name in ("html", "pdf", "docx", "content and images"):
        med = statistics.median(times[name])
        size = f"{sizes[name]:>7.1f}" if name in sizes else f"{'':>7}"
        print(f"{name:<22}{med:>10.2f}{med / floor:>9.2f}{size}")
    ratio = statistics.median(times["pdf"]) / floor
    print(f"\nPDF / HTML = {ratio:.2f} ({'within' if ratio <= 2.0 else 'OVER'} the 2× target)")


if __name__ == "__main__":
    main()
