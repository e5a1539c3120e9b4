"""Phase 1, injects: attacks enter the world — the MSEL's, the facilitator's and the aggressor AI's — and the
facilitator's notes are logged."""

from __future__ import annotations

import dataclasses

from .. import ai as ai_mod
from .. import attribution as attr
from .. import orders
from ..codec import decode, encode
from ..commands import CommandKind
from ..enums import AttackKind, Doctrine
from ..events import EventKind, Reason
from ..geo import great_circle_km
from ..gravity import assess_gravity
from ..injects import InjectError, check_attack
from ..model import AttackSpec
from ..world import AttackState, NuclearState
from . import escalation, necessity
from .assessment import note_named
from .context import TurnContext
from .movement import mobilise
from .munitions import strike


def run(ctx: TurnContext) -> None:
    """Scheduled injects of this turn (as the facilitator rescheduled them), then ad-hoc ones (checked again), then
    the AI's, then notes."""
    _reschedule(ctx)
    for inj in ctx.scenario.injects:
        if ctx.world.script.get(inj.serial, inj.turn) == ctx.turn:
            enter_attack(ctx, inj.attack, f"MSEL serial {inj.serial}", "facilitator", serial=inj.serial)
    for cmd in ctx.commands_of(CommandKind.INJECT):
        try:
            spec = decode(AttackSpec, cmd.payload)
            check_attack(ctx.scenario, spec, ctx.world)
        except (InjectError, KeyError, ValueError) as exc:
            ctx.log.add(
                EventKind.REJECTED, "inject", f"Inject refused: {exc}", reasons=[Reason("check", str(exc), False)]
            )
            continue
        enter_attack(ctx, spec, f"inject by {cmd.seat}", cmd.seat)
    for sid in sorted(ctx.ai_states):
        _aggressor_ai(ctx, sid)
    for cmd in ctx.commands_of(CommandKind.NOTE):
        text = str(cmd.payload.get("text", ""))
        ctx.log.add(EventKind.NOTE, cmd.seat, text, data={"text": text})


def _reschedule(ctx: TurnContext) -> None:
    """The facilitator's changes to the scenario's own injects: serial → the turn it fires on (0 held back,
    -1 skipped); a serial the scenario does not have is logged as refused."""
    serials = {inj.serial: inj for inj in ctx.scenario.injects}
    for cmd in ctx.commands_of(CommandKind.SCRIPT):
        for serial, turn in sorted(dict(cmd.payload.get("turns", {})).items()):
            inj = serials.get(str(serial))
            if inj is None or not isinstance(turn, int) or isinstance(turn, bool) or turn < -1:
                ctx.log.add(
                    EventKind.REJECTED, "script", f"Scenario inject {serial!r} cannot be rescheduled to {turn!r}"
                )
                continue
            ctx.world.script[inj.serial] = turn
            what = {0: "held back", -1: "skipped"}.get(turn, f"scheduled for turn {turn}")
            ctx.log.add(
                EventKind.SCRIPT,
                inj.serial,
                f"Scenario inject {inj.serial} ({inj.attack.description or inj.attack.kind.value}) {what} by {cmd.seat}",
                data={"serial": inj.serial, "turn": turn, "was": inj.turn},
            )


def _aggressor_ai(ctx: TurnContext, sid: str) -> None:
    """The aggressor AI's move for ``sid``, if the scenario lets the AI play it (it sees only its view)."""
    st = ctx.scenario.states.get(sid)
    if st is None or st.doctrine is not Doctrine.AGGRESSOR or sid in ctx.controlled:
        return
    if ctx.scenario.ai_aggressors and sid not in ctx.scenario.ai_aggressors:
        return
    view = ai_mod.view_for(ctx.scenario, ctx.world, sid)
    move = ai_mod.decide(ctx.scenario, view, ctx.turn, ctx.difficulty, ctx.seed)
    ctx.world.ai[sid] = move.memory
    spec = move.attack
    if move.reasons:
        ctx.log.add(
            EventKind.AI,
            sid,
            f"{st.name} (AI): " + (spec.description if spec else move.reasons[-1][1]),
            reasons=[Reason(label, detail) for label, detail in move.reasons],
            data={"state": sid, "memory": encode(move.memory), "attack": encode(spec) if spec else None},
        )
    why = [Reason("plan", f"{st.name} readies its forces (aggressor AI)")]
    for fid in move.mobilise:
        mobilise(ctx, fid, why)
    for fid in move.retask:
        fs = ctx.world.forces[fid]
        fs.mission, fs.engage, fs.destination = "", False, None
    if move.alert and ctx.world.nuclear.get(sid, NuclearState()).level < move.alert:
        escalation.set_level(ctx, sid, move.alert, "the aggressor signals to deter a counter-offensive (AI)")
    if spec is not None:
        try:
            check_attack(ctx.scenario, spec, ctx.world)
        except InjectError as exc:
            ctx.log.add(
                EventKind.REJECTED, sid, f"AI attack refused: {exc}", reasons=[Reason("check", str(exc), False)]
            )
            return
        enter_attack(ctx, spec, "aggressor AI", "ai")


def enter_attack(ctx: TurnContext, spec: AttackSpec, origin: str, seat: str, *, serial: str = "") -> None:
    """An attack enters the world with its gravity and its candidate attackers; an invasion starts its assault; a
    use of force claimed as self-defence is judged (:mod:`.necessity`). The victim's requests come in phase 2."""
    w = ctx.world
    s = ctx.scenario
    aid = f"A{w.next_attack}"
    w.next_attack += 1
    if spec.response_to.startswith("#"):
        source = next((a for a in w.attacks.values() if a.serial == spec.response_to[1:]), None)
        spec = dataclasses.replace(spec, response_to=source.id if source else "")
    gravity, detail = assess_gravity(spec, s.rules)
    cands, due, draws, clock = attr.start(s, ctx.seed, aid, spec)
    lead, weight = attr.leading(cands)
    att = AttackState(
        id=aid,
        spec=spec,
        turn=ctx.turn,
        attribution=weight,
        gravity=gravity,
        requested_turn=None,
        candidates=cands,
        attributed=lead,
        working_due=due,
        serial=serial,
    )
    w.attacks[aid] = att
    note_named(ctx, att)
    if spec.casualties:
        w.nations[spec.victim].attack_killed += spec.casualties
    reasons = [
        Reason("origin", origin),
        Reason("gravity", detail, facts={"gravity": gravity.name}),
        Reason(
            "attribution",
            f"first suspected: {', '.join(f'{ctx.name(k)} {v:.2f}' for k, v in cands.items()) or 'nobody'}; {clock}",
            facts={"candidates": dict(cands)},
        ),
    ]
    state, why = attr.responsible_state(s, spec.attacker)
    if why:
        reasons.append(Reason("State responsibility", why, facts={"state": state}))
    ctx.log.add(
        EventKind.ATTACK,
        aid,
        f"{aid}: {_author(ctx, lead, weight)} — {spec.kind.value.replace('_', ' ')} on "
        f"{ctx.name(spec.victim)}'s {spec.target.value} at {ctx.loc_name(spec.location)}; {spec.casualties} killed; "
        f"attribution {weight:.2f}",
        reasons=reasons,
        draws=draws,
        data={"attack": encode(att), "seat": seat},
    )
    strike(ctx, att)
    if spec.kind is AttackKind.INVASION:
        _assault(ctx, att)
    necessity.on_attack(ctx, att)


def _author(ctx: TurnContext, lead: str, weight: float) -> str:
    """Who the attack is first put down to, in words."""
    if not weight:
        return "an unknown attacker"
    if weight < ctx.scenario.rules.attribution_threshold:
        return f"{ctx.name(lead)} (suspected)"
    return ctx.name(lead)


def _assault(ctx: TurnContext, att: AttackState) -> None:
    """The invader's free forces within the invasion radius are ordered to the invaded place (naval and air
    forces to where their domain lets them fight for it); they march there at their rates (phase 6)."""
    s = ctx.scenario
    loc = s.locations[att.spec.location]
    sent = orders.commit_for(
        ctx, att.spec.attacker, att, s.rules.invasion_radius_km, f"committed to the invasion of {loc.name}"
    )
    joined = [
        (
            f,
            round(
                great_circle_km(
                    s.locations[ctx.world.forces[f].location].lat,
                    s.locations[ctx.world.forces[f].location].lon,
                    loc.lat,
                    loc.lon,
                )
            ),
        )
        for f in sent
    ]
    if joined:
        ctx.log.add(
            EventKind.DECISION,
            att.spec.attacker,
            f"{ctx.name(att.spec.attacker)} commits {len(joined)} force(s) to the assault on {loc.name}",
            reasons=[
                Reason(
                    "assault",
                    f"forces within {s.rules.invasion_radius_km:.0f} km of {loc.name} march on it",
                    facts={"forces": [f for f, _ in joined], "distances_km": [d for _, d in joined]},
                )
            ],
            data={
                "state": att.spec.attacker,
                "attack": att.id,
                "level": "assault",
                "forces": [f for f, _ in joined],
            },
        )
