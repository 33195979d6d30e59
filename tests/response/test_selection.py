from __future__ import annotations

import itertools

import pytest

from labormap.reference import CAUSES, CONFLICT_KINDS, PARTICIPANT_GROUPS
from labormap.response import NO_CONFLICT, CaseFacts, default_playbook, load_playbook_text, select
from labormap.response.selection import specificity

PB = default_playbook()


@pytest.mark.parametrize(
    ("kind", "cause", "group"),
    list(itertools.product([*CONFLICT_KINDS, NO_CONFLICT], CAUSES, [*PARTICIPANT_GROUPS, None])),
)
def test_every_combination_gets_a_rule_for_its_kind_and_its_cause(
    kind: str, cause: str, group: str | None
) -> None:
    sel = select(PB, CaseFacts(kind, (cause,), group, participants=20, workers=50))
    assert (
        sel.form_rule is not None and sel.form_rule.when.kind is not None and kind in sel.form_rule.when.kind
    )
    [(c, rule)] = sel.cause_rules
    assert c == cause and rule.when.cause == (cause,)
    assert sel.steps, "a plan without steps"


def test_wage_arrears_at_a_large_contractor_gets_the_specific_rule() -> None:
    big = select(PB, CaseFacts("strike", ("wage_arrears",), "contractor_staff", participants=60, workers=150))
    small = select(
        PB, CaseFacts("strike", ("wage_arrears",), "contractor_staff", participants=60, workers=80)
    )
    own = select(PB, CaseFacts("strike", ("wage_arrears",), "own_staff", participants=60, workers=150))
    assert big.cause_rules[0][1].id == "cause.wage_arrears.contractor_large"
    assert small.cause_rules[0][1].id == "cause.wage_arrears.contractor"
    assert own.cause_rules[0][1].id == "cause.wage_arrears"
    codes = {ps.step.code for ps in big.steps}
    # the specific rule adds steps and keeps those of the rules it extends
    assert {"arrears_inspection", "customer_settlement", "mio_hearing", "ministry_control"} <= codes
    assert "mio_hearing" not in {ps.step.code for ps in small.steps}


def test_unknown_size_does_not_satisfy_a_size_condition() -> None:
    sel = select(
        PB, CaseFacts("strike", ("wage_arrears",), "contractor_staff", participants=None, workers=None)
    )
    assert sel.cause_rules[0][1].id == "cause.wage_arrears.contractor"
    assert sel.form_rule is not None and sel.form_rule.id == "form.stoppage"


def test_participants_threshold_is_more_than_100() -> None:
    at = select(PB, CaseFacts("work_stoppage", ("wage_level",), "own_staff", participants=100))
    above = select(PB, CaseFacts("work_stoppage", ("wage_level",), "own_staff", participants=101))
    assert at.form_rule is not None and at.form_rule.id == "form.stoppage"
    assert above.form_rule is not None and above.form_rule.id == "form.stoppage.large"


def test_one_cause_rule_per_cause_and_steps_merged_by_code() -> None:
    sel = select(PB, CaseFacts("rally", ("wage_arrears", "working_conditions", "layoffs"), "own_staff"))
    assert [c for c, _ in sel.cause_rules] == ["wage_arrears", "working_conditions", "layoffs"]
    codes = [ps.step.code for ps in sel.steps]
    assert len(codes) == len(set(codes))
    assert codes[0] == "rapid_info"  # the form rule's steps come first


def test_a_case_without_causes_uses_the_fallback() -> None:
    sel = select(PB, CaseFacts(None, ()))
    assert sel.form_rule is not None and sel.form_rule.id == "form.prevention"
    assert [r.id for _, r in sel.cause_rules] == ["cause.any"]


PRECEDENCE = """
playbook: p
version: 1
title: P
rules:
  - id: by_group
    track: cause
    title: G
    when: {group: contractor_staff, kind: strike}
    steps: [{code: g, action: g, body: mio, due: 1wd, document: d}]
  - id: by_cause
    track: cause
    title: C
    when: {cause: wage_arrears, kind: strike}
    steps: [{code: c, action: c, body: mio, due: 1wd, document: d}]
  - id: wide
    track: cause
    title: W
    when: {cause: [wage_arrears, layoffs], group: contractor_staff, kind: [strike, rally]}
    steps: [{code: w, action: w, body: mio, due: 1wd, document: d}]
  - id: narrow
    track: cause
    title: N
    when: {cause: [wage_arrears], group: contractor_staff, kind: [strike]}
    steps: [{code: n, action: n, body: mio, due: 1wd, document: d}]
  - id: first
    track: cause
    title: F
    when: {cause: layoffs, holding: true}
    steps: [{code: f, action: f, body: mio, due: 1wd, document: d}]
  - id: second
    track: cause
    title: S
    when: {cause: layoffs, holding: true}
    steps: [{code: s, action: s, body: mio, due: 1wd, document: d}]
  - id: boosted
    track: cause
    title: B
    priority: 1
    when: {cause: layoffs, contractor: true}
    steps: [{code: b, action: b, body: mio, due: 1wd, document: d}]
"""


def _winner(facts: CaseFacts) -> str:
    pb = load_playbook_text(PRECEDENCE)
    return select(pb, facts).cause_rules[0][1].id


def test_precedence_count_then_cause_over_group_then_narrower_lists() -> None:
    # two conditions each: cause beats group
    assert _winner(CaseFacts("strike", ("wage_arrears",), "own_staff")) == "by_cause"
    assert _winner(CaseFacts("strike", ("layoffs",), "contractor_staff")) == "wide"
    # three conditions beat two; among three, fewer listed codes win
    assert _winner(CaseFacts("strike", ("wage_arrears",), "contractor_staff")) == "narrow"
    assert _winner(CaseFacts("rally", ("wage_arrears",), "contractor_staff")) == "wide"


def test_precedence_priority_then_file_order() -> None:
    assert _winner(CaseFacts("rally", ("layoffs",), "own_staff", holding=True)) == "first"
    assert _winner(CaseFacts("rally", ("layoffs",), "own_staff", holding=True, contractor=True)) == "boosted"
    pb = load_playbook_text(PRECEDENCE)
    assert specificity(pb.rule("first")) > specificity(pb.rule("second"))


def test_causes_from_risk_reasons() -> None:
    from labormap.response.causes import REASON_CAUSES, causes_from_reasons

    assert set(REASON_CAUSES.values()) <= set(CAUSES)
    assert causes_from_reasons(
        ["media", "late_contributions", "wage_arrears", "reduction_share_12m", "pay_gap", "below_tariff"]
    ) == ("wage_arrears", "layoffs", "pay_gap")
    assert causes_from_reasons(["past_conflicts", "survey"]) == ()
    # the causes found choose the cause rules of a prevention case
    sel = select(PB, CaseFacts(None, causes_from_reasons(["headcount_drop", "arrears_cases_3y"])))
    assert [r.id for _, r in sel.cause_rules] == ["cause.layoffs", "cause.wage_arrears"]
