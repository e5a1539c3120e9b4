"""Analyst exports: the events and the per-turn series of a saved game as CSV or JSON (no Qt)."""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wargame.app import AppError
from wargame.app.files import csv_cell, temp_beside
from wargame.app.review import attack_locations

if TYPE_CHECKING:
    from wargame.app import Game

__all__ = ["EVENT_FIELDS", "SERIES_FIELDS", "event_rows", "reasons_text", "series_rows", "write_export"]

EVENT_FIELDS = ("turn", "seq", "kind", "subject", "summary", "reasons")
SERIES_FIELDS = ("turn", "state", "support", "budget_musd", "casualties", "forces_in_theatre")
FORMATS = ("csv", "json")


def reasons_text(reasons: list[dict[str, Any]]) -> str:
    """An event's reasons on one line: ``✓ gate: detail [citation] | …``."""
    parts = []
    for r in reasons:
        mark = "" if r.get("passed") is None else ("✓ " if r["passed"] else "✗ ")
        cite = f" [{r['citation']}]" if r.get("citation") else ""
        parts.append(f"{mark}{r.get('label', '')}: {r.get('detail', '')}{cite}")
    return " | ".join(parts)


def event_rows(game: Game) -> list[dict[str, Any]]:
    """One row per stored event, in (turn, seq) order."""
    return [
        {
            "turn": rec.turn,
            "seq": rec.seq,
            "kind": rec.kind,
            "subject": rec.subject,
            "summary": str(rec.payload.get("summary", "")),
            "reasons": reasons_text(list(rec.payload.get("reasons", []))),
        }
        for rec in game.event_rows()
    ]


def forces_in_theatre(game: Game) -> dict[str, dict[int, int]]:
    """State → turn → number of its forces deployed at the location of an attack made by then."""
    theatre = attack_locations(game)
    last = game.last_turn
    out: dict[str, dict[int, int]] = {}
    for fd in game.scenario.forces:
        status = dict(game.series("force", fd.id, "status"))
        where = dict(game.series("force", fd.id, "location"))
        row = out.setdefault(fd.owner, {})
        for t in range(last + 1):
            if status.get(t) == "deployed" and any(at <= t and loc == where.get(t) for at, loc in theatre):
                row[t] = row.get(t, 0) + 1
    return out


def series_rows(game: Game) -> list[dict[str, Any]]:
    """One row per (turn, state) for every state with figures, ordered by turn then state."""
    states = sorted(game.world_at(0).nations)
    fit = forces_in_theatre(game)
    cols: dict[str, dict[str, dict[int, Any]]] = {}
    for s in states:
        cols[s] = {f: dict(game.series("nation", s, f)) for f in ("support", "budget_musd", "casualties")}
    rows = []
    for t in range(game.last_turn + 1):
        for s in states:
            c = cols[s]
            rows.append(
                {
                    "turn": t,
                    "state": s,
                    "support": c["support"].get(t),
                    "budget_musd": c["budget_musd"].get(t),
                    "casualties": c["casualties"].get(t),
                    "forces_in_theatre": fit.get(s, {}).get(t, 0),
                }
            )
    return rows


def _write(path: Path, rows: list[dict[str, Any]], fields: tuple[str, ...], fmt: str) -> None:
    tmp = temp_beside(path)  # a name no other writer uses
    with tmp.open("w", encoding="utf-8", newline="") as fh:
        if fmt == "csv":
            w = csv.DictWriter(fh, fieldnames=list(fields))
            w.writeheader()
            w.writerows({k: csv_cell(v) for k, v in row.items()} for row in rows)  # no cell a spreadsheet runs
        else:
            json.dump(rows, fh, ensure_ascii=False, indent=1)
            fh.write("\n")
    os.replace(tmp, path)


def write_export(
    game: Game, out_dir: str | Path, fmt: str = "csv", progress: Callable[[int, int], None] | None = None
) -> list[Path]:
    """Write ``events.<fmt>`` and ``series.<fmt>`` into ``out_dir`` (created if missing); return the paths."""
    if fmt not in FORMATS:
        raise AppError(f"unknown export format {fmt!r} (one of {', '.join(FORMATS)})")
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise AppError(f"{out} is a file, not a folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
        events = out / f"events.{fmt}"
        _write(events, event_rows(game), EVENT_FIELDS, fmt)
        if progress:
            progress(1, 2)
        series = out / f"series.{fmt}"
        _write(series, series_rows(game), SERIES_FIELDS, fmt)
        if progress:
            progress(2, 2)
    except OSError as exc:
        raise AppError(f"cannot write the export to {out}: {exc.strerror or exc}") from None
    return [events, series]
