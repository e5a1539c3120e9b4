"""Phase 4b, the United Nations (issue 10, item 4): the Security Council takes up the attacks brought to it,
drafts are tabled and voted with the five vetoes, a veto opens the way to the General Assembly under Uniting for
Peace, uses of force in self-defence are reported under Art 51, and Council measures end the Art 51 basis.

The default drafting (an assumption, told in ``docs/rules.md``): the Council waits until the attack's author is
named; it condemns an armed attack (and demands withdrawal from ground held), and for a mass-casualty attack by a
non-state actor condemns it and affirms the right of self-defence (res 1368, 2249); a lesser use of force gets a
statement. When a permanent member protects the author and the attack is short of a state of war, the members
settle for a presidential statement that names nobody (Cheonan: S/PRST/2010/13); for a state of war they force
the vote (Crimea 2014, Ukraine 2022). A use of force whose self-defence claim holds is not condemned (Yeonpyeong
2010: a meeting, no product). Each member votes by its relations: the author and those that protect it or are
its allies vote no (a permanent member's no is a veto; an abstention or absence is not, ICJ Namibia §22),
partners abstain, the rest vote yes; a protector does not shield a use of force that failed the checks of
self-defence (Osirak: res 487, unanimous).
"""

from __future__ import annotations

import math

from ..commands import Action, Command
from ..enums import AttackKind, Gravity, StateId
from ..events import EventKind, Reason
from ..relations import stance_towards
from ..world import AttackState, CouncilItem
from . import necessity
from .context import TurnContext

DRAFT_KINDS = ("condemn", "withdraw", "affirm", "authorise", "ceasefire", "statement")
"""Drafts a state may table: condemn; condemn and demand withdrawal; condemn and affirm the right of
self-defence; authorise force ('all necessary means'); demand a ceasefire; a presidential statement."""
ENDS_ART51 = ("authorise", "ceasefire")
"""Council measures that end the Art 51 basis (crisis-sources §4.4: condemnations, demands and sanctions do not)."""

DRAFT_WORDS: dict[str, str] = {
    "condemn": "condemning",
    "withdraw": "condemning and demanding the withdrawal of",
    "affirm": "condemning, and affirming the right of self-defence against,",
    "authorise": "authorising all necessary means against",
    "ceasefire": "demanding a ceasefire from",
    "statement": "a presidential statement condemning",
    "refer": "the procedural vote convening the General Assembly on",
    "assembly": "the General Assembly's resolution on",
    "debate": "the General Assembly's debate on the veto over",
}
"""Each kind of draft in words, before the name of the state it names (tabled drafts and the procedural votes)."""


def run(ctx: TurnContext) -> None:
    for cmd in ctx.decisions(Action.TABLE, Action.VOTE, Action.UNITING):
        _seat(ctx, cmd)
    for att in ctx.open_attacks():
        if att.notified and not att.void:
            _take_up(ctx, att)
    _votes(ctx)
    _reports(ctx)


# ------------------------------------------------------------------------------------------
# Seats
# ------------------------------------------------------------------------------------------


def _seat(ctx: TurnContext, cmd: Command) -> None:
    p = cmd.payload
    state = str(p.get("state", ""))
    if p["action"] == Action.VOTE.value:
        item = ctx.world.crisis.council.get(str(p.get("draft", "")))
        vote = str(p.get("vote", ""))
        if item is None or item.status != "tabled":
            ctx.reject(cmd, f"no draft {p.get('draft')!r} awaiting a vote")
        elif item.kind in ("assembly", "debate"):
            ctx.reject(cmd, f"{item.id} is before the General Assembly, not the Council's members")
        elif state not in members(ctx):
            ctx.reject(cmd, f"{state} does not sit on the Security Council")
        elif vote not in ("yes", "no", "abstain"):
            ctx.reject(cmd, f"a vote is yes, no or abstain, not {vote!r}")
        else:
            item.votes[state] = vote
            ctx.log.add(
                EventKind.COUNCIL,
                item.id,
                f"{ctx.name(state)} will vote {vote} on {item.id}",
                reasons=[Reason("seat", f"decided by seat {cmd.seat}")],
                data={"draft": item.id, "state": state, "vote": vote},
            )
        return
    att = ctx.world.attacks.get(str(p.get("attack", "")))
    if att is None:
        ctx.reject(cmd, f"no attack {p.get('attack')!r}")
        return
    if p["action"] == Action.UNITING.value:
        vetoed = [c for c in _items(ctx, att) if c.status == "vetoed"]
        if not vetoed:
            ctx.reject(cmd, f"no draft on {att.id} has been vetoed: Uniting for Peace needs the Council to have failed")
        elif any(c.kind == "refer" for c in _items(ctx, att)):
            ctx.reject(cmd, f"the General Assembly is already seized of {att.id}")
        else:
            _table(
                ctx, att, "refer", att.attacker, state or "facilitator", f"Uniting for Peace chosen by seat {cmd.seat}"
            )
        return
    kind = str(p.get("kind", ""))
    if kind not in DRAFT_KINDS:
        ctx.reject(cmd, f"unknown draft {kind!r} ({', '.join(DRAFT_KINDS)})")
        return
    subject = str(p.get("subject", "") or att.attacker)
    _table(ctx, att, kind, subject, state, f"tabled by seat {cmd.seat}")


# ------------------------------------------------------------------------------------------
# Drafting
# ------------------------------------------------------------------------------------------


def members(ctx: TurnContext) -> list[StateId]:
    """The named members of the Council in the scenario (permanent, and elected if named)."""
    seats = ctx.scenario.crisis.council
    return [s for s in (*seats.permanent, *seats.elected) if s in ctx.scenario.states]


def _items(ctx: TurnContext, att: AttackState) -> list[CouncilItem]:
    return [c for c in ctx.world.crisis.council.values() if c.attack == att.id]


def _table(ctx: TurnContext, att: AttackState, kind: str, subject: StateId, sponsor: StateId, why: str) -> CouncilItem:
    crisis = ctx.world.crisis
    rid = f"R{len(crisis.council) + 1}"
    days = ctx.scenario.rules.ufp_days if kind == "assembly" else ctx.scenario.rules.un_vote_days
    if kind == "debate":
        days = ctx.scenario.rules.ga_debate_days
    item = CouncilItem(rid, att.id, kind, subject, sponsor, ctx.turn, ctx.turn + max(0, ctx.turns_for(days)))
    crisis.council[rid] = item
    named = ctx.name(subject) if subject else "nobody by name"
    ctx.log.add(
        EventKind.COUNCIL,
        rid,
        f"{rid}: a draft {DRAFT_WORDS[kind]} {named} over {att.id} is tabled; vote on turn {item.vote_turn}"
        if kind not in ("debate", "assembly")
        else f"{rid}: {DRAFT_WORDS[kind]} {named} ({att.id}) on turn {item.vote_turn}",
        reasons=[Reason("drafting", why, citation="UN Charter Arts 24, 27, 39")],
        data={"draft": rid, "attack": att.id, "kind": kind, "subject": subject, "vote_turn": item.vote_turn},
    )
    return item


def _meets_once(ctx: TurnContext, att: AttackState, marker: str, summary: str, reason: Reason) -> None:
    """Log once per attack that the Council met on it without a draft (``marker`` remembers it in ``att.decided``)."""
    if marker in att.decided:
        return
    att.decided.append(marker)
    ctx.log.add(EventKind.COUNCIL, att.id, summary, reasons=[reason], data={"attack": att.id})


def _take_up(ctx: TurnContext, att: AttackState) -> None:
    """The Council takes up an attack brought to it: the default draft, once its author is named."""
    if att.gravity < Gravity.USE_OF_FORCE or _items(ctx, att):
        return
    rules = ctx.scenario.rules
    sponsor = att.notified[0]
    terror = att.spec.kind is AttackKind.TERRORIST and att.gravity >= Gravity.ARMED_ATTACK
    if terror and att.attribution < rules.attribution_threshold:
        _table(
            ctx,
            att,
            "affirm",
            "",
            sponsor,
            "a mass-casualty terrorist attack: the members condemn it and affirm the right of self-defence before its "
            "author is named (res 1368, 12 Sep 2001)",
        )
        return
    if att.attribution < rules.attribution_threshold:
        _meets_once(
            ctx,
            att,
            "council:waits",
            f"The Security Council meets on {att.id}; no draft until its author is named",
            Reason("drafting", f"attribution {att.attribution:.2f} < {rules.attribution_threshold:g}"),
        )
        return
    claim = next((j for j in ctx.world.crisis.judgements if j.action == att.id), None)
    if claim is not None and claim.passed and not att.spec.anticipatory:
        _meets_once(
            ctx,
            att,
            "council:no product",
            f"The Security Council meets on {att.id}: no product (a use of force in self-defence that holds)",
            Reason("drafting", "the self-defence checks hold: no member tables a condemnation"),
        )
        return
    subject = att.attacker
    kind = _default_kind(ctx, att)
    seizure = att.spec.kind is AttackKind.INVASION or att.spec.troops > 0
    if subject in ctx.scenario.crisis.council.permanent and att.gravity < Gravity.STATE_OF_WAR and not seizure:
        _meets_once(
            ctx,
            att,
            "council:no draft",
            f"The Security Council meets on {att.id}: no draft — {ctx.name(subject)}, a permanent member, would veto "
            "it (the members force a vote only over a seizure of territory or a state of war)",
            Reason("drafting", "Praying Mantis, 1988: a US letter (S/19791, symbol unverified), no draft"),
        )
        return
    if kind == "statement" or att.gravity < Gravity.STATE_OF_WAR:
        shield = [
            m
            for m in ctx.scenario.crisis.council.permanent
            if m != subject and _vote(ctx, m, subject, "condemn", att) == "no"
        ]
        answered = [
            j for j in ctx.world.crisis.judgements if j.state == att.spec.victim and j.answers == att.id and j.passed
        ]
        if shield and answered:
            _meets_once(
                ctx,
                att,
                "council:divided",
                f"The Security Council meets on {att.id}: no product — {ctx.name(att.spec.victim)} has answered by "
                "force and the members divide over the exchange of fire",
                Reason(
                    "drafting",
                    f"{', '.join(ctx.name(m) for m in shield)} shield {ctx.name(subject)}; after "
                    f"{ctx.name(att.spec.victim)}'s own response they call for restraint on both sides "
                    "(Yeonpyeong: the meeting of 19 Dec 2010 had no product)",
                ),
            )
            return
        if shield:
            _table(
                ctx,
                att,
                "statement",
                "",
                sponsor,
                f"{', '.join(ctx.name(m) for m in shield)} would veto a text naming {ctx.name(subject)}: the members "
                "settle for a presidential statement that names nobody (S/PRST/2010/13 on Cheonan)",
            )
            return
    _table(ctx, att, kind, subject, sponsor, f"{ctx.name(sponsor)} brought {att.id} to the Council")


def _default_kind(ctx: TurnContext, att: AttackState) -> str:
    if att.gravity < Gravity.ARMED_ATTACK:
        return "statement"
    st = ctx.scenario.states.get(att.attacker)
    if st is not None and st.non_state:
        return "affirm"
    if att.spec.troops or att.spec.kind.value == "invasion":
        return "withdraw"
    return "condemn"


# ------------------------------------------------------------------------------------------
# Votes
# ------------------------------------------------------------------------------------------


def _failed_claim(ctx: TurnContext, subject: StateId, att: AttackState) -> bool:
    return any(j.state == subject and j.action == att.id and not j.passed for j in ctx.world.crisis.judgements)


def _vote(ctx: TurnContext, member: StateId, subject: StateId, kind: str, att: AttackState) -> str:
    """A member's vote on a draft naming ``subject`` (the default policy)."""
    return _vote_why(ctx, member, subject, att)[0]


def _vote_why(ctx: TurnContext, member: StateId, subject: StateId, att: AttackState) -> tuple[str, str]:
    """A member's vote on a draft naming ``subject``, and why (its relations with the subject and the victim)."""
    if member in ctx.scenario.crisis.council.absent:
        return "absent", "absent from the Council"
    if not subject:
        return "yes", "the text names nobody"
    if member == subject:
        return "no", "the text names it"
    day = ctx.day
    how, why = stance_towards(ctx.scenario, member, subject, day)
    actor = ctx.scenario.states.get(subject)
    if actor is not None and actor.non_state and how == "":
        for sp in ctx.scenario.crisis.sponsors_of(subject):
            sponsor_how, sponsor_why = stance_towards(ctx.scenario, member, sp.state, day)
            if sponsor_how in ("protector", "ally", "partner"):
                how, why = "partner", f"{sponsor_why}, which backs {ctx.name(subject)}"
    victim = att.spec.victim if subject == att.attacker else ""
    with_victim, why_victim = stance_towards(ctx.scenario, member, victim, day) if victim else ("", "")
    if how in ("protector", "ally"):
        if with_victim in ("protector", "ally"):
            return "yes", f"{why}, but {why_victim}: it does not shield one ally's attack on another"
        if _failed_claim(ctx, subject, att):
            return "abstain", f"{why}, but the use of force failed the checks of self-defence"
        return "no", why
    if how == "partner":
        if with_victim in ("protector", "ally", "partner"):
            return "yes", f"{why}, but {why_victim}"
        return "abstain", why
    return "yes", "no tie to the author"


def _votes(ctx: TurnContext) -> None:
    for item in sorted(ctx.world.crisis.council.values(), key=lambda c: int(c.id[1:])):
        if item.status == "tabled" and item.vote_turn <= ctx.turn:
            att = ctx.world.attacks[item.attack]
            if item.kind == "debate":
                _debate(ctx, item)
            elif item.kind == "assembly":
                _assembly(ctx, item, att)
            else:
                _council_vote(ctx, item, att)


def _council_vote(ctx: TurnContext, item: CouncilItem, att: AttackState) -> None:
    rules = ctx.scenario.rules
    seats = ctx.scenario.crisis.council
    why: dict[StateId, str] = {}
    for m in members(ctx):
        if m in item.votes:
            why[m] = "decided by its seat"
        elif m in ctx.controlled:
            item.votes[m], why[m] = "abstain", "its seat cast no vote"
        else:
            item.votes[m], why[m] = _vote_why(ctx, m, item.subject, att)
    named = len(members(ctx))
    unnamed = max(0, 15 - named)
    elected_yes = min(unnamed, rules.un_elected_yes)
    failures = sum(1 for j in ctx.world.crisis.judgements if j.state == item.sponsor and not j.passed)
    elected_yes = max(0, elected_yes - failures * rules.legitimacy_votes_per_failure)
    if not item.subject or item.kind == "refer":
        elected_yes = unnamed
    item.counted = [elected_yes, 0, unnamed - elected_yes]
    yes = sum(1 for v in item.votes.values() if v == "yes") + elected_yes
    no = sum(1 for v in item.votes.values() if v == "no")
    abstain = sum(1 for v in item.votes.values() if v == "abstain") + unnamed - elected_yes
    vetoes = [m for m in seats.permanent if item.votes.get(m) == "no"]
    item.tally = f"{yes}-{no}-{abstain}"
    if item.kind == "statement":
        ok = no == 0
        item.status = "adopted" if ok else "failed"
        item.reason = (
            "adopted by consensus"
            if ok
            else f"no consensus: {', '.join(ctx.name(s) for s in item.votes if item.votes[s] == 'no')} object"
        )
    elif item.kind == "refer":
        ok = yes >= rules.un_votes_needed
        item.status = "adopted" if ok else "failed"
        item.reason = (
            f"{yes} votes ({rules.un_votes_needed} needed); a procedural vote, so no veto (UN Charter Art 27(2))"
        )
    elif vetoes:
        item.status = "vetoed"
        item.reason = f"vetoed by {', '.join(ctx.name(v) for v in vetoes)} (UN Charter Art 27(3))"
    elif yes >= rules.un_votes_needed:
        item.status = "adopted"
        item.reason = f"{yes} in favour ({rules.un_votes_needed} needed), no permanent member against"
    else:
        item.status = "failed"
        item.reason = f"only {yes} in favour ({rules.un_votes_needed} needed)"
    absent = [ctx.name(m) for m, v in item.votes.items() if v == "absent"]
    reasons = [
        Reason("votes", ", ".join(f"{ctx.name(m)} {v}" for m, v in sorted(item.votes.items())), facts=dict(item.votes)),
        *[Reason(ctx.name(m), f"{item.votes[m]}: {w}") for m, w in sorted(why.items())],
        Reason(
            "elected members",
            f"{unnamed} not named: {item.counted[0]} yes, {item.counted[2]} abstain (rules.un_elected_yes)",
        ),
        Reason("outcome", item.reason, item.status == "adopted", citation="UN Charter Art 27; ICJ Namibia AO §22"),
    ]
    if absent:
        reasons.append(Reason("absence", f"{', '.join(absent)} absent: an absence is not a veto (Korea, Jun 1950)"))
    kind_words = "resolution" if item.kind != "statement" else "presidential statement"
    ctx.log.add(
        EventKind.COUNCIL,
        item.id,
        f"{item.id} ({DRAFT_WORDS[item.kind]} {ctx.name(item.subject) if item.subject else 'nobody by name'}): "
        f"{item.status.upper()} {item.tally}" + (f" — the {kind_words} passes" if item.status == "adopted" else ""),
        reasons=reasons,
        data={"draft": item.id, "attack": att.id, "kind": item.kind, "status": item.status, "tally": item.tally},
    )
    if item.status == "vetoed":
        _after_veto(ctx, item, att)
    if item.status == "adopted" and item.kind == "refer":
        _table(
            ctx,
            att,
            "assembly",
            item.subject,
            item.sponsor,
            "the Council referred the question to the General Assembly",
        )
    if item.status == "adopted" and item.kind in ENDS_ART51:
        ctx.log.add(
            EventKind.COUNCIL,
            att.id,
            f"The Security Council has taken measures on {att.id} ({item.id}): the right of self-defence under Art 51 "
            "gives way to the Council's authority",
            reasons=[
                Reason(
                    "Art 51", "'until the Security Council has taken measures necessary'", citation="UN Charter Art 51"
                )
            ],
            data={"attack": att.id, "draft": item.id, "ends_art51": True},
        )


def _after_veto(ctx: TurnContext, item: CouncilItem, att: AttackState) -> None:
    """A veto: the General Assembly debates it (res 76/262); the default policy may choose Uniting for Peace."""
    _table(ctx, att, "debate", item.subject, item.sponsor, "the General Assembly debates every veto (GA res 76/262)")
    rules = ctx.scenario.rules
    if att.gravity >= rules.ufp_default_min_gravity and item.kind in ("condemn", "withdraw"):
        _table(
            ctx,
            att,
            "refer",
            item.subject,
            item.sponsor,
            f"the Council failed for lack of unanimity of its permanent members over a {att.gravity.name.lower().replace('_', ' ')}: "
            "Uniting for Peace (GA res 377 A (V); default policy, rules.ufp_default_min_gravity)",
        )


def _debate(ctx: TurnContext, item: CouncilItem) -> None:
    item.status = "adopted"
    item.reason = "held"
    ctx.log.add(
        EventKind.COUNCIL,
        item.id,
        f"{item.id}: the General Assembly debates the veto over {item.attack}",
        reasons=[Reason("veto initiative", "within 10 working days of a veto", citation="GA res 76/262 (2022)")],
        data={"draft": item.id, "attack": item.attack, "kind": "debate"},
    )


def _assembly(ctx: TurnContext, item: CouncilItem, att: AttackState) -> None:
    """The General Assembly votes a recommendation: two-thirds of those voting (UN Charter Art 18(2))."""
    yes = no = abstain = 0
    against: list[StateId] = []
    for sid, st in sorted(ctx.scenario.states.items()):
        if st.non_state or not st.un_member:
            continue
        v = _vote(ctx, sid, item.subject, "condemn", att)
        if v == "yes":
            yes += 1
        elif v == "no":
            no += 1
            against.append(sid)
        else:
            abstain += 1
    item.tally = f"{yes}-{no}-{abstain}"
    ok = yes >= math.ceil(2 * (yes + no) / 3) and yes > 0
    item.status = "adopted" if ok else "failed"
    item.reason = f"{yes} in favour, {no} against, {abstain} abstaining: two-thirds of those voting needed"
    ctx.log.add(
        EventKind.COUNCIL,
        item.id,
        f"{item.id}: the General Assembly {'adopts' if ok else 'rejects'} a resolution on {att.id} {item.tally}"
        + (f" (against: {', '.join(ctx.name(s) for s in against[:8])})" if against else ""),
        reasons=[
            Reason(
                "Uniting for Peace",
                "the Assembly can only recommend; the Art 51 basis is untouched",
                citation="GA res 377 A (V)",
            ),
            Reason("vote", item.reason, ok, citation="UN Charter Art 18(2)"),
        ],
        data={"draft": item.id, "attack": att.id, "kind": "assembly", "status": item.status, "tally": item.tally},
    )


# ------------------------------------------------------------------------------------------
# Art 51 reports
# ------------------------------------------------------------------------------------------


def _reports(ctx: TurnContext) -> None:
    """Uses of force in self-defence are reported: the default policy at once, a seat by writing to the Council
    (``notify``); a report not made in time is missed, at a cost in standing (ICJ Nicaragua §200)."""
    rules = ctx.scenario.rules
    letters = {(str(c.payload.get("state")), str(c.payload.get("attack"))) for c in ctx.decisions(Action.NOTIFY)}
    for r in ctx.world.crisis.reports:
        if r.reported_turn is not None or r.missed:
            continue
        wrote = (r.state, r.attack) in letters or (r.state, r.action) in letters
        if r.state not in ctx.controlled or wrote:
            r.reported_turn = ctx.turn
            ctx.log.add(
                EventKind.COUNCIL,
                r.state,
                f"{ctx.name(r.state)} reports its measures in self-defence ({r.action}) to the Security Council",
                reasons=[
                    Reason("Art 51", "measures taken shall be immediately reported", citation="UN Charter Art 51")
                ],
                data={"state": r.state, "attack": r.attack, "action": r.action, "reported": True},
            )
        elif ctx.turn >= r.due_turn:
            r.missed = True
            necessity.lose_standing(
                ctx, r.state, rules.legitimacy_failure, f"no Art 51 report for {r.action}", "ICJ Nicaragua §200"
            )
            ctx.log.add(
                EventKind.COUNCIL,
                r.state,
                f"{ctx.name(r.state)} has not reported {r.action} to the Security Council within "
                f"{rules.art51_report_days:g} days",
                reasons=[
                    Reason(
                        "Art 51",
                        "not reporting is a sign the state did not believe it acted in self-defence",
                        False,
                        citation="ICJ Nicaragua §200; Eritrea-Ethiopia Claims Commission 2005",
                    )
                ],
                data={"state": r.state, "attack": r.attack, "action": r.action, "reported": False},
            )
