"""The default doctrine policy: what a state nobody controls decides, and why.

Simplified on purpose, and explained: each choice returns its reasons (doctrine, obligation,
support against the threshold, budget, approvals). Seats controlled by a player bypass it.
"""

from __future__ import annotations

import math

from .enums import Doctrine, Government, Obligation, ResponseLevel, Stance
from .events import Reason
from .model import ForceDef, Scenario, State
from .relations import stance_towards
from .rules import Rules
from .world import AttackState, NationState, WorldState


def effective_support(state: State, nation: NationState, weight_autocracy: float) -> float:
    """Support as it constrains decisions: autocracies weigh public opinion lightly."""
    if state.government is Government.DEMOCRACY:
        w = 1.0
    elif state.government is Government.HYBRID:
        w = (1.0 + weight_autocracy) / 2
    else:
        w = weight_autocracy
    return 100.0 - (100.0 - nation.support) * w


def stance_on(
    scenario: Scenario, world: WorldState, state_id: str, attack: AttackState, treaty_id: str
) -> tuple[Stance, list[Reason]]:
    """A party's stance on invoking a treaty for ``attack``, from its interests and relations (not its doctrine
    label alone): it objects when it protects or is allied with the attacker, abstains when it partners the
    attacker and not the victim, and otherwise follows its opinion and doctrine."""
    st = scenario.states[state_id]
    nation = world.nations[state_id]
    sup = effective_support(st, nation, scenario.rules.autocracy_weight)
    attacker, victim = attack.attacker, attack.spec.victim
    day = scenario.date_of(world.turn + 1)
    to_attacker, why_attacker = stance_towards(scenario, state_id, attacker, day)
    to_victim, _ = stance_towards(scenario, state_id, victim, day)
    if to_attacker in ("protector", "ally"):
        return Stance.OBJECT, [
            Reason(
                "conflicting commitment",
                f"{why_attacker}: it will not act against {attacker}",
                facts={"to": to_attacker},
            )
        ]
    if to_attacker == "partner" and to_victim not in ("protector", "partner"):
        return Stance.ABSTAIN, [Reason("interests", f"{why_attacker}: it abstains", facts={"to": to_attacker})]
    rules = scenario.rules
    if sup < rules.stance_object_below:
        return Stance.OBJECT, [
            Reason(
                "opinion",
                f"support {sup:.0f} is below {rules.stance_object_below:g}: the government cannot join the invocation",
                facts={"support": round(sup, 2)},
            )
        ]
    if st.doctrine in (Doctrine.FREE_RIDER, Doctrine.NEUTRAL) and sup < rules.stance_abstain_below:
        return Stance.ABSTAIN, [
            Reason(
                "doctrine",
                f"{st.doctrine.value} doctrine and support {sup:.0f} < {rules.stance_abstain_below:g}: abstains",
                facts={"support": round(sup, 2)},
            )
        ]
    extra = f"; {stance_towards(scenario, state_id, victim, day)[1]}" if to_victim else ""
    return Stance.SUPPORT, [
        Reason(
            "solidarity",
            f"{st.doctrine.value} doctrine, support {sup:.0f}: supports the invocation{extra}",
            facts={"support": round(sup, 2)},
        )
    ]


def desired_level(state: State, obligation: Obligation, support: float, rules: Rules) -> tuple[ResponseLevel, str]:
    """The response a doctrine wants for a triggered commitment, before constraints."""
    if obligation in (Obligation.CONSULT_ONLY, Obligation.NONE):
        return ResponseLevel.STATEMENT, "the article obliges consultation only"
    if state.doctrine is Doctrine.AGGRESSOR:
        return ResponseLevel.STATEMENT, "aggressor doctrine: words only for others' wars"
    if state.doctrine is Doctrine.NEUTRAL:
        return ResponseLevel.STATEMENT, "neutral doctrine: non-military aid only"
    if state.doctrine is Doctrine.FREE_RIDER:
        return ResponseLevel.SANCTIONS, "free-rider doctrine: sanctions, no forces"
    if obligation is Obligation.NO_COMPULSORY_FORCE:
        if state.doctrine is Doctrine.RELIABLE:
            return ResponseLevel.MOBILISE, "no state is required to use armed force (Rio Art 20); reliable: mobilises"
        return ResponseLevel.SANCTIONS, "no state is required to use armed force (Rio Art 20)"
    if state.doctrine is Doctrine.RELIABLE:
        return ResponseLevel.DEPLOY, "reliable doctrine: sends forces"
    # cautious
    margin = rules.cautious_deploy_margin
    if support >= state.support_threshold + margin:
        return (
            ResponseLevel.DEPLOY,
            f"cautious doctrine, support {support:.0f} ≥ threshold {state.support_threshold:.0f} + {margin:g}: sends forces",
        )
    return (
        ResponseLevel.MOBILISE,
        f"cautious doctrine, support {support:.0f} < threshold {state.support_threshold:.0f} + {margin:g}: mobilises only",
    )


def forces_count(state: State, rules: Rules) -> int:
    """How many forces a state's doctrine sends to an ally."""
    return {Doctrine.RELIABLE: rules.reliable_forces, Doctrine.CAUTIOUS: rules.cautious_forces}.get(state.doctrine, 0)


def deployment_cost(forces: list[ForceDef], days: float, troop_day_usd: float) -> float:
    """US$ million to keep ``forces`` deployed for ``days``: their personnel at the deployed troop-day rate plus
    any platform cost (transit counted at the same rate)."""
    return sum(f.daily_cost_musd + f.personnel * troop_day_usd / 1e6 for f in forces) * days


def approval_probability(state: State, support: float, rules: Rules) -> float:
    """Chance a legislature approves a deployment or a supplemental (logistic in support; assumption)."""
    if state.government is Government.AUTOCRACY:
        return rules.approval_autocracy
    if state.government is Government.DEMOCRACY:
        mid = rules.approval_midpoint_democracy
    else:
        mid = rules.approval_midpoint_hybrid
    return 1.0 / (1.0 + math.exp(-(support - mid) / rules.approval_slope))
