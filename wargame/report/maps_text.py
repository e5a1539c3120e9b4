"""The words under a map snapshot (no Qt): which states stand where, so print in grey still says it all."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from wargame.app.types import Scenario, WorldState

if TYPE_CHECKING:
    from wargame.app import Game

__all__ = ["RANK", "caption_html", "snapshot_facts"]

RANK: dict[str, int] = {
    code: i
    for i, code in enumerate(
        reversed(
            [
                "TRIGGERED",
                "CONSULT",
                "ATTRIBUTION_PENDING",
                "NOT_REQUESTED",
                "BELOW_THRESHOLD",
                "AMBIGUOUS_SCOPE",
                "OUT_OF_SCOPE",
                "ADVERSARY_EXCLUDED",
                "VICTIM_INITIATED",
                "SUSPENDED",
                "NOT_A_PARTY",
                "NOT_IN_FORCE",
            ]
        )
    )
}
"""Verdict code → rank; a state in several verdicts for one attack is shown with its highest."""


def snapshot_facts(scenario: Scenario, world: WorldState, attack: str) -> list[tuple[str, list[str]]]:
    """(verdict code or role, [state codes]) for one attack, plus places held by another state."""
    att = world.attacks.get(attack)
    out: dict[str, list[str]] = {}
    if att is not None:
        best: dict[str, str] = {}
        for vd in world.verdicts.values():
            if vd.attack != attack:
                continue
            code = vd.code.value
            for sid in [att.spec.victim, *vd.guarantors]:
                if sid not in best or RANK.get(code, -1) > RANK.get(best[sid], -1):
                    best[sid] = code
        for sid, code in sorted(best.items()):
            if code not in ("NOT_A_PARTY", "NOT_IN_FORCE"):
                out.setdefault(code, []).append(sid)
        out["attacker"] = [att.spec.attacker]
    held = [
        f"{k} by {v}"
        for k, v in sorted(world.control.items())
        if k in scenario.locations and scenario.locations[k].administered_by not in (None, v)
    ]
    if held:
        out["held by another state"] = held
    return sorted(out.items(), key=lambda kv: -RANK.get(kv[0], -1))


def caption_html(game: Game, turn: int, attack: str) -> str:
    """One line per verdict code / role: ``<b>TRIGGERED</b>: EST, LVA …``."""
    facts = snapshot_facts(game.scenario, game.world_at(turn), attack)
    return "<br/>".join(f"<b>{html.escape(k)}</b>: {html.escape(', '.join(v))}" for k, v in facts)
