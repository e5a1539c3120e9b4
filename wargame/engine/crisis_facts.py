"""The crisis facts a scenario carries beyond its states and treaties (issue 10).

Forum preferences (which treaty a victim turns to first, and when it would rather not invoke), domestic legal
clocks (who must approve a deployment abroad, within what time, what a refusal does), relations between states
beyond their treaties, State sponsorship of non-state actors, land borders, the Security Council's seats, and
the defensive measures a consultation body can choose. They are frozen and never change during a game; the
world pack (``world-crisis.toml``) holds them with their sources, and a scenario without them gets the empty
defaults below (the engine then falls back to its generic rules, which ``docs/rules.md`` describes).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from .enums import AttackKind, Gravity, Intent, RelationKind, Sponsorship, StateId

UNKNOWN = "UNKNOWN"
"""The attacker of an attack whose author is never known (always accepted, even where a scenario does not define
it as an actor)."""

FORUM_CLASSES = ("minor", "armed_attack", "forces_abroad", "terrorism", "cyber_hybrid")
"""The kinds of threat a forum preference names (crisis-sources §2.4): a minor or unclear incident; an armed
attack by a State on the territory; an armed attack on forces abroad; mass-casualty terrorism; cyber or hybrid."""

NOT_IF = (
    "accidental",
    "victim_fired_first",
    "escalation_risk",
    "gray_zone_no_deaths",
    "cyber_without_physical_harm",
)
"""Conditions under which a state would rather not invoke (crisis-sources §2.4): the incident looks accidental
(Przewodow 2022); the victim fired first (the Su-24, 2015); the attacker has a protector among the permanent
members, so escalation risk is high (the ROK in 2010); gray-zone pressure with no deaths (Second Thomas Shoal
2024); cyber harm with no physical effects (Estonia 2007)."""

REQUEST_TOKENS = ("UNSC", "UN:51")
"""Forum tokens besides ``TREATY:ARTICLE`` and ``ACCEPT:TREATY:ARTICLE``: ``UNSC`` writes to the Security
Council; ``UN:51`` asks other states for collective self-defence under UN Charter Art 51 (no treaty needed)."""

REFUSALS = ("block", "withdraw", "political", "none")
"""What a legislature's refusal does: it blocks the deployment, forces the withdrawal of forces already sent,
binds the government politically (which then does not deploy), or has no legal effect."""

MEASURE_WHEN = ("any", "threat", "military_threat", "territory", "neighbour_invasion", "on_request")
"""When a consultation body chooses a measure by default: at any meeting; for a threat without force used; for a
military threat (weapons or troops deployed, as the missiles in Cuba in 1962); when a party's own territory or
airspace was hit; when a state bordering a party is invaded; only when a party asks for it by name."""


@dataclass(frozen=True)
class ForumPrefs:
    """Where a state turns first, by kind of threat, and when it would rather not invoke at all.

    Each list holds tokens in the order the state makes its requests: ``TREATY:ARTICLE`` (a consultation or
    defence article), ``ACCEPT:TREATY:ARTICLE`` (it consents when the others offer to invoke, as the United
    States did on 12 Sep 2001), ``UNSC`` and ``UN:51`` (see :data:`REQUEST_TOKENS`). An empty list means
    national means only.
    """

    state: StateId
    minor: tuple[str, ...] = ()
    armed_attack: tuple[str, ...] = ()
    forces_abroad: tuple[str, ...] = ()
    terrorism: tuple[str, ...] = ()
    cyber_hybrid: tuple[str, ...] = ()
    not_if: tuple[str, ...] = ()
    source: str = ""

    def tokens(self, threat_class: str) -> tuple[str, ...]:
        """The requests for ``threat_class`` (one of :data:`FORUM_CLASSES`)."""
        return tuple(getattr(self, threat_class))


@dataclass(frozen=True)
class LegalClock:
    """A state's domestic law on sending armed forces abroad (crisis-sources §6)."""

    state: StateId
    approves: str
    """Who approves, in words ("Congress (a declaration of war or an AUMF)")."""
    prior: bool = False
    """Approval is needed before forces deploy abroad."""
    emergency: bool = False
    """In an emergency (an armed attack under way on an ally) forces may deploy first, approval being sought at
    once afterwards (Germany's Gefahr im Verzug; Japan's particular urgency)."""
    vote_days: float = 0.0
    """Days from the government's request to the vote."""
    report_days: float | None = None
    """Days within which the legislature must be told once forces deploy (USA 2: 48 hours; France 3)."""
    clock_days: float | None = None
    """Days after deploying (or after the report) beyond which an authorisation is needed (USA 60, France 120)."""
    grace_days: float = 0.0
    """Days to withdraw once the clock has run out without authorisation (USA 30)."""
    refusal: str = "block"
    """What a refusal does (:data:`REFUSALS`)."""
    home_free: bool = True
    """Defending the state's own territory needs no vote."""
    collective_test: str = ""
    """A further test before using force for an ally: ``survival_threatening`` (Japan's 2015 legislation)."""
    source: str = ""


@dataclass(frozen=True)
class Relation:
    """How ``a`` stands towards ``b`` (directed)."""

    a: StateId
    b: StateId
    kind: RelationKind
    source: str = ""


@dataclass(frozen=True)
class Sponsor:
    """How far ``state`` stands behind the non-state actor ``actor``."""

    state: StateId
    actor: StateId
    level: Sponsorship
    source: str = ""


P5: tuple[StateId, ...] = ("CHN", "FRA", "GBR", "RUS", "USA")
"""The permanent members of the Security Council (UN Charter Art 23(1))."""


@dataclass(frozen=True)
class CouncilSeats:
    """Who sits on the Security Council in the scenario."""

    permanent: tuple[StateId, ...] = P5
    elected: tuple[StateId, ...] = ()
    """The ten elected members, if the scenario names them; otherwise they are counted, not named."""
    absent: tuple[StateId, ...] = ()
    """Members absent from the Council (the USSR from Jan to Aug 1950): an absence is not a veto."""
    source: str = ""


@dataclass(frozen=True)
class Measure:
    """A defensive measure a consultation body can decide (crisis-sources §5)."""

    treaty: str
    id: str
    name: str
    readiness_days: float = 0.0
    cost_musd_per_day: float = 0.0
    min_gravity: Gravity = Gravity.THREAT
    when: str = "any"
    """When the body chooses it by default (:data:`MEASURE_WHEN`)."""
    kinds: tuple[AttackKind, ...] = ()
    """Only for these kinds of attack (empty: any)."""
    force: bool = False
    """It involves armed force: under an article without compulsory force (Rio Art 20) it is a recommendation."""
    body: str = ""
    """The body that decides it ("the North Atlantic Council")."""
    source: str = ""


@dataclass(frozen=True)
class ScheduledEvidence:
    """An MSEL row of evidence: on ``turn``, evidence of ``kind`` points to ``candidate`` as the author of the
    attack that came from MSEL serial ``inject`` (and may find its intent)."""

    turn: int
    inject: str
    candidate: StateId
    kind: str
    intent: Intent | None = None
    description: str = ""


@dataclass(frozen=True)
class CrisisFacts:
    """All the crisis facts of a scenario (empty when it has none)."""

    forums: dict[StateId, ForumPrefs] = field(default_factory=dict)
    legal: dict[StateId, LegalClock] = field(default_factory=dict)
    relations: tuple[Relation, ...] = ()
    sponsors: tuple[Sponsor, ...] = ()
    borders: dict[StateId, frozenset[StateId]] = field(default_factory=dict)
    council: CouncilSeats = CouncilSeats()
    measures: dict[str, tuple[Measure, ...]] = field(default_factory=dict)
    """Treaty id → the measures its consultation body can choose."""
    evidence: tuple[ScheduledEvidence, ...] = ()
    """The MSEL's evidence rows, in turn order."""

    @functools.cached_property
    def _relations(self) -> dict[tuple[StateId, StateId], Relation]:
        return {(r.a, r.b): r for r in self.relations}

    @functools.cached_property
    def _sponsors(self) -> dict[StateId, tuple[Sponsor, ...]]:
        out: dict[StateId, list[Sponsor]] = {}
        for s in self.sponsors:
            out.setdefault(s.actor, []).append(s)
        return {k: tuple(sorted(v, key=lambda s: (-s.level, s.state))) for k, v in out.items()}

    def relation(self, a: StateId, b: StateId) -> Relation | None:
        """How ``a`` stands towards ``b``, if the scenario says."""
        return self._relations.get((a, b))

    def sponsors_of(self, actor: StateId) -> tuple[Sponsor, ...]:
        """The States behind ``actor``, strongest link first."""
        return self._sponsors.get(actor, ())

    def neighbours(self, a: StateId, b: StateId) -> bool:
        """Whether ``a`` and ``b`` share a land border."""
        return b in self.borders.get(a, frozenset())
