"""One turn, in the phases of DESIGN §4, and the start of a game.

``resolve_turn`` takes the world after turn t−1 and the commands recorded for turn t, and
returns a :class:`TurnRecord`: the events of turn t, the new world and its hash. It does not
modify its input. Randomness comes only from the seed through named sub-streams.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from . import ai as ai_mod
from . import policy
from .codec import canonical_json, clone, decode, encode, state_hash
from .commands import Action, Command, CommandKind
from .enums import (
    LEVELS,
    ArticleKind,
    AttackKind,
    DecisionRule,
    Difficulty,
    Doctrine,
    ForceStatus,
    Government,
    Gravity,
    LocationKind,
    Outcome,
    OverrideTarget,
    ResponseLevel,
    Stance,
    VerdictCode,
)
from .events import Event, EventKind, EventLog, Reason
from .geo import great_circle_km
from .injects import InjectError, check_attack
from .model import AttackSpec, Scenario
from .rng import lognormal_factor, uniform
from .rules import Rules
from .verdicts import AttackView, assess_gravity, verdicts_for
from .world import (
    AttackState,
    Collective,
    Gate,
    NationState,
    Override,
    OverrideKey,
    Term,
    Verdict,
    VerdictKey,
    WorldState,
)

DIFFICULTIES = tuple(d.value for d in Difficulty)
"""The difficulty levels: they set the aggressor AI's boldness and the allies' reliability (see :class:`Rules`)."""
TARGETS = tuple(t.value for t in OverrideTarget)
LEVEL_NAMES = tuple(level.value for level in LEVELS)


@dataclass(frozen=True)
class TurnRecord:
    """What one resolved turn produced: its events and the new world."""

    turn: int
    date: dt.date
    events: tuple[Event, ...]
    world: WorldState

    @property
    def state_hash(self) -> str:
        """sha256 of the world's canonical JSON, computed on each access.

        To store the world as well, encode it once and hash that: ``state_hash(encode(rec.world))``.
        """
        return state_hash(self.world)


__all__ = ["TurnRecord", "canonical_json", "initial_world", "resolve_turn", "state_hash"]


def _budget_terms(reserve: float, rules: Rules, annual_busd: float) -> list[Term]:
    return [
        Term(
            f"Operations reserve ({rules.ops_reserve_share:.0%} of ${annual_busd:,.1f}bn annual defence budget)",
            reserve,
            "rules.ops_reserve_share",
        ),
        Term("Supplemental appropriations", 0.0, "legislative votes"),
        Term("Readiness and deployment costs", 0.0, "forces' daily cost"),
        Term("Transit costs", 0.0, f"forces' daily cost × {rules.transit_cost_factor:g} in transit (assumption)"),
        Term(
            "Combat operations costs",
            0.0,
            f"forces' daily cost × {rules.combat_cost_factor:g} when engaged (assumption)",
        ),
    ]


def initial_world(scenario: Scenario) -> WorldState:
    """The world at turn 0: forces at home, every place held by its administrator."""
    nations: dict[str, NationState] = {}
    for sid, st in sorted(scenario.states.items()):
        reserve = st.defence_budget_busd * 1000.0 * scenario.rules.ops_reserve_share
        nations[sid] = NationState(
            id=sid,
            support=st.opinion_baseline,
            support_terms=[Term("Baseline (polls)", st.opinion_baseline, "scenario opinion_baseline")],
            budget_musd=reserve,
            budget_terms=_budget_terms(reserve, scenario.rules, st.defence_budget_busd),
        )
    from .world import ForceState

    forces = {
        fd.id: ForceState(id=fd.id, status=ForceStatus.GARRISON, location=fd.home, strength=1.0)
        for fd in scenario.forces
    }
    control = {lid: loc.administered_by for lid, loc in sorted(scenario.locations.items()) if loc.administered_by}
    return WorldState(
        turn=0,
        attacks={},
        forces=forces,
        nations=nations,
        control=control,  # type: ignore[arg-type]
        verdicts={},
        collectives={},
    )


def resolve_turn(
    scenario: Scenario,
    world: WorldState,
    commands: Sequence[Command],
    seed: int,
    controlled: Iterable[str] = (),
    ai: Iterable[str] = (),
    difficulty: str = "normal",
) -> TurnRecord:
    """Resolve turn ``world.turn + 1`` with ``commands``.

    States in ``controlled`` (human seats) get no default policy; aggressors in ``ai`` are played by
    the aggressor AI (:mod:`wargame.engine.ai`); ``difficulty`` (easy/normal/hard) sets the AI's
    boldness and the allies' reliability. The turn works on a copy of ``world``
    (:func:`~wargame.engine.codec.clone`: the world as the saved game would give it back).
    """
    if world.ended:
        raise InjectError(f"the game has ended ({world.end_reason}); branch it to play on")
    if difficulty not in DIFFICULTIES:
        raise InjectError(f"unknown difficulty {difficulty!r} (easy, normal, hard)")
    work = clone(world)
    t = _Turn(scenario, work, list(commands), seed, frozenset(controlled), frozenset(ai), difficulty)
    t.run()
    return TurnRecord(t.t, t.day, tuple(t.log.events), work)


def attack_view(scenario: Scenario, attack: AttackState, detail: str = "") -> AttackView:
    return AttackView(
        id=attack.id,
        spec=attack.spec,
        gravity=attack.gravity,
        attribution=attack.attribution,
        requested=attack.requested_turn is not None,
        consult_requests=tuple(attack.consult_requests),
        gravity_detail=detail,
    )


def _gate_reasons(v: Verdict) -> list[Reason]:
    return [
        Reason(g.name, g.detail, g.passed, v.citation if g.name in ("scope", "threshold", "request") else "", g.facts)
        for g in v.gates
    ]


class _Turn:
    def __init__(
        self,
        scenario: Scenario,
        world: WorldState,
        commands: list[Command],
        seed: int,
        controlled: frozenset[str],
        ai: frozenset[str] = frozenset(),
        difficulty: str = "normal",
    ) -> None:
        self.ai_states = ai
        self.difficulty = difficulty
        self.s = scenario
        self.w = world
        self.t = world.turn + 1
        self.day = scenario.date_of(self.t)
        self.L = scenario.turn_length_days
        self.seed = seed
        self.controlled = controlled
        self.commands = commands
        self.log = EventLog(self.t)
        self.engaged_forces: set[str] = set()
        self.stance_cmds: dict[str, dict[str, tuple[Stance, str]]] = {}

    # ---------------------------------------------------------------- helpers
    def name(self, sid: str) -> str:
        st = self.s.states.get(sid)
        return st.name if st else sid

    def loc_name(self, lid: str) -> str:
        loc = self.s.locations.get(lid)
        return loc.name if loc else lid

    def turns_for(self, days: float) -> int:
        return max(0, math.ceil(days / self.L - 1e-9))

    def date_of(self, turn: int) -> str:
        return self.s.date_of(turn).isoformat()

    def cmds(self, kind: CommandKind) -> list[Command]:
        return [c for c in self.commands if c.kind is kind]

    def decisions(self, *actions: Action) -> list[Command]:
        names = {a.value for a in actions}
        return [c for c in self.cmds(CommandKind.DECIDE) if c.payload.get("action") in names]

    # ---------------------------------------------------------------- phases
    def run(self) -> None:
        self.w.turn = self.t
        self.phase_injects()
        self.phase_assessment()
        self.phase_verdicts()
        self.phase_alliance()
        self.phase_national()
        self.phase_movement()
        self.phase_engagements()
        self.phase_politics()
        self.phase_record()

    # 1 ---------------------------------------------------------------------
    def phase_injects(self) -> None:
        for inj in self.s.injects:
            if inj.turn == self.t:
                self.enter_attack(inj.attack, f"MSEL serial {inj.serial}", "facilitator")
        for cmd in self.cmds(CommandKind.INJECT):
            try:
                spec = decode(AttackSpec, cmd.payload)
                check_attack(self.s, spec, self.w)
            except (InjectError, KeyError, ValueError) as exc:
                self.log.add(
                    EventKind.REJECTED, "inject", f"Inject refused: {exc}", reasons=[Reason("check", str(exc), False)]
                )
                continue
            self.enter_attack(spec, f"inject by {cmd.seat}", cmd.seat)
        for sid in sorted(self.ai_states):
            st = self.s.states.get(sid)
            if st is None or st.doctrine is not Doctrine.AGGRESSOR or sid in self.controlled:
                continue
            if self.s.ai_aggressors and sid not in self.s.ai_aggressors:
                continue
            spec, mem, why = ai_mod.decide(self.s, self.w, sid, self.t, self.difficulty)
            self.w.ai[sid] = mem
            if why:
                self.log.add(
                    EventKind.AI,
                    sid,
                    f"{st.name} (AI): " + (spec.description if spec else why[-1][1]),
                    reasons=[Reason(label, detail) for label, detail in why],
                    data={"state": sid, "memory": encode(mem), "attack": encode(spec) if spec else None},
                )
            if spec is not None:
                try:
                    check_attack(self.s, spec, self.w)
                except InjectError as exc:
                    self.log.add(
                        EventKind.REJECTED, sid, f"AI attack refused: {exc}", reasons=[Reason("check", str(exc), False)]
                    )
                    continue
                self.enter_attack(spec, "aggressor AI", "ai")
        for cmd in self.cmds(CommandKind.NOTE):
            text = str(cmd.payload.get("text", ""))
            self.log.add(EventKind.NOTE, cmd.seat, text, data={"text": text})
        for cmd in self.cmds(CommandKind.OVERRIDE):
            self.override(cmd)

    def override(self, cmd: Command) -> None:
        """Record a white-cell override; it takes effect in the phase that owns the value."""
        p = cmd.payload
        target, key, value = str(p.get("target", "")), str(p.get("key", "")), p.get("value")
        rationale = str(p.get("rationale", "")).strip()
        problem = ""
        nations = self.w.nations
        if not rationale:
            problem = "an override needs a rationale"
        elif target not in TARGETS:
            problem = f"unknown override target {target!r} ({', '.join(TARGETS)})"
        elif target == "verdict" and value not in {c.value for c in VerdictCode}:
            problem = f"unknown verdict code {value!r}"
        elif target == "collective" and value not in {o.value for o in Outcome}:
            problem = f"unknown outcome {value!r}"
        elif target in ("opinion", "budget", "decision") and OverrideKey.parse(f"{target}:{key}").state not in nations:
            problem = f"unknown state {OverrideKey.parse(f'{target}:{key}').state!r}"
        elif target == "control" and (key not in self.s.locations or value not in self.s.states):
            problem = f"unknown location or holder ({key!r}, {value!r})"
        elif target == "opinion" and not (isinstance(value, (int, float)) and 0 <= float(value) <= 100):
            problem = f"support must be between 0 and 100, not {value!r}"
        elif target == "budget" and not isinstance(value, (int, float)):
            problem = f"a budget must be a number, not {value!r}"
        elif target == "decision" and value not in LEVEL_NAMES:
            problem = f"unknown response level {value!r} ({', '.join(LEVEL_NAMES)})"
        if problem:
            self.reject(cmd, problem)
            return
        self.w.overrides[OverrideKey(OverrideTarget(target), key)] = Override(value, rationale, self.t, cmd.seat)
        self.log.add(
            EventKind.OVERRIDE,
            key,
            f"White cell overrules {target} {key} → {value}",
            reasons=[Reason("rationale", rationale, citation=f"override by {cmd.seat}")],
            data={"target": target, "key": key, "value": value, "rationale": rationale, "seat": cmd.seat},
        )

    def standing(self, target: OverrideTarget, key: str) -> Override | None:
        return self.w.override(target, key)

    def enter_attack(self, spec: AttackSpec, origin: str, seat: str) -> None:
        aid = f"A{self.w.next_attack}"
        self.w.next_attack += 1
        gravity, detail = assess_gravity(spec, self.s.rules)
        att = AttackState(
            id=aid,
            spec=spec,
            turn=self.t,
            attribution=spec.attribution,
            gravity=gravity,
            requested_turn=None,
        )
        self.w.attacks[aid] = att
        victim = self.w.nations[spec.victim]
        if spec.casualties:
            victim.casualties += spec.casualties
            victim.recent_losses.append((self.t, spec.casualties))
        self.log.add(
            EventKind.ATTACK,
            aid,
            f"{aid}: {self.name(spec.attacker)} — {spec.kind.value.replace('_', ' ')} on {self.name(spec.victim)}'s "
            f"{spec.target.value} at {self.loc_name(spec.location)}; {spec.casualties} casualties; "
            f"attribution {spec.attribution:.2f}",
            reasons=[
                Reason("origin", origin),
                Reason("gravity", detail, facts={"gravity": gravity.name}),
            ],
            data={"attack": encode(att), "seat": seat},
        )
        if spec.kind is AttackKind.INVASION:
            self.assault(att)
        if spec.request:
            self.request(att, "the inject says the victim requests assistance at once")

    def assault(self, att: AttackState) -> None:
        loc = self.s.locations[att.spec.location]
        joined = []
        for fd in self.s.forces_by_owner.get(att.spec.attacker, ()):
            fs = self.w.forces[fd.id]
            if fs.status is ForceStatus.DESTROYED or fs.mission:
                continue
            here = self.s.locations[fs.location]
            dist = great_circle_km(here.lat, here.lon, loc.lat, loc.lon)
            if dist <= self.s.rules.invasion_radius_km:
                fs.status = ForceStatus.DEPLOYED
                fs.location = loc.id
                fs.engage = True
                fs.mission = att.id
                fs.destination = None
                joined.append((fd.id, round(dist)))
        if joined:
            self.log.add(
                EventKind.DECISION,
                att.spec.attacker,
                f"{self.name(att.spec.attacker)} commits {len(joined)} force(s) to the assault on {loc.name}",
                reasons=[
                    Reason(
                        "assault",
                        f"forces within {self.s.rules.invasion_radius_km:.0f} km of {loc.name} join the invasion",
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

    def request(self, att: AttackState, why: str) -> None:
        if att.requested_turn is not None:
            return
        att.requested_turn = self.t
        if att.spec.victim not in att.consult_requests:
            att.consult_requests.append(att.spec.victim)
        self.log.add(
            EventKind.REQUEST,
            att.id,
            f"{self.name(att.spec.victim)} declares itself attacked ({att.id}) and requests assistance",
            reasons=[Reason("request", why, citation="ICJ Nicaragua §195, §199")],
            data={"state": att.spec.victim, "attack": att.id},
        )

    # 2 ---------------------------------------------------------------------
    def phase_assessment(self) -> None:
        for cmd in self.decisions(Action.REQUEST, Action.CONSULT):
            p = cmd.payload
            att = self.w.attacks.get(str(p.get("attack")))
            state = str(p.get("state", ""))
            if att is None:
                self.reject(cmd, f"no attack {p.get('attack')!r}")
                continue
            if p["action"] == Action.REQUEST.value:
                if state != att.spec.victim:
                    self.reject(cmd, f"only the victim ({att.spec.victim}) can request assistance for {att.id}")
                    continue
                self.request(att, f"decided by seat {cmd.seat}")
            else:
                self.consult(att, state, f"decided by seat {cmd.seat}")
        rules = self.s.rules
        for att in self.open_attacks():
            if att.turn < self.t and att.attribution < 1.0:
                slow = att.spec.kind in (AttackKind.CYBER, AttackKind.HYBRID)
                rate = rules.cyber_attribution_rate_per_day if slow else rules.attribution_rate_per_day
                old = att.attribution
                att.attribution = min(1.0, round(old + rate * self.L, 9))
                if (old < rules.attribution_threshold <= att.attribution) or att.attribution == 1.0 and old < 1.0:
                    self.log.add(
                        EventKind.ATTRIBUTION,
                        att.id,
                        f"Attribution of {att.id} to {self.name(att.spec.attacker)} rises to {att.attribution:.2f}",
                        reasons=[
                            Reason(
                                "attribution",
                                f"{'cyber/hybrid attribution is slow' if slow else 'evidence accumulates'}: "
                                f"+{rate * self.L:.2f} per turn (assumption)",
                                facts={"from": old, "to": att.attribution},
                                citation="ICJ Oil Platforms §57 (burden of proof on attribution)",
                            )
                        ],
                        data={"attack": att.id, "attribution": att.attribution},
                    )
            self.cumulative_gravity(att)

    def cumulative_gravity(self, att: AttackState) -> None:
        if att.spec.kind in (AttackKind.INVASION, AttackKind.THREAT) or att.gravity >= Gravity.ARMED_ATTACK:
            return
        window = self.s.rules.cumulative_window_days
        # Only incidents that are each below an armed attack add up (an attack that is one already stands
        # on its own and does not make later small incidents armed attacks).
        related = [
            a
            for a in self.w.attacks.values()
            if a.spec.attacker == att.spec.attacker
            and a.spec.victim == att.spec.victim
            and a.spec.kind not in (AttackKind.THREAT, AttackKind.INVASION)
            and 0 <= self.s.days_between(a.turn, att.turn) <= window
            and a.turn <= att.turn
            and assess_gravity(a.spec, self.s.rules)[0] < Gravity.ARMED_ATTACK
        ]
        if len(related) < 2:
            return
        cas = sum(a.spec.casualties for a in related)
        dmg = sum(a.spec.damage_musd for a in related)
        g, detail = assess_gravity(att.spec, self.s.rules, casualties=cas, damage=dmg)
        g = min(g, Gravity.ARMED_ATTACK)
        if g > att.gravity:
            old = att.gravity
            att.gravity = g
            self.log.add(
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

    def consult(self, att: AttackState, state: str, why: str) -> None:
        if state in att.consult_requests:
            return
        att.consult_requests.append(state)
        self.log.add(
            EventKind.CONSULT_REQUEST,
            att.id,
            f"{self.name(state)} requests consultations about {att.id}",
            reasons=[Reason("consultation", why)],
            data={"state": state, "attack": att.id},
        )

    def reject(self, cmd: Command, why: str) -> None:
        self.log.add(
            EventKind.REJECTED,
            str(cmd.payload.get("state", cmd.seat)),
            f"Decision refused: {why}",
            reasons=[Reason("check", why, False)],
            data={"command": encode(cmd)},
        )

    def open_attacks(self) -> list[AttackState]:
        return self.w.open_attacks()

    # 3 ---------------------------------------------------------------------
    def phase_verdicts(self) -> None:
        for att in self.open_attacks():
            view = attack_view(self.s, att)
            for v in verdicts_for(self.s, view, self.s.date_of(att.turn)):
                key = v.key
                ov = self.standing(OverrideTarget.VERDICT, str(key))
                if ov is not None:
                    v = self.overruled(v, ov)
                old = self.w.verdicts.get(key)
                self.w.verdicts[key] = v
                if old is not None and old.code is v.code:
                    continue
                was = f" (was {old.code.value})" if old else ""
                self.log.add(
                    EventKind.VERDICT,
                    str(key),
                    f"{v.citation or v.treaty + ' Art ' + v.article}: {v.code.value}{was} for {att.id}",
                    reasons=_gate_reasons(v),
                    data={"verdict": encode(v), "previous": old.code.value if old else None},
                )

    def overruled(self, v: Verdict, ov: Override) -> Verdict:
        """The verdict as the white cell ruled: the computed gates stay visible, then the override."""
        import dataclasses

        guarantors = v.guarantors
        if not guarantors:
            tr = self.s.treaty(v.treaty)
            att = self.w.attacks[v.attack]
            guarantors = tuple(
                p
                for p in tr.parties_on(self.s.date_of(att.turn))
                if p not in (att.spec.victim, att.spec.attacker) and p not in v.suspended
            )
        gate = Gate(
            "override",
            True,
            f"white cell ruled {ov.value} (computed {v.code.value}): {ov.rationale}",
            {"computed": v.code.value, "turn": ov.turn, "seat": ov.seat},
        )
        return dataclasses.replace(v, code=VerdictCode(ov.value), gates=(*v.gates, gate), guarantors=guarantors)

    # 4 ---------------------------------------------------------------------
    def phase_alliance(self) -> None:
        for cmd in self.decisions(Action.STANCE):
            p = cmd.payload
            key = VerdictKey(str(p.get("treaty")), str(p.get("article")), str(p.get("attack")))
            try:
                stance = Stance(p.get("stance"))
            except ValueError:
                self.reject(cmd, f"unknown stance {p.get('stance')!r} (support, object, abstain)")
                continue
            if key not in self.w.verdicts:
                self.reject(cmd, f"no verdict {key}")
                continue
            self.stance_cmds.setdefault(key, {})[str(p.get("state"))] = (stance, cmd.seat)
        for key, vd in sorted(self.w.verdicts.items()):
            if vd.code is not VerdictCode.TRIGGERED:
                continue
            treaty = self.s.treaty(vd.treaty)
            art = treaty.article(vd.article)
            att = self.w.attacks[vd.attack]
            rule = art.decision_rule
            col = self.w.collectives.get(key)
            if rule in (DecisionRule.INDIVIDUAL, DecisionRule.VICTIM_INVOKES):
                if col is None:
                    why = (
                        "the victim invokes; each party decides bilaterally what to give"
                        if rule is DecisionRule.VICTIM_INVOKES
                        else "each party decides individually under its constitutional processes"
                    )
                    self.w.collectives[key] = Collective(key, Outcome.INVOKED, self.t, {}, why)
                    self.log.add(
                        EventKind.COLLECTIVE,
                        str(key),
                        f"{art.citation or treaty.name + ' Art ' + art.id}: INVOKED for {att.id}",
                        reasons=[Reason("decision rule", why, citation=art.citation)],
                        data={"outcome": Outcome.INVOKED.value, "rule": rule.value},
                    )
                continue
            if col is None:
                col = Collective(key, Outcome.PENDING, self.t, {}, "")
                self.w.collectives[key] = col
                new_col = True
            else:
                new_col = False
            voters = [p for p in treaty.parties_on(self.s.date_of(att.turn)) if p not in (att.spec.attacker,)]
            if rule is DecisionRule.TWO_THIRDS:
                voters = [p for p in voters if p != att.spec.victim]
            for sid in voters:
                cmd_stance = self.stance_cmds.get(key, {}).get(sid)
                if cmd_stance is not None:
                    stance, seat = cmd_stance
                    if col.stances.get(sid) is not stance:
                        col.stances[sid] = stance
                        self.log.add(
                            EventKind.STANCE,
                            sid,
                            f"{self.name(sid)}: {stance.value} on {key}",
                            reasons=[Reason("seat", f"decided by seat {seat}")],
                            data={"state": sid, "key": str(key), "stance": stance.value},
                        )
                    continue
                if sid in col.stances:
                    continue
                if sid == att.spec.victim:
                    col.stances[sid] = Stance.SUPPORT
                    continue
                if sid in self.controlled:
                    col.stances.setdefault(sid, Stance.UNDECIDED)
                    continue
                stance, reasons = policy.stance_on(self.s, self.w, sid, att, treaty.id)
                col.stances[sid] = stance
                self.log.add(
                    EventKind.STANCE,
                    sid,
                    f"{self.name(sid)}: {stance.value} on invoking {treaty.name} for {att.id}",
                    reasons=reasons,
                    data={"state": sid, "key": str(key), "stance": stance.value},
                )
            outcome, why = self.settle(rule, art.decision_days, col, voters, att)
            ov = self.standing(OverrideTarget.COLLECTIVE, str(key))
            if ov is not None:
                outcome, why = Outcome(ov.value), f"white cell ruled {ov.value} ({why}): {ov.rationale}"
            if outcome is not col.outcome or new_col:
                changed = outcome is not col.outcome
                col.outcome = outcome
                col.reason = why
                if changed:
                    col.since_turn = self.t
                stances = {s: st.value for s, st in col.stances.items()}
                self.log.add(
                    EventKind.COLLECTIVE,
                    str(key),
                    f"{art.citation or treaty.name + ' Art ' + art.id}: {outcome.value} for {att.id}",
                    reasons=[Reason("decision rule", why, citation=art.citation, facts={"stances": stances})],
                    data={"outcome": outcome.value, "rule": rule.value},
                )

    def settle(
        self, rule: DecisionRule, days: float, col: Collective, voters: list[str], att: AttackState
    ) -> tuple[Outcome, str]:
        objectors = sorted(s for s, v in col.stances.items() if v is Stance.OBJECT and s in voters)
        elapsed = self.s.days_between(col.since_turn, self.t)
        if rule is DecisionRule.CONSENSUS:
            if objectors:
                return Outcome.BLOCKED, f"consensus broken: {', '.join(objectors)} object(s)"
            if elapsed >= days:
                silent = sorted(s for s, v in col.stances.items() if v is Stance.UNDECIDED and s in voters)
                extra = f"; silence from {', '.join(silent)} counts as assent (silence procedure)" if silent else ""
                return Outcome.INVOKED, f"consensus: no party objects among {len(voters)}{extra}"
            return Outcome.PENDING, f"the council deliberates ({days:.0f} day(s) needed)"
        # two-thirds, disputants excluded
        yes = sum(1 for s in voters if col.stances.get(s) is Stance.SUPPORT)
        undecided = sum(1 for s in voters if col.stances.get(s, Stance.UNDECIDED) is Stance.UNDECIDED)
        needed = math.ceil(len(voters) * 2 / 3)
        excluded = [att.spec.victim, att.spec.attacker]
        tally = (
            f"{yes} of {len(voters)} eligible in favour, {needed} needed (disputants {', '.join(excluded)} excluded)"
        )
        if yes >= needed and elapsed >= days:
            return Outcome.INVOKED, "two-thirds reached: " + tally
        if yes + undecided < needed:
            return Outcome.BLOCKED, "two-thirds cannot be reached: " + tally
        return Outcome.PENDING, "the Organ of Consultation deliberates: " + tally

    # 5 ---------------------------------------------------------------------
    def phase_national(self) -> None:
        for okey, ov in sorted(self.w.overrides.items()):
            if okey.target is OverrideTarget.DECISION and not ov.applied:
                self.w.nations[okey.state].responses[okey.attack] = ResponseLevel(str(ov.value))
                ov.applied = True
        self.triggered_keys: dict[str, list[VerdictKey]] = {}
        for key, vd in sorted(self.w.verdicts.items()):
            if vd.code is VerdictCode.TRIGGERED:
                self.triggered_keys.setdefault(vd.attack, []).append(key)
        for cmd in self.decisions(Action.MOBILISE, Action.DEPLOY, Action.SUPPLEMENTAL, Action.DECLINE):
            self.apply_decision(cmd.payload, [Reason("seat", f"decided by seat {cmd.seat}")], cmd)
        for sid in sorted(self.s.states):
            if sid in self.controlled or self.s.states[sid].non_state:
                continue
            self.default_policy(sid)

    def apply_decision(self, p: dict, reasons: list[Reason], cmd: Command | None = None) -> bool:
        action = p.get("action")
        sid = str(p.get("state", ""))
        nation = self.w.nations.get(sid)
        if nation is None:
            if cmd:
                self.reject(cmd, f"unknown state {sid!r}")
            return False
        if action in (Action.MOBILISE.value, Action.DEPLOY.value):
            fid = str(p.get("force", ""))
            fs = self.w.forces.get(fid)
            fd = next((f for f in self.s.forces if f.id == fid), None)
            if fs is None or fd is None:
                if cmd:
                    self.reject(cmd, f"unknown force {fid!r}")
                return False
            if fd.owner != sid:
                if cmd:
                    self.reject(cmd, f"{fid} belongs to {fd.owner}, not {sid}")
                return False
            if fs.status is ForceStatus.DESTROYED:
                if cmd:
                    self.reject(cmd, f"{fid} is destroyed")
                return False
            if action == Action.DEPLOY.value:
                dest = str(p.get("destination", ""))
                if dest not in self.s.locations:
                    if cmd:
                        self.reject(cmd, f"unknown destination {dest!r}")
                    return False
                fs.destination = dest
                fs.engage = bool(p.get("engage", True))
                fs.mission = str(p.get("attack", "")) or fs.mission
            if fs.status is ForceStatus.GARRISON:
                self.mobilise(fd.id, reasons)
            if action == Action.DEPLOY.value:
                self.log.add(
                    EventKind.DECISION,
                    sid,
                    f"{self.name(sid)} orders {fd.name} to {self.loc_name(fs.destination or '')}",
                    reasons=reasons,
                    data={
                        "state": sid,
                        "force": fid,
                        "destination": fs.destination,
                        "attack": fs.mission,
                        "level": "deploy",
                    },
                )
            return True
        if action == Action.SUPPLEMENTAL.value:
            return self.ask_supplemental(sid, reasons)
        if action == Action.DECLINE.value:
            aid = str(p.get("attack", ""))
            nation.responses[aid] = ResponseLevel.DECLINED
            self.log.add(
                EventKind.DECISION,
                sid,
                f"{self.name(sid)} declines to assist in {aid} beyond statements",
                reasons=reasons,
                data={"state": sid, "attack": aid, "level": "declined"},
            )
            return True
        if cmd:
            self.reject(cmd, f"unknown action {action!r}")
        return False

    def mobilise(self, fid: str, reasons: list[Reason]) -> None:
        fd = self.s.force(fid)
        fs = self.w.forces[fid]
        if fs.status is not ForceStatus.GARRISON:
            return
        nation = self.w.nations[fd.owner]
        days = fd.readiness_days + (self.s.rules.exhausted_readiness_penalty_days if nation.exhausted else 0.0)
        n = self.turns_for(days)
        fs.status = ForceStatus.MOBILISING
        fs.ready_turn = self.t + n
        extra = (
            [
                Reason(
                    "budget",
                    "budget exhausted: readiness slower",
                    facts={"penalty_days": self.s.rules.exhausted_readiness_penalty_days},
                )
            ]
            if nation.exhausted
            else []
        )
        self.log.add(
            EventKind.MOBILISE,
            fid,
            f"{fd.name} ({self.name(fd.owner)}) mobilises; ready on turn {fs.ready_turn} ({self.date_of(fs.ready_turn)})",
            reasons=list(reasons)
            + [Reason("readiness", f"{fd.readiness_days:g} days to ready", facts={"readiness_days": fd.readiness_days})]
            + extra,
            data={"force": fid, "state": fd.owner, "ready_turn": fs.ready_turn},
        )

    def ask_supplemental(self, sid: str, reasons: list[Reason]) -> bool:
        nation = self.w.nations[sid]
        st = self.s.states[sid]
        if nation.supplemental_pending is not None:
            return False
        lag = st.legislative_lag_days or self.s.rules.supplemental_lag_days
        nation.supplemental_pending = self.t + max(1, self.turns_for(lag))
        self.log.add(
            EventKind.BUDGET,
            sid,
            f"{st.name} asks for a supplemental budget; vote on turn {nation.supplemental_pending}",
            reasons=list(reasons) + [Reason("lag", f"{lag:g} days for the legislature", facts={"lag_days": lag})],
            data={"state": sid, "supplemental_vote_turn": nation.supplemental_pending},
        )
        return True

    def default_policy(self, sid: str) -> None:
        st = self.s.states[sid]
        nation = self.w.nations[sid]
        rules = self.s.rules
        for att in self.open_attacks():
            spec = att.spec
            if spec.attacker == sid:
                if spec.kind is AttackKind.INVASION and nation.responses.get(att.id) is not ResponseLevel.ASSAULT:
                    nation.responses[att.id] = ResponseLevel.ASSAULT
                    self.reinforce(sid, att)
                continue
            if spec.victim == sid:
                if att.gravity >= Gravity.USE_OF_FORCE and nation.responses.get(att.id) is not ResponseLevel.DEFEND:
                    nation.responses[att.id] = ResponseLevel.DEFEND
                    self.defend(sid, att)
                continue
            # consultation when threatened
            if (
                att.gravity >= Gravity.USE_OF_FORCE
                and sid not in att.consult_requests
                and st.doctrine is not Doctrine.AGGRESSOR
            ):
                dist = policy.threatened_by(self.s, st, att)
                if dist is not None and self.party_to_consultation(sid):
                    self.consult(
                        att,
                        sid,
                        f"default policy: capital {dist:,.0f} km from the attack (threat radius {rules.threat_radius_km:,.0f} km)",
                    )
            self.guarantor_response(sid, att)
        if nation.exhausted and nation.supplemental_pending is None:
            self.ask_supplemental(sid, [Reason("budget", "operations budget exhausted (default policy)")])

    def party_to_consultation(self, sid: str) -> bool:
        return any(
            a.kind is ArticleKind.CONSULTATION and tr.is_party(sid, self.day) and tr.in_force.contains(self.day)
            for tr in self.s.treaties
            for a in tr.articles
        )

    def reinforce(self, sid: str, att: AttackState) -> None:
        loc = self.s.locations[att.spec.location]
        radius = self.s.rules.reinforce_radius_factor * self.s.rules.invasion_radius_km
        sent = []
        for fd in self.s.forces_by_owner.get(sid, ()):
            fs = self.w.forces[fd.id]
            if fs.mission or fs.status is ForceStatus.DESTROYED:
                continue
            here = self.s.locations[fs.location]
            if great_circle_km(here.lat, here.lon, loc.lat, loc.lon) <= radius:
                fs.destination = loc.id
                fs.engage = True
                fs.mission = att.id
                self.mobilise(fd.id, [Reason("reinforce", f"aggressor reinforces the assault on {loc.name}")])
                sent.append(fd.id)
        if sent:
            self.log.add(
                EventKind.DECISION,
                sid,
                f"{self.name(sid)} sends {len(sent)} more force(s) towards {loc.name}",
                reasons=[
                    Reason(
                        "doctrine",
                        f"reinforces its invasion ({att.id}) from within {radius:.0f} km",
                    )
                ],
                data={"state": sid, "attack": att.id, "level": "reinforce", "forces": sent},
            )

    def defend(self, sid: str, att: AttackState) -> None:
        loc = self.s.locations[att.spec.location]
        ground = att.spec.kind is AttackKind.INVASION and loc.kind is not LocationKind.SEA
        moved = []
        for fd in self.s.forces_by_owner.get(sid, ()):
            fs = self.w.forces[fd.id]
            if fs.status is ForceStatus.DESTROYED or fs.mission:
                continue
            if ground:
                fs.destination = loc.id
                fs.engage = True
                fs.mission = att.id
                moved.append(fd.id)
            self.mobilise(
                fd.id, [Reason("self-defence", f"{self.name(sid)} mobilises after {att.id} (UN Charter Art 51)")]
            )
        self.log.add(
            EventKind.DECISION,
            sid,
            f"{self.name(sid)} mobilises in self-defence"
            + (f" and sends {len(moved)} force(s) to {loc.name}" if moved else ""),
            reasons=[
                Reason(
                    "self-defence",
                    "a state attacked defends itself; no legislative approval is needed",
                    citation="UN Charter Art 51",
                )
            ],
            data={"state": sid, "attack": att.id, "level": "deploy" if moved else "mobilise", "forces": moved},
        )

    def guarantor_response(self, sid: str, att: AttackState) -> None:
        st = self.s.states[sid]
        nation = self.w.nations[sid]
        rules = self.s.rules
        best: tuple[ResponseLevel, str, Verdict, Outcome] | None = None
        for key in self.triggered_keys.get(att.id, ()):
            v = self.w.verdicts[key]
            if sid not in v.guarantors:
                continue
            col = self.w.collectives.get(key)
            if col is None or col.outcome is Outcome.PENDING:
                continue
            treaty = self.s.treaty(v.treaty)
            art = treaty.article(v.article)
            sup = policy.effective_support(st, nation, rules.autocracy_weight)
            level, why = policy.desired_level(st, art.obligation, sup, rules)
            if col.outcome is Outcome.BLOCKED:
                if level.rank > ResponseLevel.MOBILISE.rank:
                    level = ResponseLevel.MOBILISE
                    why += "; the alliance is blocked, so it acts alone and only mobilises"
            if best is None or level.rank > best[0].rank:
                best = (level, why, v, col.outcome)
        if best is None:
            return
        level, why, v, outcome = best
        current = nation.responses.get(att.id, ResponseLevel.NONE)
        if current is ResponseLevel.DECLINED or level.rank <= current.rank:
            return
        reasons = [
            Reason(
                "commitment",
                f"{v.citation}: TRIGGERED, collective outcome {outcome.value}",
                citation=v.citation,
                facts={"obligation": v.obligation.value},
            ),
            Reason("doctrine", why, facts={"doctrine": st.doctrine.value}),
        ]
        shift = rules.support_shift(self.difficulty)
        sup = policy.effective_support(st, nation, rules.autocracy_weight) + shift
        if shift:
            reasons.append(
                Reason("difficulty", f"difficulty {self.difficulty}: allies weigh support {shift:+.0f} points")
            )
        if (
            st.government is not Government.AUTOCRACY
            and sup < st.support_threshold - rules.decline_margin
            and level.rank > ResponseLevel.STATEMENT.rank
        ):
            nation.responses[att.id] = ResponseLevel.DECLINED
            reasons.append(
                Reason(
                    "opinion",
                    f"support {sup:.0f} is far below the threshold {st.support_threshold:.0f} "
                    f"(by more than {rules.decline_margin:g}): the government declines to commit forces and free-rides",
                    False,
                    facts={"support": round(sup, 2), "threshold": st.support_threshold},
                )
            )
            self.log.add(
                EventKind.DECISION,
                sid,
                f"{st.name} declines to assist in {att.id} beyond statements",
                reasons=reasons,
                data={"state": sid, "attack": att.id, "level": "declined"},
            )
            return
        if nation.exhausted and level.rank > ResponseLevel.SANCTIONS.rank:
            if current.rank < ResponseLevel.DELAYED.rank + 1 and current is not ResponseLevel.DELAYED:
                nation.responses[att.id] = ResponseLevel.DELAYED
                reasons.append(
                    Reason(
                        "budget",
                        "operations budget exhausted: hesitates until a supplemental passes",
                        False,
                        facts={"budget_musd": round(nation.budget_musd, 2)},
                    )
                )
                self.log.add(
                    EventKind.DECISION,
                    sid,
                    f"{st.name} delays its response to {att.id} (budget exhausted)",
                    reasons=reasons,
                    data={"state": sid, "attack": att.id, "level": "delayed"},
                )
                self.ask_supplemental(sid, [Reason("budget", f"to fund a response to {att.id}")])
            return
        if level is ResponseLevel.DEPLOY:
            level = self.deploy_constraints(sid, att, reasons)
            if level.rank <= current.rank:
                return
        nation.responses[att.id] = level
        forces: list[str] = []
        if level is ResponseLevel.DEPLOY:
            for fd in policy.pick_forces(self.s, self.w, sid, att.spec.location, policy.forces_count(st, rules)):
                fs = self.w.forces[fd.id]
                fs.destination = att.spec.location
                fs.engage = True
                fs.mission = att.id
                self.mobilise(fd.id, [Reason("deploy", f"sent to {self.loc_name(att.spec.location)} for {att.id}")])
                forces.append(fd.id)
        elif level is ResponseLevel.MOBILISE:
            for fd in policy.pick_forces(
                self.s, self.w, sid, att.spec.location, max(1, policy.forces_count(st, rules))
            ):
                self.mobilise(fd.id, [Reason("mobilise", f"readiness raised for {att.id}")])
                forces.append(fd.id)
        self.log.add(
            EventKind.DECISION,
            sid,
            f"{st.name}: {level.value} in response to {att.id}" + (f" ({', '.join(forces)})" if forces else ""),
            reasons=reasons,
            data={"state": sid, "attack": att.id, "level": level.value, "forces": forces},
        )

    def deploy_constraints(self, sid: str, att: AttackState, reasons: list[Reason]) -> ResponseLevel:
        """Opinion, approval and budget checks before deploying abroad; returns the level allowed."""
        st = self.s.states[sid]
        nation = self.w.nations[sid]
        rules = self.s.rules
        sup = policy.effective_support(st, nation, rules.autocracy_weight)
        key = f"deploy:{att.id}"
        needs_vote = st.needs_prior_approval or (sup < st.support_threshold and st.legislative_lag_days > 0)
        if key in nation.refused:
            reasons.append(Reason("approval", "the legislature refused the deployment", False))
            return ResponseLevel.MOBILISE
        if needs_vote and key not in nation.approved:
            if key not in nation.approvals:
                nation.approvals[key] = self.t + max(1, self.turns_for(st.legislative_lag_days))
                self.log.add(
                    EventKind.APPROVAL,
                    sid,
                    f"{st.name} asks its legislature to approve deploying forces for {att.id}; vote on turn {nation.approvals[key]}",
                    reasons=[
                        Reason(
                            "constitution",
                            "prior parliamentary consent required"
                            if st.needs_prior_approval
                            else f"support {sup:.0f} below threshold {st.support_threshold:.0f}: the government seeks a vote",
                            facts={"lag_days": st.legislative_lag_days, "support": round(sup, 2)},
                        )
                    ],
                    data={"state": sid, "key": key, "vote_turn": nation.approvals[key]},
                )
            reasons.append(Reason("approval", "awaiting the legislature's vote: mobilises meanwhile", False))
            return ResponseLevel.MOBILISE
        if not needs_vote and sup < st.support_threshold:
            reasons.append(
                Reason(
                    "opinion",
                    f"support {sup:.0f} below threshold {st.support_threshold:.0f} and no vote to seek: does not deploy",
                    False,
                    facts={"support": round(sup, 2), "threshold": st.support_threshold},
                )
            )
            return ResponseLevel.MOBILISE
        candidates = policy.pick_forces(self.s, self.w, sid, att.spec.location, policy.forces_count(st, rules))
        if not candidates:
            reasons.append(Reason("forces", "no free forces to send", False))
            return ResponseLevel.SANCTIONS
        cost = policy.deployment_cost(candidates, rules.deployment_cost_days)
        if nation.budget_musd < cost:
            reasons.append(
                Reason(
                    "budget",
                    f"operations budget ${nation.budget_musd:,.0f}m < ${cost:,.0f}m for {rules.deployment_cost_days:g} days deployed: "
                    "mobilises and asks for a supplemental",
                    False,
                    facts={"budget_musd": round(nation.budget_musd, 2), "cost_musd": round(cost, 2)},
                )
            )
            self.ask_supplemental(sid, [Reason("budget", f"to fund a deployment for {att.id}")])
            return ResponseLevel.MOBILISE
        reasons.append(
            Reason(
                "constraints",
                f"support {sup:.0f}, budget ${nation.budget_musd:,.0f}m ≥ ${cost:,.0f}m: deploys",
                True,
                facts={"support": round(sup, 2), "budget_musd": round(nation.budget_musd, 2)},
            )
        )
        return ResponseLevel.DEPLOY

    # 6 ---------------------------------------------------------------------
    def phase_movement(self) -> None:
        for fid in sorted(self.w.forces):
            fs = self.w.forces[fid]
            fd = self.s.force(fid)
            if fs.status is ForceStatus.MOBILISING and fs.ready_turn is not None and fs.ready_turn <= self.t:
                fs.status = ForceStatus.READY
                self.log.add(
                    EventKind.READY,
                    fid,
                    f"{fd.name} ({self.name(fd.owner)}) is ready",
                    reasons=[Reason("readiness", f"{fd.readiness_days:g} days after mobilisation")],
                    data={"force": fid, "state": fd.owner},
                )
            if fs.status is ForceStatus.READY and fs.destination and fs.destination != fs.location:
                a = self.s.locations[fs.location]
                b = self.s.locations[fs.destination]
                km = great_circle_km(a.lat, a.lon, b.lat, b.lon)
                days = km / max(fd.speed_km_per_day, 1.0)
                fs.status = ForceStatus.IN_TRANSIT
                fs.depart_turn = self.t
                fs.arrive_turn = self.t + self.turns_for(days)
                self.log.add(
                    EventKind.DEPART,
                    fid,
                    f"{fd.name} leaves {a.name} for {b.name}; arrives turn {fs.arrive_turn} ({self.date_of(fs.arrive_turn)})",
                    reasons=[
                        Reason(
                            "movement",
                            f"{km:,.0f} km great-circle at {fd.speed_km_per_day:,.0f} km/day by {fd.transport.value}",
                            facts={"km": round(km, 1), "days": round(days, 2)},
                        )
                    ],
                    data={"force": fid, "state": fd.owner, "from": a.id, "to": b.id, "arrive_turn": fs.arrive_turn},
                )
            elif fs.status is ForceStatus.READY and fs.destination == fs.location:
                fs.status = ForceStatus.DEPLOYED
                fs.destination = None
            if fs.status is ForceStatus.IN_TRANSIT and fs.arrive_turn is not None and fs.arrive_turn <= self.t:
                fs.status = ForceStatus.DEPLOYED
                fs.location = fs.destination or fs.location
                fs.destination = None
                self.log.add(
                    EventKind.ARRIVE,
                    fid,
                    f"{fd.name} ({self.name(fd.owner)}) arrives at {self.loc_name(fs.location)}",
                    reasons=[Reason("movement", f"departed turn {fs.depart_turn}")],
                    data={"force": fid, "state": fd.owner, "location": fs.location},
                )

    # 7 ---------------------------------------------------------------------
    def phase_engagements(self) -> None:
        rules = self.s.rules
        for att in self.open_attacks():
            if att.spec.kind is not AttackKind.INVASION:
                continue
            L = att.spec.location
            attacker, victim = att.spec.attacker, att.spec.victim
            a_forces, d_forces = [], []
            for fid in sorted(self.w.forces):
                fs = self.w.forces[fid]
                if fs.location != L or fs.status in (ForceStatus.DESTROYED, ForceStatus.IN_TRANSIT):
                    continue
                owner = self.s.force(fid).owner
                if owner == attacker and fs.mission == att.id:
                    a_forces.append(fid)
                elif owner != attacker and (owner == victim or (fs.engage and fs.mission == att.id)):
                    d_forces.append(fid)
            holder = self.w.control.get(L)
            if not a_forces:
                if holder == attacker and d_forces:
                    self.set_control(L, victim, att, "the attacker has no forces left there")
                continue
            if not d_forces:
                if holder != attacker:
                    self.set_control(L, attacker, att, "undefended")
                continue
            pa = sum(self.s.force(f).combat_power * self.w.forces[f].strength for f in a_forces)
            pd = sum(self.s.force(f).combat_power * self.w.forces[f].strength for f in d_forces)
            a_bonus = rules.defender_bonus if holder == attacker else 1.0
            d_bonus = rules.defender_bonus if holder != attacker else 1.0
            a_eff, d_eff = pa * a_bonus, pd * d_bonus
            na = lognormal_factor(self.seed, rules.combat_noise, "attacker losses", "combat", self.t, L, "attacker")
            nd = lognormal_factor(self.seed, rules.combat_noise, "defender losses", "combat", self.t, L, "defender")
            frac_a = min(rules.max_daily_loss * self.L, rules.attrition_rate * self.L * d_eff / pa * na.value)
            frac_d = min(rules.max_daily_loss * self.L, rules.attrition_rate * self.L * a_eff / pd * nd.value)
            cas_a = self.apply_losses(a_forces, frac_a)
            cas_d = self.apply_losses(d_forces, frac_d)
            for fid in a_forces + d_forces:
                self.engaged_forces.add(fid)
            pa2 = sum(
                self.s.force(f).combat_power * self.w.forces[f].strength
                for f in a_forces
                if self.w.forces[f].status is not ForceStatus.DESTROYED
            )
            pd2 = sum(
                self.s.force(f).combat_power * self.w.forces[f].strength
                for f in d_forces
                if self.w.forces[f].status is not ForceStatus.DESTROYED
            )
            share_a = pa / (pa + pd)
            for sid in {self.s.force(f).owner for f in a_forces}:
                self.w.nations[sid].expected_success = share_a
            for sid in {self.s.force(f).owner for f in d_forces}:
                self.w.nations[sid].expected_success = 1 - share_a
            self.log.add(
                EventKind.ENGAGEMENT,
                L,
                f"Fighting at {self.loc_name(L)} ({att.id}): {self.name(attacker)} {pa:.1f} vs defenders {pd:.1f}; "
                f"losses {sum(cas_a.values())} / {sum(cas_d.values())}",
                reasons=[
                    Reason(
                        "force ratio",
                        f"attacker {pa:.1f}×{a_bonus:g} vs defenders {pd:.1f}×{d_bonus:g} (defender bonus {rules.defender_bonus:g} to the holder)",
                        facts={"attacker_forces": a_forces, "defender_forces": d_forces},
                    ),
                    Reason(
                        "attrition",
                        f"Lanchester-style: each side loses {rules.attrition_rate:g}×(enemy power / own power)×noise per day",
                        facts={"attacker_loss_fraction": round(frac_a, 4), "defender_loss_fraction": round(frac_d, 4)},
                    ),
                ],
                draws=[na, nd],
                data={"attack": att.id, "location": L, "attacker_casualties": cas_a, "defender_casualties": cas_d},
            )
            a_eff2, d_eff2 = pa2 * a_bonus, pd2 * d_bonus
            if holder != attacker and a_eff2 > d_eff2 * rules.control_ratio:
                self.set_control(
                    L, attacker, att, f"attacker {a_eff2:.1f} > defence {d_eff2:.1f} × {rules.control_ratio:g}"
                )
            elif holder == attacker and d_eff2 > a_eff2 * rules.control_ratio:
                self.set_control(
                    L, victim, att, f"defence {d_eff2:.1f} > occupier {a_eff2:.1f} × {rules.control_ratio:g}"
                )

    def control_overrides(self) -> None:
        for okey, ov in sorted(self.w.overrides.items()):
            if okey.target is OverrideTarget.CONTROL and not ov.applied:
                lid = okey.subject
                old = self.w.control.get(lid)
                self.w.control[lid] = str(ov.value)
                ov.applied = True
                self.log.add(
                    EventKind.CONTROL,
                    lid,
                    f"{self.loc_name(lid)} passes from {self.name(old or '?')} to "
                    f"{self.name(str(ov.value))} (white-cell ruling)",
                    reasons=[Reason("override", str(ov.rationale))],
                    data={"location": lid, "from": old, "to": ov.value, "override": True},
                )

    def apply_losses(self, fids: list[str], frac: float) -> dict[str, int]:
        out: dict[str, int] = {}
        for fid in fids:
            fs = self.w.forces[fid]
            fd = self.s.force(fid)
            lost = int(round(fd.personnel * fs.strength * frac))
            fs.strength = round(fs.strength * (1 - frac), 9)
            fs.losses += lost
            nation = self.w.nations[fd.owner]
            nation.casualties += lost
            if lost:
                nation.recent_losses.append((self.t, lost))
            out[fd.owner] = out.get(fd.owner, 0) + lost
            if fs.strength < self.s.rules.combat_effective_strength:
                fs.status = ForceStatus.DESTROYED
                self.log.add(
                    EventKind.ENGAGEMENT,
                    fid,
                    f"{fd.name} ({self.name(fd.owner)}) is no longer combat-effective",
                    reasons=[
                        Reason(
                            "attrition", f"strength {fs.strength:.0%} < {self.s.rules.combat_effective_strength:.0%}"
                        )
                    ],
                    data={"force": fid, "state": fd.owner},
                )
        return out

    def set_control(self, lid: str, sid: str, att: AttackState, why: str) -> None:
        old = self.w.control.get(lid)
        self.w.control[lid] = sid
        self.log.add(
            EventKind.CONTROL,
            lid,
            f"{self.loc_name(lid)} passes from {self.name(old or '?')} to {self.name(sid)}",
            reasons=[Reason("control", why)],
            data={"location": lid, "from": old, "to": sid, "attack": att.id},
        )

    # 8 ---------------------------------------------------------------------
    def phase_politics(self) -> None:
        self.control_overrides()
        self._politics()

    def _politics(self) -> None:
        rules = self.s.rules
        for sid in sorted(self.w.nations):
            st = self.s.states[sid]
            nation = self.w.nations[sid]
            sup = policy.effective_support(st, nation, rules.autocracy_weight)
            for key, due in sorted(nation.approvals.items()):
                if due > self.t:
                    continue
                del nation.approvals[key]
                p = policy.approval_probability(st, sup, rules)
                d = uniform(self.seed, f"legislative vote on {key}", "approval", self.t, sid, key)
                ok = d.value < p
                (nation.approved if ok else nation.refused).append(key)
                self.log.add(
                    EventKind.APPROVAL,
                    sid,
                    f"{st.name}'s legislature {'approves' if ok else 'refuses'} {key}",
                    reasons=[
                        Reason(
                            "vote",
                            f"support {sup:.0f} gives a {p:.0%} chance of approval",
                            ok,
                            facts={"p": round(p, 4)},
                        )
                    ],
                    draws=[d],
                    data={"state": sid, "key": key, "approved": ok},
                )
            if nation.supplemental_pending is not None and nation.supplemental_pending <= self.t:
                nation.supplemental_pending = None
                p = policy.approval_probability(st, sup, rules)
                d = uniform(self.seed, "supplemental budget vote", "supplemental", self.t, sid)
                ok = d.value < p
                amount = st.defence_budget_busd * 1000 * rules.supplemental_share
                if ok:
                    nation.supplemental_musd += amount
                self.log.add(
                    EventKind.BUDGET,
                    sid,
                    f"{st.name}: supplemental of ${amount:,.0f}m {'passes' if ok else 'fails'}",
                    reasons=[
                        Reason(
                            "vote",
                            f"support {sup:.0f} gives a {p:.0%} chance",
                            ok,
                            facts={"p": round(p, 4), "amount_musd": round(amount, 2)},
                        )
                    ],
                    draws=[d],
                    data={"state": sid, "passed": ok, "amount_musd": round(amount, 2)},
                )
        self.costs()
        self.opinion()

    def costs(self) -> None:
        per_state: dict[str, list[float]] = {}
        for fid in sorted(self.w.forces):
            fs = self.w.forces[fid]
            if fs.status in (ForceStatus.GARRISON, ForceStatus.DESTROYED):
                continue
            fd = self.s.force(fid)
            base = fd.daily_cost_musd * self.L
            acc = per_state.setdefault(fd.owner, [0.0, 0.0, 0.0])
            if fs.status is ForceStatus.IN_TRANSIT:
                acc[1] += base * self.s.rules.transit_cost_factor
            elif fid in self.engaged_forces:
                acc[2] += base * self.s.rules.combat_cost_factor
            else:
                acc[0] += base
        for sid in sorted(self.w.nations):
            nation = self.w.nations[sid]
            st = self.s.states[sid]
            ready, transit, combat = per_state.get(sid, [0.0, 0.0, 0.0])
            terms = nation.budget_terms
            terms[1].value = nation.supplemental_musd
            terms[2].value -= ready
            terms[3].value -= transit
            terms[4].value -= combat
            nation.spent_musd += ready + transit + combat
            ov = self.standing(OverrideTarget.BUDGET, sid)
            if ov is not None and not ov.applied:
                ov.applied = True
                delta = float(ov.value) - sum(t.value for t in terms)
                label = "White-cell adjustments"
                adj = next((t for t in terms if t.label == label), None)
                if adj is None:
                    terms.append(Term(label, delta, "override"))
                else:
                    adj.value += delta
            nation.budget_musd = sum(t.value for t in terms)
            if nation.budget_musd < 0 and not nation.exhausted:
                nation.exhausted = True
                self.log.add(
                    EventKind.BUDGET,
                    sid,
                    f"{st.name}'s operations budget is exhausted (${nation.budget_musd:,.0f}m)",
                    reasons=[Reason("budget", f"{t.label}: {t.value:,.0f}", facts={}) for t in terms]
                    + [
                        Reason(
                            "consequence",
                            f"readiness slows by {self.s.rules.exhausted_readiness_penalty_days:g} days for new mobilisations",
                        )
                    ],
                    data={"state": sid, "budget_musd": round(nation.budget_musd, 2), "exhausted": True},
                )
            elif nation.budget_musd >= 0 and nation.exhausted:
                nation.exhausted = False
                self.log.add(
                    EventKind.BUDGET,
                    sid,
                    f"{st.name}'s operations budget is back in credit (${nation.budget_musd:,.0f}m)",
                    reasons=[Reason("budget", f"{t.label}: {t.value:,.0f}") for t in terms],
                    data={"state": sid, "budget_musd": round(nation.budget_musd, 2), "exhausted": False},
                )

    def triggered_guarantors(self) -> dict[str, set[str]]:
        """Attack id → the states bound by a TRIGGERED verdict on it."""
        out: dict[str, set[str]] = {}
        for vd in self.w.verdicts.values():
            if vd.code is VerdictCode.TRIGGERED:
                out.setdefault(vd.attack, set()).update(vd.guarantors)
        return out

    def opinion(self) -> None:
        rules = self.s.rules
        bound = self.triggered_guarantors()
        invoked_treaties = {k.treaty for k, c in self.w.collectives.items() if c.outcome is Outcome.INVOKED}
        for sid in sorted(self.w.nations):
            st = self.s.states[sid]
            nation = self.w.nations[sid]
            terms = [Term("Baseline (polls)", st.opinion_baseline, "scenario opinion_baseline")]
            rally = 0.0
            rally_terms: list[Term] = []
            for att in sorted(self.w.attacks.values(), key=lambda a: int(a.id[1:])):
                days = self.s.days_between(att.turn, self.t)
                decay = math.exp(-math.log(2) * days / rules.rally_half_life_days)
                if att.spec.victim == sid and att.gravity >= Gravity.ARMED_ATTACK:
                    rally_terms.append(
                        Term(
                            f"Rally after {att.id} on own {att.spec.target.value} ({days:g} days ago)",
                            rules.rally_own * decay,
                            "Gallup rallies; numbers.md §2d",
                        )
                    )
                elif att.spec.attacker != sid and sid in bound.get(att.id, ()):
                    rally_terms.append(
                        Term(
                            f"Rally after {att.id} on an ally ({days:g} days ago)",
                            rules.rally_ally * decay,
                            "assumption: k_ally ≈ 0.3 of a direct rally",
                        )
                    )
            for rt in rally_terms:
                room = rules.rally_cap - rally
                if room <= 0:
                    break
                if rt.value > room:
                    rt = Term(rt.label + f" (capped: rallies total at most {rules.rally_cap:g})", room, rt.source)
                rally += rt.value
                terms.append(rt)
            if nation.expected_success is not None:
                terms.append(
                    Term(
                        f"Expected success (own share of force {nation.expected_success:.0%})",
                        rules.success_gamma * (nation.expected_success - 0.5),
                        "Gelpi, Feaver & Reifler 2005/06 (form)",
                    )
                )
            if nation.casualties:
                terms.append(
                    Term(
                        f"Cumulative casualties ({nation.casualties:,})",
                        -rules.mueller_b * math.log10(1 + nation.casualties / rules.mueller_c0),
                        "Mueller 1973 (log form; b unconfirmed)",
                    )
                )
            window = [
                (t, c)
                for t, c in nation.recent_losses
                if self.s.days_between(t, self.t) < rules.recent_loss_window_days
            ]
            nation.recent_losses = window
            recent = sum(c for _, c in window)
            if recent and st.population_m > 0:
                terms.append(
                    Term(
                        f"Recent losses ({recent:,} in {rules.recent_loss_window_days:g} days)",
                        -min(rules.recent_loss_cap, rules.recent_loss_beta * recent / st.population_m),
                        "Gartner & Segura 1998 (form; β assumed)",
                    )
                )
            member_of_invoked = [
                tr.name for tr in self.s.treaties if tr.id in invoked_treaties and tr.is_party(sid, self.day)
            ]
            if member_of_invoked and st.doctrine is not Doctrine.AGGRESSOR:
                terms.append(
                    Term(
                        f"Alliance cue ({', '.join(sorted(member_of_invoked))} invoked)",
                        rules.alliance_cue,
                        "assumption",
                    )
                )
            ov = self.standing(OverrideTarget.OPINION, sid)
            if ov is not None:
                if not ov.applied:
                    ov.delta = float(ov.value) - sum(t.value for t in terms)
                    ov.applied = True
                terms.append(
                    Term(f"White-cell adjustment (turn {ov.turn}): {ov.rationale}", ov.delta or 0.0, "override")
                )
            raw = sum(t.value for t in terms)
            value = min(100.0, max(0.0, raw))
            if value != raw:
                terms.append(Term("Clamp to 0..100", value - raw, "support is a percentage"))
            old = nation.support
            nation.support = value
            nation.support_terms = terms
            if abs(value - old) >= rules.opinion_event_points:
                self.log.add(
                    EventKind.OPINION,
                    sid,
                    f"{st.name}: support {old:.0f} → {value:.0f}",
                    reasons=[Reason(t.label, f"{t.value:+.1f}", citation=t.source) for t in terms],
                    data={"state": sid, "from": round(old, 3), "to": round(value, 3)},
                )

    # 9 ---------------------------------------------------------------------
    def phase_record(self) -> None:
        for cond in self.s.end_conditions:
            if cond.kind == "control" and self.w.control.get(cond.location) == cond.controller:
                self.end(cond.label or f"{self.loc_name(cond.location)} controlled by {self.name(cond.controller)}")
                return
        if self.t >= self.s.max_turns:
            self.end(f"the scenario's last turn ({self.s.max_turns})")

    def end(self, why: str) -> None:
        self.w.ended = True
        self.w.end_reason = why
        self.log.add(
            EventKind.END, "game", f"The game ends: {why}", reasons=[Reason("end condition", why)], data={"reason": why}
        )
