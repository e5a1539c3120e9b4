"""The phases of a turn (DESIGN §4), one module each, run in this order by :func:`wargame.engine.resolve_turn`.

1. :mod:`.injects`      scheduled and ad-hoc attacks, the aggressor AI's move, facilitator notes;
   :mod:`.overrides`    white-cell overrides are recorded (each takes effect in the phase that owns the value);
2. :mod:`.assessment`   requests and consultations, attribution, gravity taken cumulatively;
3. :mod:`.verdicts`     every treaty article's verdict on every open attack;
4. :mod:`.alliance`     stances and decision rules: invoked, blocked or pending;
5. :mod:`.national`     each state's response: seats' decisions, then the default policy
                        (:mod:`.guarantors` for a guarantor's response under a triggered article);
6. :mod:`.movement`     readiness counts down, forces travel and arrive;
7. :mod:`.engagements`  fighting where an invasion is contested: losses and control;
8. :mod:`.approvals`    legislative votes (deployments, supplemental budgets);
   :mod:`.budget`       costs of readiness, transit and combat; exhaustion;
   :mod:`.opinion`      public support, term by term;
9. :mod:`.end`          end conditions.

Each phase is plain functions of a :class:`~.context.TurnContext`: the scenario, the world being changed,
the turn, its date, the seed, the commands, the seats and the event log.
"""
