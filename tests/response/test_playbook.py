from __future__ import annotations

import pytest
import yaml

from labormap.reference import CAUSES, CONFLICT_KINDS
from labormap.response import (
    BODIES,
    NO_CONFLICT,
    PlaybookError,
    canonical_yaml,
    default_playbook,
    load_playbook_text,
    new_version,
    playbook_diff,
)
from labormap.response.playbook import Due, default_playbook_text

MINI = """
playbook: mini
version: 3
title: Мини
rules:
  - id: form.base
    track: form
    title: База
    steps:
      - {code: a, action: Действие А, body: mio, due: 1wd, document: Справка}
  - id: form.child
    track: form
    extends: form.base
    title: {ru: Потомок, kk: Ұрпақ}
    when: {kind: strike}
    steps:
      - {code: a, action: Заменённое А, body: mtszn, due: 0wd, document: Справка}
      - {code: b, action: Действие Б, body: union, due: 3d, document: Протокол}
"""


def test_default_set_covers_every_kind_and_cause_by_name() -> None:
    pb = default_playbook()
    named_kinds = {k for r in pb.rules if r.track == "form" and r.when.kind for k in r.when.kind}
    named_causes = {c for r in pb.rules if r.track == "cause" and r.when.cause for c in r.when.cause}
    assert named_kinds >= {*CONFLICT_KINDS, NO_CONFLICT}
    assert named_causes >= set(CAUSES)


def test_default_steps_are_complete_and_bilingual() -> None:
    pb = default_playbook()
    for r in pb.rules:
        assert r.title.kk and r.title.en, r.id
        for s in r.steps:
            assert s.body in BODIES
            assert s.action.ru and s.action.kk and s.action.en, (r.id, s.code)
            assert s.document.ru and s.document.kk and s.document.en, (r.id, s.code)
    # every responsible body of the issue appears somewhere in the default set
    # (the police and the enforcement officers take tasks only from reconciliation acts, issue 13)
    assert {s.body for r in pb.rules for s in r.steps} == set(BODIES) - {"police", "enforcement"}


def test_extends_puts_parent_steps_first_and_replaces_by_code() -> None:
    pb = load_playbook_text(MINI)
    child = pb.rule("form.child")
    assert [s.code for s in child.steps] == ["a", "b"]
    assert child.steps[0].action.ru == "Заменённое А" and child.steps[0].body == "mtszn"
    assert child.steps[1].due == Due(3, False)
    assert child.when.kind == ("strike",)  # a single code is accepted as a list of one


@pytest.mark.parametrize(
    ("mutation", "message"),
    [
        (lambda d: d["rules"][0]["steps"][0].update(body="prosecutor"), "unknown body 'prosecutor'"),
        (lambda d: d["rules"][0]["steps"][0].update(due="3 weeks"), "deadline"),
        (lambda d: d["rules"][1].update(when={"kind": ["picnic"]}), "unknown code 'picnic'"),
        (
            lambda d: d["rules"][1].update(when={"cause": ["wage_arrears"], "colour": "red"}),
            "unknown condition",
        ),
        (lambda d: d["rules"][1].update(extends="form.nope"), "no rule 'form.nope'"),
        (lambda d: d["rules"][0].update(extends="form.child"), "cycle"),
        (lambda d: d["rules"][1].update(id="form.base"), "used twice"),
        (lambda d: d["rules"][1].update(when={"workers_min": 200, "workers_max": 100}), "greater than"),
        (lambda d: d["rules"][0]["steps"][0].pop("document"), "document is required"),
        (lambda d: d["rules"][0].update(track="other"), "track"),
        (lambda d: d["rules"][0]["steps"][0].update(action={"kk": "тек қазақша"}), "Russian text"),
    ],
)
def test_bad_definitions_are_refused_with_the_place(mutation, message) -> None:
    data = yaml.safe_load(MINI)
    mutation(data)
    with pytest.raises(PlaybookError, match=message):
        load_playbook_text(yaml.safe_dump(data, allow_unicode=True))


def test_not_yaml_is_a_clear_error() -> None:
    with pytest.raises(PlaybookError, match="not valid YAML"):
        load_playbook_text("rules: [unclosed")


def test_canonical_yaml_round_trips_and_ignores_style() -> None:
    pb = default_playbook()
    text = canonical_yaml(pb)
    assert load_playbook_text(text) == pb
    assert canonical_yaml(load_playbook_text(text)) == text
    # the shipped file is written in flow style with comments; its canonical form is still the same playbook
    assert default_playbook_text() != text


def test_new_version_keeps_a_diff_of_the_change_only() -> None:
    current = default_playbook()
    data = yaml.safe_load(canonical_yaml(current))
    # reorder keys and change one deadline: only the deadline shows in the diff
    rule = next(r for r in data["rules"] if r["id"] == "cause.wage_arrears")
    rule["steps"][1]["due"] = "2wd"
    data = {k: data[k] for k in reversed(list(data))}
    nv = new_version(current, yaml.safe_dump(data, allow_unicode=True, sort_keys=True))
    assert nv.playbook.version == current.version + 1
    changed = [ln for ln in nv.diff.splitlines() if ln[:1] in "+-" and not ln.startswith(("+++", "---"))]
    assert changed == ["-    due: 3wd", "+    due: 2wd"]
    assert f"v{current.version + 1}" in nv.diff
    assert load_playbook_text(nv.canonical).rule("cause.wage_arrears").steps[1].due == Due(2, True)


def test_an_edit_that_changes_nothing_is_refused() -> None:
    current = default_playbook()
    with pytest.raises(PlaybookError, match="changes nothing"):
        new_version(current, canonical_yaml(current))
    assert playbook_diff(current, current) == ""


def test_due_parsing_and_words() -> None:
    assert Due.parse("5wd") == Due(5, True)
    assert Due.parse(" 15d ") == Due(15, False)
    assert str(Due(2, True)) == "2wd"
    assert Due(1, True).describe() == "1 рабочий день"
    assert Due(3, True).describe() == "3 рабочих дня"
    assert Due(11, False).describe() == "11 календарных дней"
    assert Due(0, True).describe() == "в день открытия"
