"""Choosing the steps of a case from a playbook.

Precedence (documented in docs/response.md and tested):

1. A rule applies when every condition it sets holds for the case; a condition the rule does not set
   matches anything. A size condition (participants, workers) or a flag does not hold when the case
   does not know the value.
2. The ``form`` track gets **one** rule for the case: the most specific applicable one.
   The ``cause`` track gets one rule **per cause** of the case (a case without causes gets one rule chosen
   with the cause unknown, so only rules without a cause condition apply).
3. "Most specific" compares, in this order: the number of conditions set; then which conditions are set,
   by precedence cause > kind > group > size (participants, workers) > flags (contractor, holding,
   union); then narrower code lists (fewer codes listed); then the higher ``priority``; then the rule
   that comes first in the file.
4. The steps of the chosen rules are merged by step code: the first chosen rule that has a code keeps
   it, and the task gets the earliest due date any chosen rule gives for that code.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from labormap.response.playbook import (
    CODE_CONDITIONS,
    FLAG_CONDITIONS,
    NO_CONFLICT,
    SIZE_CONDITIONS,
    Conditions,
    Due,
    Playbook,
    Rule,
    Step,
)


@dataclass(frozen=True, slots=True)
class CaseFacts:
    """What the selection needs to know about a case."""

    kind: str | None  # a conflict kind code; None (or "none") for a case opened before any collective action
    causes: tuple[str, ...] = ()
    group: str | None = None  # participant group code
    participants: int | None = None
    workers: int | None = None  # the employer's headcount
    contractor: bool | None = None
    holding: bool | None = None
    union: bool | None = None

    @property
    def kind_code(self) -> str:
        return self.kind or NO_CONFLICT


def _holds(when: Conditions, facts: CaseFacts, cause: str | None) -> bool:
    if when.kind is not None and facts.kind_code not in when.kind:
        return False
    if when.cause is not None and (cause is None or cause not in when.cause):
        return False
    if when.group is not None and (facts.group is None or facts.group not in when.group):
        return False
    for name, value in (("participants", facts.participants), ("workers", facts.workers)):
        lo, hi = getattr(when, f"{name}_min"), getattr(when, f"{name}_max")
        if (lo is not None or hi is not None) and value is None:
            return False
        if lo is not None and value is not None and value < lo:
            return False
        if hi is not None and value is not None and value > hi:
            return False
    for flag in FLAG_CONDITIONS:
        want = getattr(when, flag)
        if want is not None and getattr(facts, flag) is not want:
            return False
    return True


def specificity(rule: Rule) -> tuple[int, tuple[bool, ...], int, int, int]:
    """Sort key: a larger key is a more specific rule (see the module docstring)."""
    w = rule.when
    set_codes = [getattr(w, c) is not None for c in CODE_CONDITIONS]
    set_size = [getattr(w, c) is not None for c in SIZE_CONDITIONS]
    set_flags = [getattr(w, c) is not None for c in FLAG_CONDITIONS]
    count = sum(set_codes) + sum(set_size) + sum(set_flags)
    presence = (*set_codes, any(set_size), any(set_flags))
    listed = sum(len(getattr(w, c)) for c in CODE_CONDITIONS if getattr(w, c) is not None)
    return (count, presence, -listed, rule.priority, -rule.order)


def best_rule(rules: Sequence[Rule], facts: CaseFacts, cause: str | None) -> Rule | None:
    applicable = [r for r in rules if _holds(r.when, facts, cause)]
    return max(applicable, key=specificity) if applicable else None


@dataclass(frozen=True, slots=True)
class PlannedStep:
    step: Step
    rule_id: str
    also_in: tuple[str, ...] = ()  # other chosen rules that have the same step code
    other_dues: tuple[Due, ...] = ()  # their deadlines: the task takes the earliest date of all

    @property
    def dues(self) -> tuple[Due, ...]:
        return (self.step.due, *self.other_dues)


@dataclass(frozen=True, slots=True)
class Selection:
    playbook: str
    version: int
    form_rule: Rule | None
    cause_rules: tuple[tuple[str | None, Rule], ...]  # (cause, rule) in the order of the case's causes
    steps: tuple[PlannedStep, ...] = field(default=())

    @property
    def rule_ids(self) -> tuple[str, ...]:
        ids: list[str] = []
        for r in ([self.form_rule] if self.form_rule else []) + [r for _, r in self.cause_rules]:
            if r.id not in ids:
                ids.append(r.id)
        return tuple(ids)


def select(playbook: Playbook, facts: CaseFacts) -> Selection:
    """The rules and merged steps the playbook prescribes for a case."""
    form_rules = [r for r in playbook.rules if r.track == "form"]
    cause_rules = [r for r in playbook.rules if r.track == "cause"]
    form = best_rule(form_rules, facts, None)
    chosen_causes: list[tuple[str | None, Rule]] = []
    for cause in facts.causes or (None,):
        r = best_rule(cause_rules, facts, cause)
        if r is not None:
            chosen_causes.append((cause, r))

    merged: dict[str, PlannedStep] = {}
    for rule in ([form] if form else []) + [r for _, r in chosen_causes]:
        for s in rule.steps:
            prev = merged.get(s.code)
            if prev is None:
                merged[s.code] = PlannedStep(s, rule.id)
            elif rule.id != prev.rule_id and rule.id not in prev.also_in:
                merged[s.code] = replace(
                    prev, also_in=(*prev.also_in, rule.id), other_dues=(*prev.other_dues, s.due)
                )
    return Selection(playbook.name, playbook.version, form, tuple(chosen_causes), tuple(merged.values()))
