"""What every phase of a turn works on: the turn's context and a few helpers they share."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from ..codec import encode
from ..commands import Action, Command, CommandKind
from ..enums import OverrideTarget, StateId
from ..events import EventKind, EventLog, Reason
from ..model import Scenario
from ..world import AttackState, Override, WorldState


def days_text(days: float) -> str:
    """``1 day``, ``2 days``, ``0.5 days`` (numbers as few digits as they need)."""
    return f"{days:g} day" + ("" if days == 1 else "s")


@dataclass
class TurnContext:
    """One turn being resolved: the world it changes, where randomness comes from, who decides, the log."""

    scenario: Scenario
    world: WorldState
    """The copy of the world this turn changes (never the caller's)."""
    turn: int
    day: dt.date
    seed: int
    """The game seed: every draw comes from a named sub-stream of it (:mod:`wargame.engine.rng`)."""
    commands: tuple[Command, ...]
    controlled: frozenset[StateId]
    """States played by a human seat: no default policy for them."""
    ai_states: frozenset[StateId]
    """Aggressors played by the aggressor AI."""
    difficulty: str
    log: EventLog
    engaged_forces: set[str] = field(default_factory=set)
    """Forces that fought this turn (engagements → budget)."""
    munitions_musd: dict[StateId, float] = field(default_factory=dict)
    """Munitions each state fired this turn, US$ million (engagements and strikes → budget)."""
    memo: dict[object, object] = field(default_factory=dict)
    _open_key: tuple[int, int] = (-1, -1)
    _open: list[AttackState] = field(default_factory=list)
    """Values computed once per turn (threats to each state)."""
    sanctions_musd: dict[StateId, float] = field(default_factory=dict)
    """Revenue each state lost to sanctions this turn, US$ million (sanctions → budget)."""

    # ------------------------------------------------------------------ names and time
    def name(self, sid: str) -> str:
        """A state's name (its id if unknown)."""
        st = self.scenario.states.get(sid)
        if st is None and sid == "UNKNOWN":
            return "an unknown attacker"
        return st.name if st else sid

    def loc_name(self, lid: str) -> str:
        """A location's name (its id if unknown)."""
        loc = self.scenario.locations.get(lid)
        return loc.name if loc else lid

    def turns_for(self, days: float) -> int:
        """Whole turns needed for ``days`` (0 for no time)."""
        return max(0, math.ceil(days / self.scenario.turn_length_days - 1e-9))

    def date_text(self, turn: int) -> str:
        """The ISO date of ``turn``."""
        return self.scenario.date_of(turn).isoformat()

    # ------------------------------------------------------------------ commands
    def commands_of(self, kind: CommandKind) -> list[Command]:
        return [c for c in self.commands if c.kind is kind]

    def decisions(self, *actions: Action) -> list[Command]:
        """This turn's ``decide`` commands whose action is one of ``actions``, in order."""
        names = {a.value for a in actions}
        return [c for c in self.commands_of(CommandKind.DECIDE) if c.payload.get("action") in names]

    def reject(self, cmd: Command, why: str) -> None:
        """Log that ``cmd`` could not be carried out, and why."""
        self.log.add(
            EventKind.REJECTED,
            str(cmd.payload.get("state", cmd.seat)),
            f"Decision refused: {why}",
            reasons=[Reason("check", why, False)],
            data={"command": encode(cmd)},
        )

    # ------------------------------------------------------------------ the world
    def open_attacks(self) -> list[AttackState]:
        """The open attacks (a new list each call; computed again only when an attack is added or ends)."""
        key = (len(self.world.attacks), sum(a.ended for a in self.world.attacks.values()))
        if self._open_key != key:
            self._open_key, self._open = key, self.world.open_attacks()
        return list(self._open)

    def standing(self, target: OverrideTarget, key: str) -> Override | None:
        """The white-cell override of ``target`` for ``key``, if any."""
        return self.world.override(target, key)
