"""Write the forces of ``assets/scenarios/world-forces.toml`` from an order-of-battle CSV (the issue-11 research's
``orbat.csv``: owner, id, name, kind, domain, personnel, home, lat, lon, role, readiness_days, source, note).

The pack keeps its ``[[locations]]`` and the forces the CSV does not cover (listed in KEEP below, rewritten with
their role and domain). Forces of states outside the bundled scenarios' theatres are left out: their defence is the
territorial estimate of ``world-military.toml``.

    .venv/bin/python tools/build_forces.py PATH/TO/orbat.csv

Derived numbers, each an assumption stated in the pack: ``combat_power`` = personnel / 1,000 × a factor by kind
(1 ≈ a battalion-size manoeuvre unit; the research asks that combat power come from personnel, not from the kind);
``lift_tonnes`` for the fly-in brigade drawing prepositioned stocks (personnel and kit only).
"""

from __future__ import annotations

import csv
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACK = ROOT / "assets" / "scenarios" / "world-forces.toml"

OUT_OF_THEATRE = {"UKR", "GEO", "MDA", "VNM", "LAO", "BRN", "MNG", "KAZ", "AZE", "ARM"}

POWER_PER_1000 = {
    "armoured_brigade": 1.2,
    "mechanised_brigade": 1.0,
    "light_infantry_brigade": 0.7,
    "airborne_brigade": 0.8,
    "marine_brigade": 0.8,
    "artillery_brigade": 0.9,
    "air_defence": 0.3,
    "territorial_defence": 0.25,
    "surface_action_group": 1.0,
    "submarine_group": 2.0,
    "carrier_strike_group": 1.2,
    "amphibious_group": 0.5,
    "maritime_patrol": 1.0,
    "fighter_wing": 1.5,
    "bomber_wing": 3.0,
}
"""Combat power per 1,000 personnel by kind (assumption; territorial defence 0.25 from the research, §1d)."""

QUALITY = {"PRK": 0.5}
"""Equipment quality by owner (assumption: the KPA's equipment is largely of the 1960s-70s; IISS MB2025 DPRK entry,
'~800 combat aircraft, mostly obsolete' in the research's orbat.csv)."""

TRANSPORT = {"airborne_brigade": "air", "marine_brigade": "sea", "amphibious_group": "sea"}
"""Preferred strategic mode to cross the sea (land otherwise)."""

KEEP = {
    # id: (kind, role, transport); the pack's own records, not in the CSV
    "ITA-EFP-BGR": ("mechanised_brigade", "forward_presence", "road"),
    "HUN-EFP": ("mechanised_brigade", "home_defence", "road"),
    "FRA-EFP-ROU": ("mechanised_brigade", "forward_presence", "road"),
    "CZE-EFP-SVK": ("mechanised_brigade", "forward_presence", "road"),
    "ITA-ARF": ("mechanised_brigade", "expeditionary", "rail"),
    "USA-26MEU": ("amphibious_group", "expeditionary", "sea"),
    "NLD-43MB": ("mechanised_brigade", "expeditionary", "road"),
    "FRA-7BB": ("armoured_brigade", "expeditionary", "road"),
    "AUS-1BDE": ("mechanised_brigade", "expeditionary", "sea"),
    "AUS-RAAF": ("fighter_wing", "expeditionary", "air"),
    "AUS-RAN": ("surface_action_group", "expeditionary", "sea"),
    "NZL-RNZN": ("surface_action_group", "expeditionary", "sea"),
}

SPECIAL = {
    "USA-82-IRF": {"transport": "air"},
    "USA-ABCT-APS2": {"transport": "air", "lift_tonnes": 2100.0},
    "USA-ABCT-SEA": {"transport": "sea"},
    "USA-11ABN": {"transport": "air"},
    "USA-25ID": {"transport": "sea"},
}
"""The fly-in brigade drawing APS-2 flies its 4,200 people with 0.5 t each (assumption); its tanks are in stock."""


def q(text: str) -> str:
    return '"' + str(text).replace("\\", "\\\\").replace('"', '\\"') + '"'


def power(kind: str, personnel: int, owner: str = "") -> float:
    return round(personnel / 1000 * POWER_PER_1000[kind] * QUALITY.get(owner, 1.0), 2)


def csv_force(r: dict[str, str]) -> str:
    kind, personnel = r["kind"], int(r["personnel"])
    extra = SPECIAL.get(r["id"], {})
    transport = extra.get("transport", TRANSPORT.get(kind, "road"))
    lines = [
        "[[forces]]",
        f"id = {q(r['id'])}",
        f"owner = {q(r['owner'])}",
        f"name = {q(r['name'])}",
        f"kind = {q(kind)}",
        f"domain = {q(r['domain'])}",
        f"role = {q(r['role'])}",
        f"combat_power = {power(kind, personnel, r['owner'])}",
        f"personnel = {personnel}",
        f"home = {q(r['home'])}",
        f"readiness_days = {float(r['readiness_days']):g}",
        f"transport = {q(transport)}",
    ]
    assumed = ["combat_power"]
    if "lift_tonnes" in extra:
        lines.append(f"lift_tonnes = {extra['lift_tonnes']:g}")
        assumed.append("lift_tonnes")
    note = r["note"].strip()
    lines.append(
        "sources = { "
        + f"personnel = {q(r['source'] + ' (personnel: ' + (note or 'see source') + ')')}, "
        + f"readiness_days = {q('issue-11 research orbat.csv: readiness by class (assumption unless the note says otherwise)')}"
        + " }"
    )
    lines.append("assumed = [" + ", ".join(q(a) for a in assumed) + "]")
    lines.append(f"# garrison {float(r['lat']):.2f} N, {float(r['lon']):.2f} E")
    return "\n".join(lines) + "\n"


def kept_force(rec: dict[str, object]) -> str:
    kind, role, transport = KEEP[str(rec["id"])]
    personnel = int(rec["personnel"])  # type: ignore[call-overload]
    sources = rec.get("sources", {})
    src = dict(sources) if isinstance(sources, dict) else {}
    lines = [
        "[[forces]]",
        f"id = {q(rec['id'])}",
        f"owner = {q(rec['owner'])}",
        f"name = {q(rec['name'])}",
        f"kind = {q(kind)}",
        f"role = {q(role)}",
        f"combat_power = {power(kind, personnel)}",
        f"personnel = {personnel}",
        f"home = {q(rec['home'])}",
        f"readiness_days = {float(rec['readiness_days']):g}",  # type: ignore[arg-type]
        f"transport = {q(transport)}",
    ]
    keep = {k: v for k, v in src.items() if k in ("personnel", "readiness_days")}
    if keep:
        lines.append("sources = { " + ", ".join(f"{k} = {q(v)}" for k, v in keep.items()) + " }")
    assumed = ["combat_power"] + [k for k in ("personnel", "readiness_days") if k not in keep]
    lines.append("assumed = [" + ", ".join(q(a) for a in assumed) + "]")
    return "\n".join(lines) + "\n"


def main() -> None:
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
    text = PACK.read_text(encoding="utf-8")
    pack = tomllib.loads(text)
    head = text[: text.index("[[forces]]")]
    kept = [f for f in pack["forces"] if f["id"] in KEEP]
    chosen = [
        r for r in rows if r["owner"] not in OUT_OF_THEATRE and not any(r["home"].startswith(s) for s in OUT_OF_THEATRE)
    ]
    body = "\n".join(csv_force(r) for r in chosen) + "\n" + "\n".join(kept_force(f) for f in kept)
    PACK.write_text(head + body, encoding="utf-8")
    print(f"{len(chosen)} forces from the CSV, {len(kept)} kept from the pack")


if __name__ == "__main__":
    main()
