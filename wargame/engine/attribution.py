"""Attribution as evidence (crisis-sources §3): candidate attackers with weights, a working-attribution clock drawn
from the kind of attack, evidence that raises, lowers or switches the weights, and the test of when a non-state
attack is a State's.

The inject's ``attacker`` is who really attacked (``UNKNOWN`` if nobody will ever know); its ``suspects`` are the
candidates first named, with their weights (by default the attacker, at the inject's ``attribution``). Until the
working attribution comes, the weights move only with evidence. When it comes — a government names the attacker
as "highly likely" — the real attacker's weight rises to ``attribution_working_weight`` and the other candidates
share what is left. Its time is the inject's ``attribution_days`` or is drawn once, from the game seed, from a
lognormal fitted to real cases of the same kind (with a chance that it never comes).
"""

from __future__ import annotations

import math

from .crisis_facts import UNKNOWN
from .enums import AttackKind, Intent, Sponsorship, StateId
from .model import AttackSpec, Scenario
from .rng import Draw, stream
from .rules import Rules
from .world import AttackState

NONE = "NONE"
"""The white cell's ruling that no attack took place (Gulf of Tonkin, 4 Aug 1964)."""

EVIDENCE_KINDS = ("acknowledgement", "claim", "radar", "forensics", "intercepts", "briefing", "report", "denial")
"""Kinds of evidence (crisis-sources §3.3): an acknowledgement settles; a denial weakly lowers; the others raise
the candidate they point to by their ``Rules`` weight."""

_CLASSES: dict[AttackKind, str] = {
    AttackKind.INVASION: "overt",
    AttackKind.STRIKE: "overt",
    AttackKind.SHELLING: "overt",
    AttackKind.GRAY_ZONE: "overt",
    AttackKind.THREAT: "overt",
    AttackKind.MISSILE: "missile",
    AttackKind.AIR: "missile",
    AttackKind.AIRSPACE_VIOLATION: "missile",
    AttackKind.NAVAL: "naval",
    AttackKind.TERRORIST: "terrorist",
    AttackKind.CYBER: "cyber",
    AttackKind.HYBRID: "hybrid",
}

_CLASS_WORDS = {
    "overt": "an overt attack by State forces",
    "missile": "a missile or air attack",
    "naval": "a covert naval attack",
    "terrorist": "a terrorist attack",
    "cyber": "a cyber attack",
    "hybrid": "sabotage or covert action",
}


def attribution_class(kind: AttackKind) -> str:
    """The class of real cases whose times to attribution a kind of attack follows (crisis-sources §3.2)."""
    return _CLASSES[kind]


def clock_parameters(rules: Rules, cls: str) -> tuple[float, float, float]:
    """(median days, sigma, chance of never) of the working-attribution clock of ``cls``."""
    if cls == "overt":
        return rules.attribution_overt_median_days, rules.attribution_overt_sigma, 0.0
    median = float(getattr(rules, f"attribution_{cls}_median_days"))
    sigma = float(getattr(rules, f"attribution_{cls}_sigma"))
    never = float(getattr(rules, f"attribution_{cls}_never"))
    return median, sigma, never


def initial_candidates(spec: AttackSpec) -> dict[StateId, float]:
    """The candidates when the attack is first reported."""
    if spec.suspects:
        return {k: float(v) for k, v in sorted(spec.suspects.items())}
    if spec.attacker == UNKNOWN:
        return {}
    return {spec.attacker: spec.attribution}


def leading(candidates: dict[StateId, float]) -> tuple[StateId, float]:
    """The leading candidate and its weight (``UNKNOWN``, 0 when there is none)."""
    if not candidates:
        return UNKNOWN, 0.0
    sid = min(candidates, key=lambda k: (-candidates[k], k))
    return sid, candidates[sid]


def start(
    scenario: Scenario, seed: int, aid: str, spec: AttackSpec
) -> tuple[dict[StateId, float], float | None, list[Draw], str]:
    """Candidates, the working-attribution clock (days after the attack, None = none), its draws and why."""
    rules = scenario.rules
    cands = initial_candidates(spec)
    cls = attribution_class(spec.kind)
    if spec.attacker == UNKNOWN:
        return cands, None, [], "the attacker is unknown: no attribution will come"
    if spec.attribution_days is not None:
        if spec.attribution_days < 0:
            return cands, None, [], "the scenario says the attacker is never named"
        return cands, spec.attribution_days, [], f"the scenario names the attacker after {spec.attribution_days:g} days"
    if cands.get(spec.attacker, 0.0) >= rules.attribution_threshold and leading(cands)[0] == spec.attacker:
        return cands, None, [], "the attacker is already named with enough confidence"
    median, sigma, never = clock_parameters(rules, cls)
    rng = stream(seed, "attribution", aid)
    u = rng.random()
    draws = [Draw(f"attribution/{aid}", "does a working attribution ever come", u)]
    if u < never:
        return (
            cands,
            None,
            draws,
            (f"{_CLASS_WORDS[cls]}: the attacker is never named (chance {never:.0%}; crisis-sources §3.2)"),
        )
    z = rng.gauss(0.0, 1.0)
    days = median * math.exp(sigma * z)
    draws.append(Draw(f"attribution/{aid}", "days to a working attribution", round(days, 9)))
    return (
        cands,
        days,
        draws,
        (
            f"{_CLASS_WORDS[cls]}: a working attribution after {days:.1f} days (lognormal, median {median:g} days, "
            f"sigma {sigma:g}; crisis-sources §3.2)"
        ),
    )


def name_attacker(att: AttackState, who: StateId, weight: float) -> None:
    """Raise ``who`` to ``weight`` (at least its weight now); the others share what is left, in proportion."""
    cands = dict(att.candidates)
    new = max(weight, cands.get(who, 0.0))
    others = {k: v for k, v in cands.items() if k != who}
    room = max(0.0, 1.0 - new)
    total = sum(others.values())
    if total > room and total > 0:
        others = {k: v * room / total for k, v in others.items()}
    others[who] = new
    att.candidates = {k: round(v, 6) for k, v in sorted(others.items())}
    refresh(att)


def shift(att: AttackState, who: StateId, delta: float) -> None:
    """Add ``delta`` (may be negative) to ``who``'s weight, within 0..1."""
    if delta >= 0:
        name_attacker(att, who, min(1.0, att.candidates.get(who, 0.0) + delta))
        return
    cands = dict(att.candidates)
    cands[who] = max(0.0, cands.get(who, 0.0) + delta)
    att.candidates = {k: round(v, 6) for k, v in sorted(cands.items())}
    refresh(att)


def refresh(att: AttackState) -> None:
    """The attack's leading candidate and its weight from its candidates."""
    who, weight = leading(att.candidates)
    att.attributed = who
    att.attribution = weight


def evidence_delta(rules: Rules, kind: str) -> float | None:
    """The weight a kind of evidence adds (negative for a denial); None for an acknowledgement (it settles)."""
    if kind == "acknowledgement":
        return None
    if kind == "denial":
        return -rules.evidence_denial
    return float(getattr(rules, f"evidence_{kind}"))


def responsible_state(scenario: Scenario, actor: StateId) -> tuple[StateId | None, str]:
    """The State a non-state actor's attack is attributable to, if any, and why (crisis-sources §3.5)."""
    st = scenario.states.get(actor)
    if st is None or not st.non_state or actor == UNKNOWN:
        return None, ""
    sponsors = scenario.crisis.sponsors_of(actor)
    if not sponsors:
        return None, f"no State stands behind {st.name}: its attack is its own"
    top = sponsors[0]
    name = scenario.states[top.state].name if top.state in scenario.states else top.state
    level = top.level.name.lower().replace("_", " ")
    if top.level >= Sponsorship.EFFECTIVE_CONTROL:
        return top.state, (
            f"{name} has {level} over {st.name}: the attack is {name}'s (ARSIWA Arts 4, 8; ICJ Nicaragua §115)"
        )
    return None, (
        f"{name}'s support for {st.name} ({level}) falls short of effective control of the operation: the attack is "
        f"not {name}'s (ICJ Nicaragua §§115, 195; Bosnian Genocide §§399-406)"
    )


def intent_words(intent: Intent) -> str:
    return {Intent.DELIBERATE: "deliberate", Intent.RECKLESS: "reckless", Intent.ACCIDENTAL: "accidental"}[intent]
