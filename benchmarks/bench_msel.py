"""Benchmark: ``msel check`` is linear in the number of rows (issue 14: 1,000,000 rows against a game holding
1,000,000 rows ran for over 9 minutes).

For each size N (10k, 100k, 1M by default) it writes an MSEL spreadsheet of N valid rows and a second one of N rows
with other serials, imports the first into a new demo game (so the game holds N rows), then times what
``wargame msel check GAME SECOND.csv`` does: read the game's serials and last turn, then check every row of the file
against the scenario and the game. The floor, measured in the same run, is reading the same file with the ``csv``
module alone. It prints rows per second and the ratio check / floor: the same rows per second at every size means
linear time.

    .venv/bin/python benchmarks/bench_msel.py [--sizes 10000,100000,1000000]
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from wargame.app import msel, new_game  # noqa: E402
from wargame.app.scenarios import resolve  # noqa: E402

HEADER = ["serial", "time", "kind", "attacker", "victim", "location", "target", "casualties", "attribution", "message"]
ROWS = [
    ("shelling", "RUS", "LVA", "LVA-DGP", "territory"),
    ("cyber", "RUS", "EST", "EST-TLL", "territory"),
    ("missile", "RUS", "POL", "POL-RZE", "territory"),
    ("airspace violation", "RUS", "FIN", "FIN", "territory"),
]


def write(path: Path, n: int, prefix: str) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(HEADER)
        for i in range(n):
            kind, att, vic, loc, target = ROWS[i % len(ROWS)]
            time_text = "HOLD" if i % 5 == 0 else f"D+{1 + i % 29}"
            w.writerow([f"{prefix}{i}", time_text, kind, att, vic, loc, target, i % 40, 0.5 + (i % 5) / 10, f"row {i}"])


def floor(path: Path) -> float:
    """Seconds to read every row with the csv module, nothing checked."""
    started = time.perf_counter()
    with path.open(encoding="utf-8", newline="") as fh:
        n = sum(1 for _ in csv.reader(fh))
    assert n > 1
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"{'rows':>9} {'import s':>9} {'check s':>8} {'check rows/s':>13} {'floor rows/s':>13} {'check/floor':>11}")
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        for n in sizes:
            held, checked = base / f"held{n}.csv", base / f"check{n}.csv"
            write(held, n, "G")
            write(checked, n, "C")
            game = new_game(resolve("demo"), base / f"g{n}.wargame", seed=1)
            with game:
                started = time.perf_counter()
                msel.import_msel(game, held)
                imported = time.perf_counter() - started
                started = time.perf_counter()
                with game.reading():
                    serials, last = msel.existing_serials(game), game.last_turn
                rows, problems = msel.dry_run(checked, game.scenario, existing=serials, last_turn=last)
                check = time.perf_counter() - started
                assert len(rows) == n and not problems, problems[:3]
            base_s = floor(checked)
            print(
                f"{n:>9,} {imported:>9.2f} {check:>8.2f} {n / check:>13,.0f} {n / base_s:>13,.0f} {check / base_s:>10.1f}x"
            )
            for p in (held, checked):
                p.unlink()


if __name__ == "__main__":
    main()
