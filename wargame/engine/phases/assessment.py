"""Phase 2, assessment: victims declare themselves attacked and request help, parties request consultations,
attribution firms up (slowly for cyber), and incidents are taken cumulatively."""

from __future__ import annotations

from ..commands import Action
from ..enums import AttackKind, Gravity
from ..events import EventKind, Reason
from ..gravity import assess_gravity
from ..world import AttackState
from .context import TurnContext


def run(ctx: TurnContext) -> None:
    """Seats' requests and consultations, then each open attack's attribution and cumulative gravity."""
    for cmd in ctx.decisions(Action.REQUEST, Action.CONSULT):
        p = cmd.payload
        att = ctx.world.attacks.get(str(p.get("attack")))
        state = str(p.get("state", ""))
        if att is None:
            ctx.reject(cmd, f"no attack {p.get('attack')!r}")
            continue
        if p["action"] == Action.REQUEST.value:
            if state != att.spec.victim:
                ctx.reject(cmd, f"only the victim ({att.spec.victim}) can request assistance for {att.id}")
                continue
            request(ctx, att, f"decided by seat {cmd.seat}")
        else:
            consult(ctx, att, state, f"decided by seat {cmd.seat}")
    for att in ctx.open_attacks():
        _attribution(ctx, att)
        _cumulative_gravity(ctx, att)


def request(ctx: TurnContext, att: AttackState, why: str) -> None:
    """The victim declares itself attacked and requests assistance (and consultations)."""
    if att.requested_turn is not None:
        return
    att.requested_turn = ctx.turn
    if att.spec.victim not in att.consult_requests:
        att.consult_requests.append(att.spec.victim)
    ctx.log.add(
        EventKind.REQUEST,
        att.id,
        f"{ctx.name(att.spec.victim)} declares itself attacked ({att.id}) and requests assistance",
        reasons=[Reason("request", why, citation="ICJ Nicaragua §195, §199")],
        data={"state": att.spec.victim, "attack": att.id},
    )


def consult(ctx: TurnContext, att: AttackState, state: str, why: str) -> None:
    """``state`` requests consultations about ``att``."""
    if state in att.consult_requests:
        return
    att.consult_requests.append(state)
    ctx.log.add(
        EventKind.CONSULT_REQUEST,
        att.id,
        f"{ctx.name(state)} requests consultations about {att.id}",
        reasons=[Reason("consultation", why)],
        data={"state": state, "attack": att.id},
    )


def _attribution(ctx: TurnContext, att: AttackState) -> None:
    """Confidence in the attacker rises each turn after the first; logged when it crosses the threshold or
    reaches certainty."""
    rules = ctx.scenario.rules
    length = ctx.scenario.turn_length_days
    if att.turn < ctx.turn and att.attribution < 1.0:
        slow = att.spec.kind in (AttackKind.CYBER, AttackKind.HYBRID)
        rate = rules.cyber_attribution_rate_per_day if slow else rules.attribution_rate_per_day
        old = att.attribution
        att.attribution = min(1.0, round(old + rate * length, 9))
        if (old < rules.attribution_threshold <= att.attribution) or att.attribution == 1.0 and old < 1.0:
            ctx.log.add(
                EventKind.ATTRIBUTION,
                att.id,
                f"Attribution of {att.id} to {ctx.name(att.spec.attacker)} rises to {att.attribution:.2f}",
                reasons=[
                    Reason(
                        "attribution",
                        f"{'cyber/hybrid attribution is slow' if slow else 'evidence accumulates'}: "
                        f"+{rate * length:.2f} per turn (assumption)",
                        facts={"from": old, "to": att.attribution},
                        citation="ICJ Oil Platforms §57 (burden of proof on attribution)",
                    )
                ],
                data={"attack": att.id, "attribution": att.attribution},
            )


def _cumulative_gravity(ctx: TurnContext, att: AttackState) -> None:
    """Incidents by the same attacker on the same victim within the window add up (ICJ Oil Platforms §64)."""
    s = ctx.scenario
    if att.spec.kind in (AttackKind.INVASION, AttackKind.THREAT) or att.gravity >= Gravity.ARMED_ATTACK:
        return
    window = s.rules.cumulative_window_days
    # Only incidents that are each below an armed attack add up (an attack that is one already stands
    # on its own and does not make later small incidents armed attacks).
    related = [
        a
        for a in ctx.world.attacks.values()
        if a.spec.attacker == att.spec.attacker
        and a.spec.victim == att.spec.victim
        and a.spec.kind not in (AttackKind.THREAT, AttackKind.INVASION)
        and 0 <= s.days_between(a.turn, att.turn) <= window
        and a.turn <= att.turn
        and assess_gravity(a.spec, s.rules)[0] < Gravity.ARMED_ATTACK
    ]
    if len(related) < 2:
        return
    cas = sum(a.spec.casualties for a in related)
    dmg = sum(a.spec.damage_musd for a in related)
    g, detail = assess_gravity(att.spec, s.rules, casualties=cas, damage=dmg)
    g = min(g, Gravity.ARMED_ATTACK)
    if g > att.gravity:
        old = att.gravity
        att.gravity = g
        ctx.log.add(
            EventKind.GRAVITY,
            att.id,
            f"{att.id} taken cumulatively with {len(related) - 1} earlier incident(s) reaches {g.name.lower()}",
            reasons=[
                Reason(
                    "cumulative",
                    f"{len(related)} incidents by {att.spec.attacker} on {att.spec.victim} within {window:.0f} days: "
                    f"{cas} casualties, ${dmg:,.0f}m damage — {detail}",
                    citation="ICJ Oil Platforms §64 (incidents taken cumulatively)",
                    facts={"attacks": [a.id for a in related], "from": old.name, "to": g.name},
                )
            ],
            data={"attack": att.id, "gravity": g.name},
        )
