"""Phase 8c, opinion: each state's support for using force, rebuilt every turn term by term (``reference/numbers.md``
§2d; crisis-sources §7): the poll baseline; rallies after armed attacks on itself (an invaded democracy rallies
most, a mass-casualty attack at home by its scale, a government that named the wrong attacker not at all) and one
small rally per crisis as an exposed ally (decaying, capped together); expected success in its fights; its own
military deaths after it committed forces (never the victims of the attack on it) and its recent losses; the cue
of an alliance that invoked; a white-cell adjustment; clamped to 0..100. A large change is logged with every term.
"""

from __future__ import annotations

import math

from ..enums import AttackKind, Doctrine, Government, Gravity, Outcome, OverrideTarget, StateId, TargetKind, VerdictCode
from ..events import EventKind, Reason
from ..model import State
from ..world import AttackState, NationState, Term
from . import sanctions
from .context import TurnContext
from .requests import exposure


def run(ctx: TurnContext) -> None:
    bound = _triggered_guarantors(ctx)
    invoked_treaties = {k.treaty for k, c in ctx.world.collectives.items() if c.outcome is Outcome.INVOKED}
    for sid in sorted(ctx.world.nations):
        st = ctx.scenario.states[sid]
        nation = ctx.world.nations[sid]
        terms = [Term("Baseline (polls)", st.opinion_baseline, "scenario opinion_baseline")]
        terms += _rallies(ctx, sid, bound)
        terms += _war_terms(ctx, st, nation)
        terms += sanctions.opinion_terms(ctx, sid)
        member_of_invoked = [
            tr.name for tr in ctx.scenario.treaties if tr.id in invoked_treaties and tr.is_party(sid, ctx.day)
        ]
        if member_of_invoked and st.doctrine is not Doctrine.AGGRESSOR:
            terms.append(
                Term(
                    f"Alliance cue ({', '.join(sorted(member_of_invoked))} invoked)",
                    ctx.scenario.rules.alliance_cue,
                    "assumption",
                )
            )
        ov = ctx.standing(OverrideTarget.OPINION, sid)
        if ov is not None:
            if not ov.applied:
                ov.delta = float(ov.value) - sum(t.value for t in terms)
                ov.applied = True
            terms.append(Term(f"White-cell adjustment (turn {ov.turn}): {ov.rationale}", ov.delta or 0.0, "override"))
        _set_support(ctx, st, nation, terms)


def _triggered_guarantors(ctx: TurnContext) -> dict[str, set[StateId]]:
    """Attack id → the states bound by a TRIGGERED verdict on it."""
    out: dict[str, set[StateId]] = {}
    for vd in ctx.world.verdicts.values():
        if vd.code is VerdictCode.TRIGGERED:
            out.setdefault(vd.attack, set()).update(vd.guarantors)
    return out


def _decay(days: float, half_life: float) -> float:
    return math.exp(-math.log(2) * days / half_life)


def _own_rally(ctx: TurnContext, st: State, att: AttackState, days: float) -> Term | None:
    """The rally after an armed attack on the state itself: an invaded democracy rallies most (Ukraine, Feb
    2022), a mass-casualty attack at home by its scale (9/11), other armed attacks by the ordinary rally; a
    government that named the wrong attacker gets none (Madrid, Mar 2004)."""
    rules = ctx.scenario.rules
    spec = att.spec
    loc = ctx.scenario.locations.get(spec.location)
    home = spec.target is TargetKind.TERRITORY and loc is not None and loc.administered_by == st.id
    if "named wrongly" in att.decided:
        return Term(
            f"No rally after {att.id}: the government named the wrong attacker",
            0.0,
            "crisis-sources §7.1 (Madrid, 11-14 Mar 2004)",
        )
    invaded = home and (spec.kind is AttackKind.INVASION or spec.troops > 0)
    if invaded and st.government is Government.DEMOCRACY:
        return Term(
            f"Invaded: the nation rallies after {att.id} ({days:g} days ago)",
            rules.rally_invaded * _decay(days, rules.rally_invaded_half_life_days),
            "Rating group 26-27 Feb 2022 (91% backed the president); crisis-sources §7.2",
        )
    decay = _decay(days, rules.rally_half_life_days)
    if home and spec.casualties >= rules.mass_casualty:
        named = att.attribution >= rules.attribution_threshold
        r = rules.rally_mass_base + rules.rally_mass_per_decade * math.log10(spec.casualties / rules.mass_casualty)
        r += rules.rally_foreign_enemy if named else 0.0
        return Term(
            f"Rally after a mass-casualty attack at home ({att.id}, {spec.casualties:,} killed"
            + (", a foreign enemy named" if named else "")
            + f"; {days:g} days ago)",
            min(r, rules.rally_cap) * decay,
            "Gallup Sep 2001 (+35 in 4 days); crisis-sources §7.1 (form assumed)",
        )
    return Term(
        f"Rally after {att.id} on own {spec.target.value} ({days:g} days ago)",
        rules.rally_own * decay,
        "Gallup rallies; numbers.md §2d",
    )


def _rallies(ctx: TurnContext, sid: StateId, bound: dict[str, set[StateId]]) -> list[Term]:
    """Rallies after armed attacks on the state itself (an invaded democracy's rally outside the cap, taking the place
    of its other own rallies), and one small rally per crisis (one attacker's campaign) as an exposed ally bound to
    help; together at most the rally cap."""
    rules = ctx.scenario.rules
    st = ctx.scenario.states[sid]
    rally_terms: list[Term] = []
    outside: list[Term] = []
    crisis = ctx.world.crisis
    for att in sorted(ctx.world.attacks.values(), key=lambda a: int(a.id[1:])):
        if att.void or att.gravity < Gravity.ARMED_ATTACK:
            continue
        days = ctx.scenario.days_between(att.turn, ctx.turn)
        if att.spec.victim == sid:
            term = _own_rally(ctx, st, att, days)
            if term is not None:
                (outside if term.label.startswith("Invaded") else rally_terms).append(term)
            continue
        if att.attacker == sid or sid not in bound.get(att.id, ()):
            continue
        pair = f"{sid}:{att.attacker}"
        first = crisis.rallied.get(pair)
        if first is None:
            why = exposure(ctx, sid, att)
            if not why:
                continue
            crisis.rallied[pair] = first = att.id
        if first != att.id:
            continue
        rally_terms.append(
            Term(
                f"Rally as an exposed ally in the crisis of {att.id} ({days:g} days ago; once per crisis)",
                rules.rally_ally * _decay(days, rules.rally_half_life_days),
                "Baker & Oneal 2001 (small rallies); crisis-sources §7.3",
            )
        )
    if outside:
        rally_terms = [t for t in rally_terms if not t.label.startswith("Rally after")]
    out: list[Term] = list(outside)
    rally = 0.0
    for rt in rally_terms:
        room = rules.rally_cap - rally
        if room <= 0:
            break
        if rt.value > room:
            rt = Term(rt.label + f" (capped: rallies total at most {rules.rally_cap:g})", room, rt.source)
        rally += rt.value
        out.append(rt)
    return out


def _war_terms(ctx: TurnContext, st: State, nation: NationState) -> list[Term]:
    """Expected success, cumulative casualties (log form) and recent losses (the window is also pruned)."""
    rules = ctx.scenario.rules
    out: list[Term] = []
    if nation.expected_success is not None:
        out.append(
            Term(
                f"Expected success (own share of force {nation.expected_success:.0%})",
                rules.success_gamma * (nation.expected_success - 0.5),
                "Gelpi, Feaver & Reifler 2005/06 (form)",
            )
        )
    if nation.casualties:
        out.append(
            Term(
                f"Own military deaths since committing forces ({nation.casualties:,})",
                -rules.mueller_b * math.log10(1 + nation.casualties / rules.mueller_c0),
                "Mueller 1973 (log form; b unconfirmed); crisis-sources §7.4: own losses, not the attack's victims",
            )
        )
    window = [
        (t, c)
        for t, c in nation.recent_losses
        if ctx.scenario.days_between(t, ctx.turn) < rules.recent_loss_window_days
    ]
    nation.recent_losses = window
    recent = sum(c for _, c in window)
    if recent and st.population_m > 0:
        out.append(
            Term(
                f"Recent own military losses ({recent:,} in {rules.recent_loss_window_days:g} days)",
                -min(rules.recent_loss_cap, rules.recent_loss_beta * recent / st.population_m),
                "Gartner & Segura 1998 (form; β assumed)",
            )
        )
    return out


def _set_support(ctx: TurnContext, st: State, nation: NationState, terms: list[Term]) -> None:
    raw = sum(t.value for t in terms)
    value = min(100.0, max(0.0, raw))
    if value != raw:
        terms.append(Term("Clamp to 0..100", value - raw, "support is a percentage"))
    old = nation.support
    nation.support = value
    nation.support_terms = terms
    if abs(value - old) >= ctx.scenario.rules.opinion_event_points:
        ctx.log.add(
            EventKind.OPINION,
            st.id,
            f"{st.name}: support {old:.0f} → {value:.0f}",
            reasons=[Reason(t.label, f"{t.value:+.1f}", citation=t.source) for t in terms],
            data={"state": st.id, "from": round(old, 3), "to": round(value, 3)},
        )
