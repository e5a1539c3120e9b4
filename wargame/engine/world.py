"""The state of a game: what changes turn by turn (attacks, forces, nations, control, verdicts …).

Every value here is typed: verdicts with their gates, collective outcomes with each party's stance,
response levels, white-cell overrides and the aggressor AI's memory. Keys that name a treaty article's
verdict on an attack are :class:`VerdictKey` values (text form ``NATO:5:A1``); override keys are
:class:`OverrideKey` values (``verdict:NATO:5:A1``, ``opinion:EST``).

The saved game stores the world through :mod:`.codec` (``encode(world)`` / ``decode(WorldState, data)``);
the field options below say how (numbers rounded to 6 places, gravity by name, dicts in key order), and
the state hash is the sha256 of that JSON.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

from .codec import options, text_value
from .enums import (
    DecisionRule,
    ForceStatus,
    Gravity,
    LocationId,
    Obligation,
    Outcome,
    OverrideTarget,
    ResponseLevel,
    Stance,
    StateId,
    VerdictCode,
)
from .model import AttackSpec

SORTED = options(sort=True)
"""Codec options of a dict stored in key order."""
ROUND6 = options(round=6)
"""Codec options of a number stored rounded to 6 places."""
OMIT = options(omit_default=True)
"""Codec options of a field left out of the stored JSON while it has its default (the military fields of issue 11:
most forces never move, most states never lose anyone)."""
OMIT6 = options(round=6, omit_default=True)
_NEW = options(omit_default=True)
"""A field added in rules version 2, left out of the stored form while it has its default (snapshots stay small
and older ones decode)."""
_NEW_SORTED = options(omit_default=True, sort=True)
_NEW_ROUND = options(omit_default=True, round=6)
_CAND = options(omit_default=True, sort=True, round=6)

# --------------------------------------------------------------------------------------------
# Keys
# --------------------------------------------------------------------------------------------


@text_value
@functools.total_ordering
@dataclass(frozen=True)
class VerdictKey:
    """Which verdict: a treaty's article on an attack. Its text form is ``TREATY:ARTICLE:ATTACK``."""

    treaty: str
    article: str
    attack: str
    text: str = field(init=False, repr=False, compare=False, default="")
    """The text form, made once (keys are sorted and printed often)."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", f"{self.treaty}:{self.article}:{self.attack}")

    def __str__(self) -> str:
        return self.text

    def __lt__(self, other: object) -> bool:
        """Keys sort by their text form (the order the saved game has always used)."""
        if not isinstance(other, VerdictKey):
            return NotImplemented
        return self.text < other.text

    @classmethod
    def parse(cls, text: str) -> VerdictKey:
        """``NATO:5:A1`` → ``VerdictKey("NATO", "5", "A1")``; ``ValueError`` for anything else."""
        parts = str(text).split(":")
        if len(parts) != 3 or not all(parts):
            raise ValueError(f"a verdict key is TREATY:ARTICLE:ATTACK (e.g. NATO:5:A1), not {text!r}")
        return cls(*parts)


@text_value
@functools.total_ordering
@dataclass(frozen=True)
class OverrideKey:
    """What a standing white-cell override overrules: its target and the key of the overruled value.

    The text form is ``TARGET:SUBJECT`` (``verdict:NATO:5:A1``, ``decision:POL:A1``, ``opinion:EST``).
    """

    target: OverrideTarget
    subject: str
    text: str = field(init=False, repr=False, compare=False, default="")

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", f"{self.target.value}:{self.subject}")

    def __str__(self) -> str:
        return self.text

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, OverrideKey):
            return NotImplemented
        return self.text < other.text

    @classmethod
    def parse(cls, text: str) -> OverrideKey:
        target, sep, subject = str(text).partition(":")
        if not sep:
            raise ValueError(f"an override key is TARGET:KEY (e.g. opinion:EST), not {text!r}")
        return cls(OverrideTarget(target), subject)

    @property
    def state(self) -> StateId:
        """The state a decision, opinion or budget override names (``POL`` in ``decision:POL:A1``)."""
        return self.subject.partition(":")[0]

    @property
    def attack(self) -> str:
        """The attack a decision override names (``A1`` in ``decision:POL:A1``)."""
        return self.subject.partition(":")[2]


# --------------------------------------------------------------------------------------------
# Verdicts and collective outcomes
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Gate:
    """One gate of a verdict: its name, whether it held, what it found and the facts it used."""

    name: str
    passed: bool
    detail: str
    facts: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Verdict:
    """The verdict of one treaty article on one attack, with every gate it passed and the one that failed."""

    treaty: str
    article: str
    attack: str
    code: VerdictCode
    gates: tuple[Gate, ...]
    citation: str
    obligation: Obligation
    decision_rule: DecisionRule
    guarantors: tuple[StateId, ...] = ()
    """Parties owing assistance (or consultation) to the victim under this article."""
    suspended: tuple[StateId, ...] = ()
    """Parties whose obligation towards the victim is suspended."""

    @property
    def key(self) -> VerdictKey:
        return VerdictKey(self.treaty, self.article, self.attack)

    @property
    def failed_gate(self) -> Gate | None:
        for g in self.gates:
            if not g.passed:
                return g
        return None

    def explain(self) -> str:
        """One line: the code and the decisive reason."""
        failed = self.failed_gate
        last = failed or (self.gates[-1] if self.gates else None)
        why = last.detail if last else ""
        return f"{self.treaty} {self.citation or 'Art ' + self.article}: {self.code.value} — {why}"


@dataclass
class Collective:
    """A treaty article's collective outcome for one attack, and each party's stance on it."""

    key: VerdictKey
    outcome: Outcome
    since_turn: int
    """The turn the outcome last changed."""
    stances: dict[StateId, Stance] = field(default_factory=dict, metadata=SORTED)
    reason: str = ""
    opened_turn: int | None = field(default=None, metadata=_NEW)
    """The turn deliberation began (the decision days count from it, not from the last change of outcome)."""


# --------------------------------------------------------------------------------------------
# Attacks, forces, nations
# --------------------------------------------------------------------------------------------


@dataclass
class AttackState:
    """An attack in the world: its spec plus what the engine has assessed about it."""

    id: str
    spec: AttackSpec
    turn: int
    attribution: float
    gravity: Gravity = field(metadata=options(by_name=True))
    requested_turn: int | None
    """The turn the victim first requested assistance under some article (None: not yet)."""
    consult_requests: list[StateId] = field(default_factory=list)
    """Every state that has requested consultations about the attack, under any article, in order."""
    ended: bool = False
    candidates: dict[StateId, float] = field(default_factory=dict, metadata=_CAND)
    """Candidate attackers and their weights (0-1; the rest is 'unknown')."""
    attributed: StateId = field(default="", metadata=_NEW)
    """The leading candidate: whom the verdicts judge as the attacker ('' = the inject's attacker)."""
    working_due: float | None = field(default=None, metadata=_NEW_ROUND)
    """Days after the attack when a working attribution names the attacker (None: no clock running)."""
    declared_turn: int | None = field(default=None, metadata=_NEW)
    """The turn the victim declared itself attacked (ICJ Nicaragua §195)."""
    assistance: dict[str, int] = field(default_factory=dict, metadata=_NEW_SORTED)
    """Assistance requested by the victim: ``TREATY:ARTICLE`` (or ``UN:51``) → the turn of the request."""
    consultations: dict[str, list[StateId]] = field(default_factory=dict, metadata=_NEW_SORTED)
    """Consultations requested: ``TREATY:ARTICLE`` → the states that asked, in order."""
    notified: list[StateId] = field(default_factory=list, metadata=_NEW)
    """States that brought the attack to the Security Council, in order."""
    composite_of: list[str] = field(default_factory=list, metadata=_NEW)
    """For a series judged as one attack: the incidents it is made of (their own gravity stands)."""
    void: bool = field(default=False, metadata=_NEW)
    """The white cell ruled that no attack took place."""
    serial: str = field(default="", metadata=_NEW)
    """The MSEL serial it came from ('' for an ad-hoc inject)."""
    decided: list[str] = field(default_factory=list, metadata=_NEW)
    """Steps of the victim's default policy already taken (so each is taken and logged once)."""

    @property
    def attacker(self) -> StateId:
        """Whom the attack is attributed to now: the leading candidate, else the inject's attacker."""
        return self.attributed or self.spec.attacker


@dataclass
class Leg:
    """One leg of a move: how (road, rail, sea, air), along which points, how far and how long, and through
    which states or straits."""

    mode: str
    points: list[tuple[float, float]]
    """(lat, lon) along the way, for the map."""
    km: float = field(metadata=ROUND6)
    days: float = field(metadata=ROUND6)
    via: list[str] = field(default_factory=list)


@dataclass
class ForceState:
    """Where a force is and what it is doing."""

    id: str
    status: ForceStatus
    location: LocationId
    strength: float
    """Remaining share of the force's combat power and personnel (0-1)."""
    destination: LocationId | None = None
    ready_turn: int | None = None
    depart_turn: int | None = None
    arrive_turn: int | None = None
    engage: bool = False
    """Fights at its location when hostile forces are there."""
    mission: str = ""
    """The attack id this force answers, if any."""
    losses: int = 0
    legs: list[Leg] = field(default_factory=list, metadata=OMIT)
    """The route of its current or last move, as planned when it left (the map draws it)."""
    release: str = field(default="", metadata=OMIT)
    """The logged decision that released it from its home, host state or theatre ('' if none)."""
    depart_day: float | None = field(default=None, metadata=OMIT6)
    """Exact day (from the start) its move began, for arrival times finer than a turn."""
    arrive_day: float | None = field(default=None, metadata=OMIT6)
    engaged_days: int = field(default=0, metadata=OMIT)
    """Days it has fought (the first day's loss rates are higher)."""


@dataclass
class Term:
    """One term of an opinion or budget figure: a label, a value and where it comes from."""

    label: str
    value: float = field(metadata=ROUND6)
    source: str = ""


@dataclass
class NationState:
    """A state's changing figures."""

    id: StateId
    support: float = field(metadata=ROUND6)
    support_terms: list[Term]
    budget_musd: float = field(metadata=ROUND6)
    """Operations budget balance, US$ million (may go negative: then it is exhausted)."""
    budget_terms: list[Term]
    spent_musd: float = field(default=0.0, metadata=ROUND6)
    supplemental_musd: float = field(default=0.0, metadata=ROUND6)
    casualties: int = 0
    recent_losses: list[tuple[int, int]] = field(default_factory=list)
    """(turn, casualties) pairs of the last weeks, for the recent-loss term."""
    approvals: dict[str, int] = field(default_factory=dict, metadata=SORTED)
    """Pending legislative approvals: what is voted on (e.g. ``deploy:A1``) → turn the vote happens."""
    approved: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    supplemental_pending: int | None = None
    """Turn on which a pending supplemental request is voted."""
    responses: dict[str, ResponseLevel] = field(default_factory=dict, metadata=SORTED)
    """Attack id → the response level chosen."""
    exhausted: bool = False
    expected_success: float | None = field(default=None, metadata=ROUND6)
    """Own share of combat power in the engagements it fights (0-1), or None if not fighting."""
    killed: int = field(default=0, metadata=OMIT)
    """Of its casualties, those killed (casualties × the killed share of their domain)."""
    gdp_change_pct: float = field(default=0.0, metadata=OMIT6)
    """Cumulative change of GDP from sanctions (imposed or suffered), per cent."""
    attack_killed: int = field(default=0, metadata=_NEW)
    """People killed by attacks on the state (they feed its rally, never its casualty aversion)."""


# --------------------------------------------------------------------------------------------
# The white cell and the aggressor AI
# --------------------------------------------------------------------------------------------


@dataclass
class Override:
    """A standing white-cell override (its :class:`OverrideKey` says what it overrules)."""

    value: Any
    """A verdict code, an outcome, a response level, a state id or a number, as the target needs."""
    rationale: str
    turn: int
    seat: str = ""
    applied: bool = False
    """A one-off override (decision, control, budget, opinion) has taken effect."""
    delta: float | None = field(default=None, metadata=options(omit_default=True))
    """For an opinion override: the adjustment that gave the ruled support when it took effect."""


@dataclass(frozen=True)
class AiMemory:
    """The aggressor AI's memory for one state."""

    level: int = -1
    """The highest rung of the escalation ladder it has climbed (-1: none yet)."""
    last: int = -999
    """The last turn it weighed its targets."""
    halted: bool = False
    """It has halted for good (the balance turned against an invasion under way)."""
    target: str = ""
    """The location it last acted against."""
    stage: int = field(default=0, metadata=_NEW)
    """The stage of its plan it is on (0 = not begun)."""
    perception: float = field(default=1.0, metadata=_NEW_ROUND)
    """Its misreading of deterrence, drawn once: the ratio it sees is the true one × this."""
    negotiating: bool = field(default=False, metadata=_NEW)
    """It has stopped and offered to negotiate."""


@dataclass
class Permission:
    """A state's decision on a transit, overflight, basing or straits request, and why."""

    grantor: StateId
    kind: str
    """``transit`` (land), ``overflight``, ``basing`` or ``straits``."""
    beneficiary: StateId
    granted: bool
    turn: int
    reason: str
    by: str = "policy"
    """``policy`` (the default policy) or the seat that decided."""
    pending_until: int | None = None
    """A consultation under way: no answer before this turn."""


@dataclass
class Sanctions:
    """A sanctions package in force against ``target``: who imposes it, since when, and its strength."""

    target: StateId
    imposers: list[StateId]
    since_turn: int
    share: float = field(metadata=ROUND6)
    """Imposers' GDP over the GDP that makes a package comprehensive (capped at 1)."""
    pending: dict[str, int] = field(default_factory=dict, metadata=SORTED)
    """Union id → the turn its package is adopted (unanimity takes time)."""


@dataclass
class NuclearState:
    """A nuclear power's alert level (0 routine … 3 dispersed; 4 = a threshold crossed, with the white cell)."""

    level: int = 0
    reason: str = ""
    since_turn: int = 0


@dataclass
class WhiteCellItem:
    """A decision the engine hands to the white cell and never takes itself (nuclear use)."""

    turn: int
    state: StateId
    kind: str
    summary: str
    resolved: bool = False


# --------------------------------------------------------------------------------------------
# The crisis beyond the treaties: the UN, consultations, self-defence, legal clocks, standing abroad
# --------------------------------------------------------------------------------------------


@dataclass
class CouncilItem:
    """A draft before the Security Council (and what became of it), a presidential statement, or a session of
    the General Assembly under Uniting for Peace."""

    id: str
    """``R1``, ``R2`` … in the order they were tabled."""
    attack: str
    kind: str
    """``condemn``, ``withdraw``, ``affirm`` (the right of self-defence), ``authorise`` (force), ``ceasefire``,
    ``statement`` (a presidential statement), ``refer`` (the procedural vote that convenes the General Assembly)
    or ``assembly`` (its recommendation)."""
    subject: StateId
    """The state the text names ('' when it names nobody)."""
    sponsor: StateId
    tabled_turn: int
    vote_turn: int
    status: str = "tabled"
    """``tabled``, ``adopted``, ``vetoed`` (a permanent member voted no) or ``failed`` (too few votes)."""
    votes: dict[StateId, str] = field(default_factory=dict, metadata=SORTED)
    """Named members' votes: ``yes``, ``no``, ``abstain`` or ``absent``."""
    counted: list[int] = field(default_factory=list)
    """Votes of members not named in the scenario: [yes, no, abstain]."""
    tally: str = ""
    reason: str = ""


@dataclass
class Art51Report:
    """A use of force in self-defence, to be reported 'immediately' to the Security Council (UN Charter Art 51)."""

    state: StateId
    attack: str
    """The attack it answers."""
    action: str
    turn: int
    due_turn: int
    reported_turn: int | None = None
    missed: bool = False
    """Not reported in time (ICJ Nicaragua §200: a sign the state did not believe it acted in self-defence)."""


@dataclass
class MeasureState:
    """A defensive measure a consultation body decided (or failed to decide)."""

    treaty: str
    measure: str
    attack: str
    requested_by: StateId
    decided_turn: int
    ready_turn: int
    status: str = "adopted"
    """``adopted`` (ready on ``ready_turn``), ``active``, ``blocked`` or ``recommended`` (force under Rio Art 20)."""
    reason: str = ""


@dataclass
class Judgement:
    """Necessity and proportionality of one use of force in self-defence, or the Caroline test of an anticipatory
    claim (ICJ Nicaragua §§176, 194, 237; Oil Platforms §§73-77)."""

    state: StateId
    action: str
    """What was done (an attack id, or ``deploy:A1``)."""
    answers: str
    """The attack it answers ('' for an anticipatory claim without one)."""
    basis: str
    """``individual``, ``collective`` or ``anticipatory`` self-defence."""
    turn: int
    checks: list[Gate] = field(default_factory=list)
    passed: bool = True
    contested_by: list[StateId] = field(default_factory=list)


@dataclass
class LegalState:
    """Where a state's domestic legal clock stands for its deployment abroad in answer to one attack."""

    state: StateId
    attack: str
    status: str
    """``awaiting`` (no forces may go before the vote), ``running`` (forces may go; a vote or report is due),
    ``approved``, ``refused``, ``expired`` (the clock ran out: withdraw) or ``withdrawn``."""
    started_turn: int
    vote_turn: int | None = None
    report_turn: int | None = None
    """When the report to the legislature is due (None: none needed, or made)."""
    clock_turn: int | None = None
    """When authorisation is needed to continue (None: no clock)."""
    reason: str = ""


@dataclass
class Meeting:
    """A consultation body's meeting on an attack, and what it decided."""

    turn: int
    """The turn it meets (or met)."""
    held: bool = False
    outcome: str = ""
    """``adopted``, ``blocked`` or ``statement`` once held."""
    requested: list[str] = field(default_factory=list)
    """Measures a party asked for by name (the ``on_request`` measures)."""


@dataclass
class CrisisState:
    """The crisis beyond the treaties (empty until something happens)."""

    council: dict[str, CouncilItem] = field(default_factory=dict, metadata=_NEW_SORTED)
    reports: list[Art51Report] = field(default_factory=list, metadata=_NEW)
    measures: list[MeasureState] = field(default_factory=list, metadata=_NEW)
    judgements: list[Judgement] = field(default_factory=list, metadata=_NEW)
    legal: dict[str, LegalState] = field(default_factory=dict, metadata=_NEW_SORTED)
    """``STATE:ATTACK`` → its legal clock."""
    standing: dict[StateId, list[Term]] = field(default_factory=dict, metadata=_NEW_SORTED)
    """Standing abroad (legitimacy) lost by each state, term by term (failed checks, reckless attacks)."""
    meetings: dict[str, Meeting] = field(default_factory=dict, metadata=_NEW_SORTED)
    """Consultation bodies called to meet: ``TREATY:ARTICLE:ATTACK`` → the meeting."""
    rallied: dict[str, str] = field(default_factory=dict, metadata=_NEW_SORTED)
    """The one ally rally of each crisis (an attacker's campaign): ``STATE:ATTACKER`` → the attack that gave it."""

    def standing_of(self, sid: StateId) -> float:
        """Points of standing abroad ``sid`` has lost (0 or less)."""
        return sum(t.value for t in self.standing.get(sid, ()))


# --------------------------------------------------------------------------------------------
# The world
# --------------------------------------------------------------------------------------------


@dataclass
class WorldState:
    """Everything that changes during a game.  ``turn`` is the last resolved turn (0 = start)."""

    turn: int
    attacks: dict[str, AttackState] = field(metadata=SORTED)
    forces: dict[str, ForceState] = field(metadata=SORTED)
    nations: dict[StateId, NationState] = field(metadata=SORTED)
    control: dict[LocationId, StateId] = field(metadata=SORTED)
    verdicts: dict[VerdictKey, Verdict] = field(metadata=SORTED)
    collectives: dict[VerdictKey, Collective] = field(metadata=SORTED)
    ended: bool = False
    end_reason: str = ""
    next_attack: int = 1
    overrides: dict[OverrideKey, Override] = field(default_factory=dict, metadata=SORTED)
    """Standing white-cell overrides."""
    ai: dict[StateId, AiMemory] = field(default_factory=dict, metadata=SORTED)
    """The aggressor AI's memory per state."""
    permissions: dict[str, Permission] = field(default_factory=dict, metadata=_NEW_SORTED)
    """``GRANTOR:kind:BENEFICIARY`` → the decision on that request."""
    lift_free: dict[str, float] = field(default_factory=dict, metadata=_NEW_SORTED)
    """``STATE:air`` / ``STATE:sea`` → the day its lift pool is next free (days from the start)."""
    reception_free: dict[str, float] = field(default_factory=dict, metadata=_NEW_SORTED)
    """``PLACE:air`` / ``PLACE:sea`` → the day its reception capacity is next free."""
    munitions: dict[str, float] = field(default_factory=dict, metadata=_NEW_SORTED)
    """``STATE:pool`` → rounds or missiles in stock."""
    sanctions: dict[StateId, Sanctions] = field(default_factory=dict, metadata=_NEW_SORTED)
    nuclear: dict[StateId, NuclearState] = field(default_factory=dict, metadata=_NEW_SORTED)
    white_cell: list[WhiteCellItem] = field(default_factory=list, metadata=_NEW)
    """Decisions handed to the white cell (nuclear thresholds crossed)."""
    territorial: dict[StateId, float] = field(default_factory=dict, metadata=_NEW_SORTED)
    """Remaining share of a state's territorial-defence estimate (absent: whole)."""
    script: dict[str, int] = field(default_factory=dict, metadata=options(sort=True, omit_default=True))
    """The scenario's injects the facilitator rescheduled: serial → the turn it fires on (0 held back, -1 skipped).
    Left out of the stored world while empty, so games that never touch it keep their hashes."""
    crisis: CrisisState = field(default_factory=CrisisState, metadata=_NEW)
    """The Security Council, Art 51 reports, consultation measures, judgements, legal clocks, standing abroad."""

    def open_attacks(self) -> list[AttackState]:
        """Attacks not ended, in the order they entered (A1, A2, … A10)."""
        return [a for a in sorted(self.attacks.values(), key=lambda a: int(a.id[1:])) if not a.ended]

    def override(self, target: OverrideTarget, subject: str) -> Override | None:
        """The standing override of ``target`` for ``subject``, if any."""
        return self.overrides.get(OverrideKey(target, subject))
