"""The game's variant: what this game assumes differently from the bundled scenario pack (no Qt).

The rest of the report's content is decided in :mod:`wargame.report.model`.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING

from wargame.app import scenarios
from wargame.app.types import Rules

if TYPE_CHECKING:
    from wargame.app import Game

__all__ = ["variant_rows"]


# ------------------------------------------------------------------------------------------
# Variant: what differs from the pack
# ------------------------------------------------------------------------------------------


def variant_rows(game: Game) -> list[tuple[str, str, str]]:
    """(assumption, the pack's value, this game's value) for everything this game does differently."""
    sc, meta = game.scenario, game.meta
    rows: list[tuple[str, str, str]] = []
    if meta.seed != sc.default_seed:
        rows.append(("random seed", str(sc.default_seed), str(meta.seed)))
    seats = (meta.variant or {}).get("seats", {}) or {}
    humans = sorted(s for s, who in seats.items() if who == "human")
    if humans:
        rows.append(("seats played by people", "none (AI policy for every state)", ", ".join(humans)))
    if meta.parent_turn is not None:
        rows.append(("branch", "—", f"from turn {meta.parent_turn} of {Path(meta.parent_path or '?').name}"))
    defaults = Rules()
    for f in dataclasses.fields(Rules):
        mine, base = getattr(sc.rules, f.name), getattr(defaults, f.name)
        if mine != base:
            rows.append((f"rule {f.name}", f"{base} (engine default)", str(mine)))
    pack = scenarios.pack_of(game)
    if pack is not None and pack.source_hash != sc.source_hash:
        if pack.max_turns != sc.max_turns:
            rows.append(("last turn", str(pack.max_turns), str(sc.max_turns)))
        if pack.start_date != sc.start_date:
            rows.append(("start date", pack.start_date.isoformat(), sc.start_date.isoformat()))
        if pack.turn_length_days != sc.turn_length_days:
            rows.append(("turn length (days)", str(pack.turn_length_days), str(sc.turn_length_days)))
        pe = "; ".join(e.label or f"{e.location} held by {e.controller}" for e in pack.end_conditions) or "none"
        me = "; ".join(e.label or f"{e.location} held by {e.controller}" for e in sc.end_conditions) or "none"
        if pe != me:
            rows.append(("end conditions", pe, me))
        if [i.serial for i in pack.injects] != [i.serial for i in sc.injects] or [i.attack for i in pack.injects] != [
            i.attack for i in sc.injects
        ]:
            rows.append(("scheduled injects", str(len(pack.injects)), str(len(sc.injects))))
        for f in dataclasses.fields(Rules):
            mine, theirs = getattr(sc.rules, f.name), getattr(pack.rules, f.name)
            if mine != theirs:
                rows.append((f"rule {f.name} (vs the pack)", str(theirs), str(mine)))
        if len(rows) == 0 or all(r[0].startswith(("random seed", "seats", "branch", "rule ")) for r in rows):
            rows.append(("scenario text", f"bundled {sc.id} pack", "edited (its hash differs)"))
    elif pack is None:
        rows.append(("scenario pack", "not bundled with this version", f"{sc.id} (stored in the saved game)"))
    return rows
