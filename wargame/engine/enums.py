"""The engine's vocabulary: identifiers and enumerations shared by the scenario facts and the game state."""

from __future__ import annotations

import enum
from typing import TypeAlias

StateId: TypeAlias = str
"""An ISO3 code ("EST") or the id of a named non-state actor ("ISIL")."""
LocationId: TypeAlias = str
"""A state's ISO3 code (its whole territory) or a place id from ``locations.csv``."""


class Government(str, enum.Enum):
    """Form of government; decides how much public support constrains decisions."""

    DEMOCRACY = "democracy"
    HYBRID = "hybrid"
    AUTOCRACY = "autocracy"


class Doctrine(str, enum.Enum):
    """The default policy's temperament for a state nobody controls."""

    RELIABLE = "reliable"
    """Honours commitments with forces when opinion and budget allow."""
    CAUTIOUS = "cautious"
    """Mobilises, deploys only with comfortable support."""
    FREE_RIDER = "free_rider"
    """Statements and sanctions; forces only if itself attacked."""
    NEUTRAL = "neutral"
    """Non-military aid only (the TEU 42(7) neutrality caveat)."""
    AGGRESSOR = "aggressor"
    """Pursues its own attacks; never assists the states it attacks."""


class LocationKind(str, enum.Enum):
    """What kind of place a location is; the scope clauses test it."""

    STATE = "state"
    """The whole territory of a state (its ISO3 code)."""
    LAND = "land"
    ISLAND = "island"
    OVERSEAS = "overseas"
    FEATURE = "feature"
    """A reef or shoal; not clearly 'territory'."""
    SEA = "sea"


class TargetKind(str, enum.Enum):
    """What the attack hit: the victim's territory, or its forces/vessels/aircraft."""

    TERRITORY = "territory"
    FORCES = "forces"


class AttackKind(str, enum.Enum):
    """How the attack was made; decides its gravity with the casualties."""

    INVASION = "invasion"
    STRIKE = "strike"
    MISSILE = "missile"
    NAVAL = "naval"
    AIR = "air"
    SHELLING = "shelling"
    CYBER = "cyber"
    TERRORIST = "terrorist"
    HYBRID = "hybrid"
    GRAY_ZONE = "gray_zone"
    AIRSPACE_VIOLATION = "airspace_violation"
    THREAT = "threat"


class Intent(str, enum.Enum):
    """Whether an attack was aimed at its victim (crisis-sources §3.4)."""

    DELIBERATE = "deliberate"
    """Aimed at the victim: full gravity applies (Cheonan 2010, Yeonpyeong 2010)."""
    RECKLESS = "reckless"
    """Deliberate force with a careless choice of target or a known spill-over risk: gravity applies, and the
    firer loses legitimacy (MH17 2014, KAL 007 1983)."""
    ACCIDENTAL = "accidental"
    """Not aimed at the victim: at most a use of force, never an armed attack by the firer (Przewodow 2022,
    USS Stark 1987)."""


class Sponsorship(enum.IntEnum):
    """How far a State stands behind a non-state actor, weakest first (ICJ Nicaragua §115, ICTY Tadic §131,
    ARSIWA Arts 4, 8)."""

    NONE = 0
    POLITICAL = 1
    """Political support or harbouring (the Taliban and al-Qaeda before 2001)."""
    FINANCIAL = 2
    ARMS_TRAINING = 3
    """Arms, money and training: not an armed attack by the State (Nicaragua §195, §228: the contras)."""
    OVERALL_CONTROL = 4
    """Equipping and financing plus coordinating its planning (ICTY Tadic §131); the ICJ finds it too loose for
    State responsibility (Bosnian Genocide §§403-406)."""
    EFFECTIVE_CONTROL = 5
    """Control of the operation itself (Nicaragua §115): the attack is the State's (ARSIWA Art 8)."""
    ORGAN = 6
    """A de jure or de facto organ of the State (ARSIWA Art 4; Bosnian Genocide §§392-393)."""


class RelationKind(str, enum.Enum):
    """How one state stands towards another beyond its treaties (the default policy and the Council use it)."""

    PROTECTOR = "protector"
    """Shields the other in the Security Council and will not act against it (China for the DPRK)."""
    PARTNER = "partner"
    """Leans towards the other: abstains rather than act against it, may help it without a treaty."""
    RIVAL = "rival"
    """Sees the other as a threat: an attack by it is a shared threat (exposure)."""


class Gravity(enum.IntEnum):
    """How grave an attack is, in the ICJ's terms (Nicaragua para 191, 195)."""

    THREAT = 0
    """A threat: no force used."""
    INCIDENT = 1
    """Gray-zone or airspace incident: below the use of force."""
    USE_OF_FORCE = 2
    """A 'less grave' use of force, e.g. a frontier incident."""
    ARMED_ATTACK = 3
    """An armed attack by its scale and effects (UN Charter Art 51)."""
    STATE_OF_WAR = 4
    """An armed attack that puts the victim in a state of war (invasion or mass casualties)."""


class ArticleKind(str, enum.Enum):
    """The ATOP kind of pledge an article makes."""

    DEFENCE = "defence"
    CONSULTATION = "consultation"
    NEUTRALITY = "neutrality"
    NON_AGGRESSION = "non_aggression"
    DEFINITION = "definition"
    """Defines terms or scope for other articles (NATO Art 6); gets no verdict of its own."""
    COOPERATION = "cooperation"
    """A look-alike with no defence pledge (AUKUS); never TRIGGERED."""


class Obligation(str, enum.Enum):
    """How strongly an article binds the other parties (never 'automatic war')."""

    AUTOMATIC_ALL_MEANS = "automatic_all_means"
    ALL_MEANS_IN_POWER = "all_means_in_power"
    AS_DEEMS_NECESSARY = "as_deems_necessary"
    CONSTITUTIONAL_PROCESSES = "constitutional_processes"
    CONSULT_ONLY = "consult_only"
    NO_COMPULSORY_FORCE = "no_compulsory_force"
    NONE = "none"


class DecisionRule(str, enum.Enum):
    """How a treaty's parties turn verdicts into a collective outcome."""

    CONSENSUS = "consensus"
    """Any party's objection blocks (NATO NAC silence procedure, CSTO CSC)."""
    TWO_THIRDS = "two_thirds"
    """Two-thirds of the parties, the parties to the dispute excluded (Rio Arts 17-18)."""
    INDIVIDUAL = "individual"
    """Each party decides for itself under its constitutional processes."""
    VICTIM_INVOKES = "victim_invokes"
    """The victim invokes; each party decides bilaterally what to give (TEU 42(7))."""


class AdversaryKind(str, enum.Enum):
    """Whom the article answers: any attacker, any State, or named adversaries."""

    ANY = "any"
    STATE = "state"
    NAMED = "named"


class ScopeResult(str, enum.Enum):
    """What a matching scope clause says about the location."""

    IN = "in"
    OUT = "out"
    AMBIGUOUS = "ambiguous"


class VerdictCode(str, enum.Enum):
    """The stable verdict codes (DESIGN §4): the CLI's JSON, the GUI and reports use them."""

    TRIGGERED = "TRIGGERED"
    CONSULT = "CONSULT"
    NOT_IN_FORCE = "NOT_IN_FORCE"
    NOT_A_PARTY = "NOT_A_PARTY"
    SUSPENDED = "SUSPENDED"
    VICTIM_INITIATED = "VICTIM_INITIATED"
    ADVERSARY_EXCLUDED = "ADVERSARY_EXCLUDED"
    OUT_OF_SCOPE = "OUT_OF_SCOPE"
    AMBIGUOUS_SCOPE = "AMBIGUOUS_SCOPE"
    BELOW_THRESHOLD = "BELOW_THRESHOLD"
    ATTRIBUTION_PENDING = "ATTRIBUTION_PENDING"
    NOT_REQUESTED = "NOT_REQUESTED"


class Outcome(str, enum.Enum):
    """A collective outcome of a decision rule; separate from verdicts."""

    INVOKED = "INVOKED"
    BLOCKED = "BLOCKED"
    PENDING = "PENDING"


class Stance(str, enum.Enum):
    """A party's position on an invocation."""

    SUPPORT = "support"
    OBJECT = "object"
    ABSTAIN = "abstain"
    UNDECIDED = "undecided"


class ForceStatus(str, enum.Enum):
    """Where a force is in its mobilisation cycle."""

    GARRISON = "garrison"
    MOBILISING = "mobilising"
    READY = "ready"
    IN_TRANSIT = "in_transit"
    DEPLOYED = "deployed"
    DESTROYED = "destroyed"


class Domain(str, enum.Enum):
    """Where a force can go and fight: land forces on land, naval forces at sea and on coasts, air forces at air
    bases (they fight as support within their radius)."""

    LAND = "land"
    SEA = "sea"
    AIR = "air"


class ForceRole(str, enum.Enum):
    """What a force is for; it decides where the default policy may send it (see ``docs/rules.md``)."""

    HOME_DEFENCE = "home_defence"
    """Stays in its own state unless a logged decision releases it."""
    FORWARD_PRESENCE = "forward_presence"
    """Stationed abroad; defends where it stands and leaves its host state only by a logged decision."""
    EXPEDITIONARY = "expeditionary"
    """May be sent within its theatre; leaving a theatre under attack needs a logged decision."""
    STRATEGIC = "strategic"
    """Nuclear-capable or long-range strike: not a manoeuvre force; the default policy never moves it."""


class Transport(str, enum.Enum):
    """How a force travels; the speed comes from the force's own figure."""

    ROAD = "road"
    RAIL = "rail"
    AIR = "air"
    SEA = "sea"


class ResponseLevel(str, enum.Enum):
    """What a state does about an attack (``NationState.responses``), weakest first.

    ``delayed`` (hesitating) and ``declined`` rank below a statement; the attacker's ``assault`` and the
    victim's ``defend`` are not steps of a guarantor's ladder and rank with ``none``.
    """

    NONE = "none"
    DELAYED = "delayed"
    DECLINED = "declined"
    STATEMENT = "statement"
    SANCTIONS = "sanctions"
    MOBILISE = "mobilise"
    DEPLOY = "deploy"
    ASSAULT = "assault"
    """The attacker presses its invasion."""
    DEFEND = "defend"
    """The victim defends itself."""

    @property
    def rank(self) -> int:
        """Position on a guarantor's ladder (``none`` 0 … ``deploy`` 6; ``assault``/``defend`` 0)."""
        return _RANKS.get(self, 0)


LEVELS: tuple[ResponseLevel, ...] = tuple(ResponseLevel)[:7]
"""The guarantor's ladder, weakest first: the levels a white-cell decision override may set."""
_RANKS = {level: i for i, level in enumerate(LEVELS)}


class OverrideTarget(str, enum.Enum):
    """What a white-cell override can overrule (:attr:`description` says what its key and value are)."""

    VERDICT = "verdict"
    COLLECTIVE = "collective"
    DECISION = "decision"
    CONTROL = "control"
    OPINION = "opinion"
    BUDGET = "budget"
    ATTRIBUTION = "attribution"

    @property
    def description(self) -> str:
        return _OVERRIDE_HELP[self]


_OVERRIDE_HELP = {
    OverrideTarget.VERDICT: "key TREATY:ARTICLE:ATTACK, value a verdict code (standing)",
    OverrideTarget.COLLECTIVE: "key TREATY:ARTICLE:ATTACK, value INVOKED / BLOCKED / PENDING (standing)",
    OverrideTarget.DECISION: "key STATE:ATTACK, value a response level (statement, sanctions, mobilise, deploy, declined)",
    OverrideTarget.CONTROL: "key LOCATION, value the state that holds it (an engagement result)",
    OverrideTarget.OPINION: "key STATE, value the support (0-100) from this turn on",
    OverrideTarget.BUDGET: "key STATE, value the operations budget (US$ million) from this turn on",
    OverrideTarget.ATTRIBUTION: "key ATTACK, value the attacker it settles on (a state or actor id), or NONE: "
    "no attack took place (standing)",
}


class Difficulty(str, enum.Enum):
    """How hard a solo game is: it sets the aggressor AI's boldness and the allies' reliability (see Rules)."""

    EASY = "easy"
    NORMAL = "normal"
    HARD = "hard"
