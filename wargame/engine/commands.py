"""Commands: the only way players, facilitators and AIs change a game.

A command is recorded in the saved game before the turn it affects is resolved, so replaying
the commands from the scenario reproduces the game event for event.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any

from .codec import options
from .enums import OverrideTarget


class CommandKind(str, enum.Enum):
    INJECT = "inject"
    """An ad-hoc attack (payload: an :class:`~wargame.engine.model.AttackSpec` dict)."""
    DECIDE = "decide"
    """A national decision (payload: ``state``, ``action`` and the action's fields)."""
    NOTE = "note"
    """A facilitator's note (payload: ``text``); changes nothing."""
    OVERRIDE = "override"
    """A white-cell override (payload: ``target``, ``key``, ``value``, ``rationale``; see :data:`OVERRIDE_TARGETS`)."""
    SCRIPT = "script"
    """The facilitator reschedules the scenario's own injects (payload: ``turns``, serial → the turn it now fires on;
    0 holds it back, -1 skips it for good). Untouched, a scripted inject fires on its scenario turn."""
    EVIDENCE = "evidence"
    """Evidence about an attack's author (payload: ``attack``, ``candidate``, ``kind``, optional ``intent`` and
    ``description``; the kinds are :data:`wargame.engine.attribution.EVIDENCE_KINDS`)."""


class Action(str, enum.Enum):
    """National decisions a seat can take (payload field ``action``)."""

    DECLARE = "declare"
    """The victim declares itself attacked (``attack``; ICJ Nicaragua §195)."""
    REQUEST = "request"
    """The victim requests assistance about ``attack`` under ``treaty`` and ``article`` (``UN`` ``51``: collective
    self-defence without a treaty); without them, under every defence article it is a party to."""
    CONSULT = "consult"
    """Request consultations about ``attack`` under the consultation article of ``treaty`` (optional ``article``);
    without a treaty, under every consultation article the state is a party to."""
    NOTIFY = "notify"
    """Write to the Security Council about ``attack``; for a state that used force in self-defence, this is its
    report under UN Charter Art 51."""
    TABLE = "table"
    """Table a draft before the Security Council about ``attack``: ``kind`` (condemn, withdraw, affirm, authorise,
    ceasefire, statement) naming ``subject`` (default: the attacker)."""
    VOTE = "vote"
    """A member of the Security Council votes ``vote`` (yes, no, abstain) on ``draft``."""
    UNITING = "uniting"
    """After a veto on ``attack``, take the question to the General Assembly under Uniting for Peace."""
    CLAIM = "claim"
    """Claim anticipatory self-defence for ``attack`` (one the state made), against the threat ``threat``
    expected within ``imminent_days``; judged by the Caroline test and contested by others."""
    MEASURE = "measure"
    """Ask the consultation body of ``treaty`` for the defensive measure ``measure`` about ``attack``."""
    STANCE = "stance"
    """Support, object to or abstain on an invocation (``treaty``, ``article``, ``attack``, ``stance``)."""
    MOBILISE = "mobilise"
    """Start getting a force ready (``force``)."""
    DEPLOY = "deploy"
    """Send a force to ``destination``; it fights there if ``engage`` (``force``). A force that may not leave its
    home, host state or attacked theatre goes only with ``release`` (the reason, logged)."""
    SUPPLEMENTAL = "supplemental"
    """Ask the legislature for a supplemental budget."""
    DECLINE = "decline"
    """Decline to assist in ``attack`` beyond statements."""
    PERMIT = "permit"
    """Grant (``grant`` true) or refuse ``kind`` (transit, overflight, basing, straits) to ``beneficiary``."""
    ALERT = "alert"
    """A nuclear power sets its alert ``level`` (0 routine, 1 signalling, 2 alert, 3 dispersed)."""


@dataclass(frozen=True)
class Command:
    """One recorded command. ``turn`` is the turn whose resolution it takes part in."""

    kind: CommandKind
    turn: int = field(metadata=options(coerce=True))
    payload: dict[str, Any] = field(default_factory=dict)
    seat: str = "facilitator"


OVERRIDE_TARGETS = {t.value: t.description for t in OverrideTarget}
"""What a white-cell override can overrule, and what its key and value mean."""
