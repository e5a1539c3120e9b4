"""The rules' numbers: every parameter a rule of the engine uses, with its source or "assumption"."""

from __future__ import annotations

from dataclasses import dataclass, field

from .enums import Doctrine

RULES_VERSION = 1
"""The version of the rules' behaviour. Bump it with every change that is meant to change outcomes (a verdict,
a decision, a movement, a loss, a figure): a saved game records the version it was made with, and a game made
with another version can still be opened, reviewed, reported and exported, but not re-adjudicated by ``verify``
nor advanced, since today's rules would not give the turns it holds."""


def _share(default: float) -> float:
    """A :class:`Rules` field that is a share or a probability (0 to 1)."""
    return field(default=default, metadata={"max": 1.0})


@dataclass(frozen=True)
class Rules:
    """Model parameters: every number a rule uses. Defaults are documented assumptions or sourced; a scenario
    overrides any of them in its ``[rules]`` table.

    Sources for the forms: ``reference/numbers.md`` §2d (Mueller log-casualty form, rally
    decay, Gelpi/Feaver/Reifler success term) and §4 (decision lags). A field made with :func:`_share`
    is a share or a probability: a scenario may not set it above 1.
    """

    attribution_threshold: float = _share(0.7)
    """Confidence in the attacker needed before a defence article triggers (ICJ Oil Platforms: the burden of
    proof; the figure is an assumption)."""
    attribution_rate_per_day: float = 0.10
    """How fast attribution confidence rises towards 1 for kinetic attacks (assumption)."""
    cyber_attribution_rate_per_day: float = 0.02
    """Cyber attribution is slow (assumption: weeks to months)."""
    armed_attack_casualties: int = 1
    """Casualties from which a kinetic attack counts as an armed attack (assumption)."""
    war_casualties: int = 100
    """Casualties from which an armed attack puts the victim in a state of war (assumption)."""
    cyber_armed_attack_damage_musd: float = 1000.0
    """Damage from which a cyber attack is treated as an armed attack (NATO Wales 2014 §72; figure assumed)."""
    cumulative_window_days: float = 30.0
    """Incidents by the same attacker on the same victim within this window add up (ICJ Oil Platforms §64; the
    window is an assumption)."""
    rally_own: float = 20.0
    """Rally (points) after an armed attack on one's own territory or forces (numbers.md §2d: 10-35)."""
    rally_ally: float = 6.0
    """Rally after an armed attack on a treaty ally (assumption, k_ally ≈ 0.3)."""
    rally_half_life_days: float = 120.0
    """Half-life of a rally (numbers.md §2d suggests 3-6 months)."""
    mueller_b: float = 15.0
    """Points lost per tenfold rise in cumulative casualties (Mueller 1973; unconfirmed value)."""
    mueller_c0: float = 100.0
    """Casualty scale of the log term (assumption)."""
    recent_loss_beta: float = 0.05
    """Points per (casualties within the recent-loss window per million people) (assumption)."""
    success_gamma: float = 20.0
    """Points per unit of (expected success − 0.5) (Gelpi, Feaver & Reifler form; value assumed)."""
    alliance_cue: float = 5.0
    """Points when an alliance the state belongs to invokes on its behalf or for an ally (assumption)."""
    autocracy_weight: float = _share(0.3)
    """How much opinion constrains an autocracy's decisions compared with a democracy (assumption)."""
    ops_reserve_share: float = _share(0.05)
    """Share of the annual defence budget available for unplanned operations (assumption)."""
    supplemental_share: float = _share(0.05)
    """Size of a supplemental budget request, as a share of the annual budget (assumption)."""
    supplemental_lag_days: float = 14.0
    """Days a supplemental request takes when the legislature has no lag of its own (assumption)."""
    exhausted_readiness_penalty_days: float = 2.0
    """Extra days to ready for every force of a state whose budget is exhausted (assumption)."""
    defender_bonus: float = 1.5
    """Multiplier on the defender's combat power (assumption in the 1.5-3 rule-of-thumb range)."""
    attrition_rate: float = 0.02
    """Lanchester-style daily attrition coefficient (assumption)."""
    max_daily_loss: float = _share(0.15)
    """No side loses more than this share of its strength in one day (assumption)."""
    combat_noise: float = 0.15
    """Standard deviation of the multiplicative noise on each side's losses (assumption)."""
    control_ratio: float = 1.0
    """An attacker takes a location when its power exceeds the defence × bonus × this ratio (assumption)."""
    invasion_radius_km: float = 600.0
    """Attacker forces within this distance of an invaded location join the assault (assumption)."""
    threat_radius_km: float = 1500.0
    """States whose capital is within this distance of an attack feel threatened (assumption)."""
    kinetic_armed_attack_damage_musd: float = 10.0
    """Damage from which a kinetic attack without casualties counts as an armed attack (assumption)."""

    # Opinion (numbers.md §2d)
    rally_cap: float = 35.0
    """Most points all rallies together can add: the largest rally on record (Gallup, Sep 2001: +35, +39 at
    peak; numbers.md §2d)."""
    recent_loss_window_days: float = 28.0
    """Casualties within this many days count as recent losses (numbers.md §2d: 'last 4 weeks', Gartner-type term)."""
    recent_loss_cap: float = 15.0
    """Most points the recent-loss term can take away (assumption)."""
    opinion_event_points: float = 2.0
    """A change of support of at least this many points is logged as an event (presentation; assumption)."""

    # Budget
    transit_cost_factor: float = 1.5
    """A force in transit costs this many times its daily cost (assumption)."""
    combat_cost_factor: float = 2.0
    """A force that fought this turn costs this many times its daily cost (assumption)."""
    deployment_cost_days: float = 30.0
    """Days of deployment a government wants funded before it deploys (assumption)."""

    # Engagements
    combat_effective_strength: float = _share(0.25)
    """A force below this share of its strength is no longer combat-effective (assumption)."""
    reinforce_radius_factor: float = 3.0
    """An invader reinforces its assault with forces within this many invasion radii (assumption)."""

    # The default policy
    stance_object_below: float = 25.0
    """Below this effective support a government objects to an invocation (assumption)."""
    stance_abstain_below: float = 40.0
    """Below this support a free-rider or neutral government abstains (assumption)."""
    cautious_deploy_margin: float = 10.0
    """A cautious government deploys only with support this many points above its threshold (assumption)."""
    decline_margin: float = 20.0
    """A democracy whose support is more than this many points below its threshold declines to commit forces
    (assumption)."""
    reliable_forces: int = 3
    """Forces a reliable ally sends (assumption)."""
    cautious_forces: int = 1
    """Forces a cautious ally sends (assumption)."""
    approval_autocracy: float = _share(0.97)
    """Chance an autocracy's legislature approves a deployment or a supplemental (assumption)."""
    approval_midpoint_democracy: float = 45.0
    """Support at which a democracy's legislature approves with even odds (logistic; assumption)."""
    approval_midpoint_hybrid: float = 35.0
    """Support at which a hybrid regime's legislature approves with even odds (logistic; assumption)."""
    approval_slope: float = 8.0
    """Points of support that change the odds of approval e-fold (logistic scale; assumption)."""
    difficulty_support_shift: float = 10.0
    """Points added to allies' effective support when they weigh a response at 'easy', taken away at 'hard'
    (assumption)."""

    # The aggressor AI (assumptions, tuned on the bundled scenarios)
    ai_cadence_turns: int = 3
    """The aggressor acts at most once every this many turns (assumption)."""
    ai_horizon_days: float = 7.0
    """How far ahead the aggressor counts arriving defenders (assumption: a week)."""
    ai_probe_limit: float = 3.0
    """Highest deterrence ratio at which the aggressor probes in the gray zone (× boldness; assumption)."""
    ai_limited_limit: float = 1.5
    """Highest deterrence ratio at which it makes a limited strike (× boldness; assumption)."""
    ai_major_limit: float = 0.8
    """Highest deterrence ratio at which it invades (× boldness; assumption)."""
    ai_probe_casualties: int = 0
    """Casualties a gray-zone probe causes (assumption)."""
    ai_limited_casualties: int = 20
    """Casualties a limited strike causes (assumption)."""
    ai_major_casualties: int = 100
    """Casualties an invasion causes on its first day (assumption)."""
    ai_probe_attribution: float = _share(0.6)
    """Attribution confidence of a probe: deniable (assumption)."""
    ai_attribution: float = _share(0.9)
    """Attribution confidence of a strike or an invasion (assumption)."""
    ai_boldness_easy: float = 0.7
    """Multiplier on the rung limits at 'easy' (a timid aggressor; assumption)."""
    ai_boldness_normal: float = 1.0
    """Multiplier on the rung limits at 'normal' (the reference; assumption)."""
    ai_boldness_hard: float = 1.4
    """Multiplier on the rung limits at 'hard' (a bold aggressor; assumption)."""
    ai_halt_ratio: float = 1.2
    """The aggressor halts when the defenders at an invaded place outweigh its forces by more than this
    (assumption)."""
    ai_credibility_reliable: float = _share(0.9)
    """How likely the aggressor thinks a reliable ally is to act (assumption)."""
    ai_credibility_cautious: float = _share(0.6)
    """… a cautious ally (assumption)."""
    ai_credibility_free_rider: float = _share(0.2)
    """… a free-rider (assumption)."""
    ai_credibility_neutral: float = _share(0.1)
    """… a neutral state (assumption)."""
    ai_credibility_aggressor: float = _share(0.0)
    """… another aggressor (assumption)."""
    ai_support_factor_min: float = 0.2
    """Lowest factor a democracy's support (over its threshold) puts on its credibility (assumption)."""
    ai_support_factor_max: float = 1.2
    """Highest such factor (assumption)."""
    ai_exhausted_factor: float = _share(0.5)
    """Credibility factor of an ally whose budget is exhausted (assumption)."""
    ai_prior_approval_factor: float = _share(0.8)
    """Credibility factor of an ally that needs its legislature's consent first (assumption)."""

    def support_shift(self, difficulty: str) -> float:
        """Points added to allies' effective support at ``difficulty`` (easy +, normal 0, hard −)."""
        return {"easy": self.difficulty_support_shift, "hard": -self.difficulty_support_shift}.get(difficulty, 0.0)

    def ai_boldness(self, difficulty: str) -> float:
        """The aggressor AI's multiplier on its rung limits at ``difficulty``."""
        return {"easy": self.ai_boldness_easy, "hard": self.ai_boldness_hard}.get(difficulty, self.ai_boldness_normal)

    def ai_credibility(self, doctrine: Doctrine) -> float:
        """How likely the aggressor AI thinks a state of ``doctrine`` is to act, before support and budget."""
        if doctrine is Doctrine.RELIABLE:
            return self.ai_credibility_reliable
        if doctrine is Doctrine.CAUTIOUS:
            return self.ai_credibility_cautious
        if doctrine is Doctrine.FREE_RIDER:
            return self.ai_credibility_free_rider
        if doctrine is Doctrine.NEUTRAL:
            return self.ai_credibility_neutral
        return self.ai_credibility_aggressor
