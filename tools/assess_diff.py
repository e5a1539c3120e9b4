"""Compare ``wargame assess`` between two checkouts over a grid of hypothetical attacks: each bundled scenario's
theatre (its first MSEL attack's attacker, victim and place), every kind of attack, a few casualty levels.

    git worktree add /tmp/old-assess <sha>
    .venv/bin/python tools/assess_diff.py --old /tmp/old-assess [--new .]

Each side runs in its own interpreter with its checkout first on ``PYTHONPATH`` and prints the verdict codes as
JSON; this script lists every (case, article) whose code differs, and the articles only one side judges.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

KINDS = [
    "invasion", "strike", "missile", "naval", "air", "shelling", "cyber", "terrorist", "hybrid", "gray_zone",
    "airspace_violation", "threat",
]  # fmt: skip
CASUALTIES = [0, 5, 50, 500]
DAMAGE = [0.0, 50.0, 5000.0]

PROBE = r"""
import json, sys
from wargame.app import scenarios
from wargame.engine import AttackKind, AttackSpec, TargetKind
from wargame.scenario import SCENARIOS_DIR
out = {}
for name in ("demo", "baltic", "korea", "taiwan", "world"):
    sc = scenarios.load(SCENARIOS_DIR / f"{name}.toml")
    theatre = sc.injects[0].attack if sc.injects else AttackSpec("RUS", "POL", "POL", AttackKind.STRIKE)
    for kind in KINDS:
        for cas in CASUALTIES:
          for dmg in DAMAGE:
            if cas and dmg:
                continue
            target = theatre.target if kind != "invasion" else TargetKind.TERRITORY
            spec = AttackSpec(theatre.attacker, theatre.victim, theatre.location, AttackKind(kind), target,
                              casualties=cas, damage_musd=dmg, attribution=0.9)
            case = f"{name}|{kind}|{cas}|{dmg:g}"
            try:
                verdicts = scenarios.assess(sc, spec, sc.start_date)
            except Exception as exc:
                out[case] = {"error": str(exc).splitlines()[0]}
                continue
            out[case] = {f"{v.treaty}:{v.article}": v.code.value for v in verdicts}
json.dump(out, sys.stdout)
"""


def run(checkout: Path) -> dict[str, dict[str, str]]:
    env = dict(os.environ, PYTHONPATH=str(checkout.resolve()))
    code = f"KINDS = {KINDS!r}\nCASUALTIES = {CASUALTIES!r}\nDAMAGE = {DAMAGE!r}\n" + PROBE
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=checkout, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--old", required=True, type=Path)
    ap.add_argument("--new", default=Path(__file__).resolve().parents[1], type=Path)
    args = ap.parse_args()
    old, new = run(args.old), run(args.new)
    changes: Counter[tuple[str, str, str, str]] = Counter()
    rows = []
    for case in sorted(old):
        a, b = old[case], new.get(case, {})
        for art in sorted(set(a) | set(b)):
            if a.get(art) != b.get(art):
                scenario, kind, cas, dmg = case.split("|")
                rows.append((scenario, kind, cas, dmg, art, a.get(art, "—"), b.get(art, "—")))
                changes[(kind, f"{cas} killed, ${dmg}m", art, a.get(art, "—"), b.get(art, "—"))] += 1
    print(f"{len(old)} cases; {len(rows)} (case, article) pairs differ")
    for scenario, kind, cas, dmg, art, was, now in rows:
        print(f"  {scenario:<7} {kind:<19} {cas:>4} killed ${dmg:>5}m  {art:<16} {was:<20} → {now}")
    print("\nBy kind of change (UN Charter Art 51 rows left out: a new verdict for every attack):")
    for (kind, size, art, was, now), n in sorted(changes.items()):
        if art != "UN:51":
            print(f"  {n:>3} × {kind:<19} {size:<18} {art:<16} {was:<20} → {now}")


if __name__ == "__main__":
    main()
