"""Whom a consultation article is about: Budapest para 6 concerns Ukraine, not its neighbours.

The Budapest Memorandum's signatories "will consult if a situation arises that raises a question concerning these
commitments" (para 6; reference/treaties.md §12): assurances to Ukraine. An attack on Poland raises no question
under it, even for a signatory that borders Poland (Ukraine) or keeps forces there (the United States); NATO Art 4,
about "the security of any of the Parties", still lets exposed Allies ask.
"""

from __future__ import annotations

from wargame.engine import AttackKind, AttackSpec, Command, CommandKind, EventKind, encode, initial_world, resolve_turn
from wargame.scenario import SCENARIOS_DIR, load_scenario


def _play(victim: str, location: str, ask_as: str = "", turns: int = 3, seed: int = 3):
    """Play the Baltic scenario with a Russian invasion of ``victim`` on turn 1 (beside the scenario's own injects);
    on turn 2 ``ask_as`` asks for Budapest para-6 consultations about it. Returns the attack and the events."""
    sc = load_scenario(SCENARIOS_DIR / "baltic.toml")
    spec = AttackSpec("RUS", victim, location, AttackKind.INVASION, casualties=200, troops=20000)
    world, events, att_id = initial_world(sc), [], ""
    for t in range(1, turns + 1):
        cmds = [Command(CommandKind.INJECT, t, encode(spec))] if t == 1 else []
        if t == 2 and ask_as:
            ask = {"state": ask_as, "action": "consult", "attack": att_id, "treaty": "BUDAPEST", "article": "6"}
            cmds.append(Command(CommandKind.DECIDE, t, ask))
        rec = resolve_turn(sc, world, cmds, seed)
        events.extend(rec.events)
        world = rec.world
        if t == 1:
            att_id = next(a.id for a in world.attacks.values() if a.spec.victim == victim)
    return world.attacks[att_id], events


def test_an_attack_on_poland_raises_no_budapest_consultation():
    att, _ = _play("POL", "POL-SUW")
    assert not any(k.startswith("BUDAPEST:") for k in att.consultations), att.consultations
    assert "POL" in att.consultations.get("NATO:4", [])  # Art 4 (any Party's security) still asked


def test_an_explicit_budapest_request_about_poland_is_refused_in_words():
    att, events = _play("POL", "POL-SUW", ask_as="USA")
    assert "BUDAPEST:6" not in att.consultations
    refused = [e for e in events if e.kind is EventKind.REJECTED and "Budapest" in e.summary]
    assert refused and "concerns Ukraine only" in refused[0].summary and "Poland" in refused[0].summary


def test_a_signatory_may_still_ask_about_an_attack_on_ukraine():
    att, _ = _play("UKR", "UKR", ask_as="USA")
    assert "USA" in att.consultations.get("BUDAPEST:6", [])
