"""Playbooks («Алгоритм действий», Roadmap items 6 and 10) as versioned YAML definitions.

A playbook is a list of rules. Each rule says *when* it applies (conflict kind, cause, participant group,
size and a few employer flags) and *which steps* follow: the action, the responsible body, the deadline
relative to the opening of the case and the document the step produces. Rules belong to one of two
tracks: ``form`` rules answer the form of the conflict (a strike needs a field group on the same day,
an appeal needs a written answer), ``cause`` rules remove its cause (arrears need an inspector's order
and a repayment schedule). How rules are chosen is in :mod:`labormap.response.selection`.

Definitions are data: the default set ships as ``playbooks/default.yaml``; administrators edit a
playbook as a new version, and the difference between versions is a unified diff of the canonical YAML
(:func:`canonical_yaml`), so reordering keys or changing the quoting in an edit never shows as a change.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field, replace
from importlib import resources
from typing import Any

import yaml

from labormap import i18n
from labormap.reference import CAUSES, CONFLICT_KINDS, PARTICIPANT_GROUPS
from labormap.response.bodies import BODIES

# Kind code of a case opened before any collective action, from a risk alert or a media signal:
# the response is prevention (Roadmap item 10: «предупрежденные конфликты»).
NO_CONFLICT = "none"
TRACKS = ("form", "cause")
LANGS = ("ru", "kk", "en")


class PlaybookError(ValueError):
    """A playbook definition that cannot be used; the message names the place of the error."""


@dataclass(frozen=True, slots=True)
class Text:
    """A text in Russian (required), Kazakh and English (optional; Russian is shown when missing)."""

    ru: str
    kk: str = ""
    en: str = ""

    def get(self, lang: str = "ru") -> str:
        return {"ru": self.ru, "kk": self.kk, "en": self.en}.get(lang) or self.ru

    def to_data(self) -> dict[str, str]:
        return {k: v for k, v in (("ru", self.ru), ("kk", self.kk), ("en", self.en)) if v}


_DUE_RE = re.compile(r"^\s*(\d{1,3})\s*(wd|d)\s*$")


@dataclass(frozen=True, slots=True)
class Due:
    """A deadline relative to a date: ``n`` working days (``3wd``) or calendar days (``3d``)."""

    days: int
    working: bool

    @classmethod
    def parse(cls, text: str | int) -> Due:
        m = _DUE_RE.match(str(text))
        if not m:
            raise PlaybookError(f"deadline {text!r}: write <n>wd (working days) or <n>d (calendar days)")
        return cls(int(m.group(1)), m.group(2) == "wd")

    def __str__(self) -> str:
        return f"{self.days}{'wd' if self.working else 'd'}"

    def describe(self, lang: str = "ru") -> str:
        """``3 рабочих дня`` / ``3 жұмыс күні`` / ``3 working days`` (catalogue, plural by the language)."""
        if self.days == 0:
            return i18n.pgettext("deadline", "same day", lang)
        if self.working:
            text = i18n.npgettext("deadline", "{n} working day", "{n} working days", self.days, lang)
        else:
            text = i18n.npgettext("deadline", "{n} calendar day", "{n} calendar days", self.days, lang)
        return text.format(n=self.days)


@dataclass(frozen=True, slots=True)
class Step:
    code: str
    action: Text
    body: str
    due: Due
    document: Text
    escalate_to: str | None = None  # None: the default chain of labormap.response.bodies

    def to_data(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "code": self.code,
            "action": self.action.to_data(),
            "body": self.body,
            "due": str(self.due),
            "document": self.document.to_data(),
        }
        if self.escalate_to:
            d["escalate_to"] = self.escalate_to
        return d


# Order of the condition fields in the canonical YAML and in the precedence of selection.
CODE_CONDITIONS = ("cause", "kind", "group")
SIZE_CONDITIONS = ("participants_min", "participants_max", "workers_min", "workers_max")
FLAG_CONDITIONS = ("contractor", "holding", "union")


@dataclass(frozen=True, slots=True)
class Conditions:
    cause: tuple[str, ...] | None = None
    kind: tuple[str, ...] | None = None
    group: tuple[str, ...] | None = None
    participants_min: int | None = None
    participants_max: int | None = None
    workers_min: int | None = None
    workers_max: int | None = None
    contractor: bool | None = None  # the employer is a service contractor of a large customer
    holding: bool | None = None  # the employer belongs to a holding group
    union: bool | None = None  # a trade union is present at the employer

    def to_data(self) -> dict[str, Any]:
        d: dict[str, Any] = {}
        for name in (*CODE_CONDITIONS, *SIZE_CONDITIONS, *FLAG_CONDITIONS):
            v = getattr(self, name)
            if v is not None:
                d[name] = list(v) if isinstance(v, tuple) else v
        return d


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    track: str
    title: Text
    when: Conditions
    own_steps: tuple[Step, ...]
    extends: str | None = None
    priority: int = 0
    order: int = 0  # position in the file: the last tie-breaker of selection
    # own steps after the steps of the rule it extends (resolved when the playbook is loaded)
    steps: tuple[Step, ...] = field(default=())

    def to_data(self) -> dict[str, Any]:
        d: dict[str, Any] = {"id": self.id, "track": self.track, "title": self.title.to_data()}
        if self.extends:
            d["extends"] = self.extends
        d["when"] = self.when.to_data()
        if self.priority:
            d["priority"] = self.priority
        d["steps"] = [s.to_data() for s in self.own_steps]
        return d


@dataclass(frozen=True, slots=True)
class Playbook:
    name: str
    version: int
    title: Text
    escalation_grace: Due  # time an escalated task gets at its new body before it escalates again
    rules: tuple[Rule, ...]

    def rule(self, rule_id: str) -> Rule:
        for r in self.rules:
            if r.id == rule_id:
                return r
        raise KeyError(rule_id)

    def to_data(self) -> dict[str, Any]:
        return {
            "playbook": self.name,
            "version": self.version,
            "title": self.title.to_data(),
            "escalation": {"grace": str(self.escalation_grace)},
            "rules": [r.to_data() for r in self.rules],
        }


# --- parsing ---------------------------------------------------------------------------------------
def _text(v: Any, where: str) -> Text:
    if isinstance(v, str) and v.strip():
        return Text(v.strip())
    if isinstance(v, dict):
        unknown = set(v) - set(LANGS)
        if unknown:
            raise PlaybookError(f"{where}: unknown language {sorted(unknown)[0]!r} (use ru, kk, en)")
        ru = v.get("ru")
        if not isinstance(ru, str) or not ru.strip():
            raise PlaybookError(f"{where}: the Russian text (ru) is required")
        return Text(ru.strip(), str(v.get("kk") or "").strip(), str(v.get("en") or "").strip())
    raise PlaybookError(f"{where}: expected a text or {{ru: …, kk: …}}")


def _codes(v: Any, allowed: set[str], where: str) -> tuple[str, ...]:
    items = [v] if isinstance(v, str) else v
    if not isinstance(items, list) or not items:
        raise PlaybookError(f"{where}: expected a code or a non-empty list of codes")
    out: list[str] = []
    for c in items:
        if not isinstance(c, str) or c not in allowed:
            raise PlaybookError(f"{where}: unknown code {c!r}; allowed: {', '.join(sorted(allowed))}")
        if c not in out:
            out.append(c)
    return tuple(out)


def _int(v: Any, where: str) -> int:
    if isinstance(v, bool) or not isinstance(v, int) or v < 0:
        raise PlaybookError(f"{where}: expected a whole number ≥ 0")
    return v


def _conditions(v: Any, where: str) -> Conditions:
    if v is None:
        return Conditions()
    if not isinstance(v, dict):
        raise PlaybookError(f"{where}: expected a mapping of conditions")
    known = {*CODE_CONDITIONS, *SIZE_CONDITIONS, *FLAG_CONDITIONS}
    unknown = set(v) - known
    if unknown:
        raise PlaybookError(
            f"{where}: unknown condition {sorted(unknown)[0]!r}; allowed: {', '.join(sorted(known))}"
        )
    kw: dict[str, Any] = {}
    allowed = {"cause": set(CAUSES), "kind": {*CONFLICT_KINDS, NO_CONFLICT}, "group": set(PARTICIPANT_GROUPS)}
    for name in CODE_CONDITIONS:
        if name in v:
            kw[name] = _codes(v[name], allowed[name], f"{where}.{name}")
    for name in SIZE_CONDITIONS:
        if name in v:
            kw[name] = _int(v[name], f"{where}.{name}")
    for name in FLAG_CONDITIONS:
        if name in v:
            if not isinstance(v[name], bool):
                raise PlaybookError(f"{where}.{name}: expected true or false")
            kw[name] = v[name]
    c = Conditions(**kw)
    for lo, hi in (("participants_min", "participants_max"), ("workers_min", "workers_max")):
        a, b = getattr(c, lo), getattr(c, hi)
        if a is not None and b is not None and a > b:
            raise PlaybookError(f"{where}: {lo} {a} is greater than {hi} {b}")
    return c


def _body(v: Any, where: str) -> str:
    if not isinstance(v, str) or v not in BODIES:
        raise PlaybookError(f"{where}: unknown body {v!r}; allowed: {', '.join(BODIES)}")
    return v


def _step(v: Any, where: str) -> Step:
    if not isinstance(v, dict):
        raise PlaybookError(f"{where}: expected a mapping")
    for req in ("code", "action", "body", "due", "document"):
        if req not in v:
            raise PlaybookError(f"{where}: {req} is required")
    unknown = set(v) - {"code", "action", "body", "due", "document", "escalate_to"}
    if unknown:
        raise PlaybookError(f"{where}: unknown field {sorted(unknown)[0]!r}")
    code = v["code"]
    if not isinstance(code, str) or not re.fullmatch(r"[a-z][a-z0-9_]*", code):
        raise PlaybookError(f"{where}.code: expected a lower-case identifier, got {code!r}")
    try:
        due = Due.parse(v["due"])
    except PlaybookError as e:
        raise PlaybookError(f"{where}.due: {e}") from None
    esc = v.get("escalate_to")
    return Step(
        code=code,
        action=_text(v["action"], f"{where}.action"),
        body=_body(v["body"], f"{where}.body"),
        due=due,
        document=_text(v["document"], f"{where}.document"),
        escalate_to=_body(esc, f"{where}.escalate_to") if esc is not None else None,
    )


def _merge_steps(parent: tuple[Step, ...], own: tuple[Step, ...]) -> tuple[Step, ...]:
    """Parent steps first; an own step with a parent step's code replaces it in place."""
    own_by_code = {s.code: s for s in own}
    merged = [own_by_code.pop(s.code, s) for s in parent]
    return (*merged, *(s for s in own if s.code in own_by_code))


def parse_playbook(data: Any) -> Playbook:
    """Check a playbook definition (already read from YAML) and resolve ``extends``."""
    if not isinstance(data, dict):
        raise PlaybookError("a playbook is a mapping with playbook, version, title and rules")
    for req in ("playbook", "version", "title", "rules"):
        if req not in data:
            raise PlaybookError(f"{req} is required")
    unknown = set(data) - {"playbook", "version", "title", "escalation", "rules"}
    if unknown:
        raise PlaybookError(f"unknown field {sorted(unknown)[0]!r}")
    version = data["version"]
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise PlaybookError("version: expected a whole number ≥ 1")
    esc = data.get("escalation") or {}
    if not isinstance(esc, dict) or set(esc) - {"grace"}:
        raise PlaybookError("escalation: only `grace` (a deadline such as 1wd) may be set")
    try:
        grace = Due.parse(esc.get("grace", "1wd"))
    except PlaybookError as e:
        raise PlaybookError(f"escalation.grace: {e}") from None
    raw_rules = data["rules"]
    if not isinstance(raw_rules, list) or not raw_rules:
        raise PlaybookError("rules: expected a non-empty list")

    rules: list[Rule] = []
    seen: set[str] = set()
    for i, r in enumerate(raw_rules):
        where = f"rules[{i}]"
        if not isinstance(r, dict):
            raise PlaybookError(f"{where}: expected a mapping")
        unknown = set(r) - {"id", "track", "title", "extends", "when", "priority", "steps"}
        if unknown:
            raise PlaybookError(f"{where}: unknown field {sorted(unknown)[0]!r}")
        rid = r.get("id")
        if not isinstance(rid, str) or not re.fullmatch(r"[a-z][a-z0-9_.]*", rid):
            raise PlaybookError(f"{where}.id: expected a lower-case identifier such as cause.wage_arrears")
        where = f"rule {rid}"
        if rid in seen:
            raise PlaybookError(f"{where}: the id is used twice")
        seen.add(rid)
        if r.get("track") not in TRACKS:
            raise PlaybookError(f"{where}.track: expected one of {', '.join(TRACKS)}")
        steps_raw = r.get("steps") or []
        if not isinstance(steps_raw, list):
            raise PlaybookError(f"{where}.steps: expected a list")
        steps = tuple(_step(s, f"{where}.steps[{j}]") for j, s in enumerate(steps_raw))
        codes = [s.code for s in steps]
        if len(set(codes)) != len(codes):
            raise PlaybookError(f"{where}.steps: a step code is used twice")
        prio = r.get("priority", 0)
        if isinstance(prio, bool) or not isinstance(prio, int):
            raise PlaybookError(f"{where}.priority: expected a whole number")
        ext = r.get("extends")
        if ext is not None and not isinstance(ext, str):
            raise PlaybookError(f"{where}.extends: expected a rule id")
        rules.append(
            Rule(
                id=rid,
                track=r["track"],
                title=_text(r.get("title"), f"{where}.title"),
                when=_conditions(r.get("when"), f"{where}.when"),
                own_steps=steps,
                extends=ext,
                priority=prio,
                order=i,
            )
        )

    by_id = {r.id: r for r in rules}
    resolved: dict[str, tuple[Step, ...]] = {}

    def steps_of(rule: Rule, chain: tuple[str, ...]) -> tuple[Step, ...]:
        if rule.id in resolved:
            return resolved[rule.id]
        if rule.id in chain:
            raise PlaybookError(f"rule {rule.id}: extends forms a cycle ({' → '.join((*chain, rule.id))})")
        if rule.extends is None:
            out = rule.own_steps
        else:
            parent = by_id.get(rule.extends)
            if parent is None:
                raise PlaybookError(f"rule {rule.id}.extends: no rule {rule.extends!r}")
            if parent.track != rule.track:
                raise PlaybookError(f"rule {rule.id}.extends: {parent.id} is in another track")
            out = _merge_steps(steps_of(parent, (*chain, rule.id)), rule.own_steps)
        resolved[rule.id] = out
        return out

    final = []
    for r in rules:
        steps = steps_of(r, ())
        if not steps:
            raise PlaybookError(f"rule {r.id}: no steps")
        final.append(replace(r, steps=steps))
    return Playbook(
        name=str(data["playbook"]),
        version=version,
        title=_text(data["title"], "title"),
        escalation_grace=grace,
        rules=tuple(final),
    )


def load_playbook_text(text: str) -> Playbook:
    """Parse a playbook from YAML text; any problem is a :class:`PlaybookError` naming where it is."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as e:
        raise PlaybookError(f"not valid YAML: {e}") from None
    return parse_playbook(data)


def default_playbook() -> Playbook:
    """The shipped default set (``labormap/response/playbooks/default.yaml``)."""
    return load_playbook_text(default_playbook_text())


def default_playbook_text() -> str:
    return resources.files("labormap.response").joinpath("playbooks/default.yaml").read_text(encoding="utf-8")


# --- canonical form, versions and diffs ------------------------------------------------------------
def canonical_yaml(playbook: Playbook) -> str:
    """The playbook as YAML with a fixed key order and style: equal playbooks give equal text.

    Texts are never wrapped, so a changed text is one changed line in a diff.
    """
    return yaml.safe_dump(playbook.to_data(), allow_unicode=True, sort_keys=False, width=4096, indent=2)


def playbook_diff(old: Playbook, new: Playbook) -> str:
    """Unified diff between the canonical YAML of two versions (empty when nothing changed)."""
    a = canonical_yaml(replace(old, version=0)).splitlines(keepends=True)
    b = canonical_yaml(replace(new, version=0)).splitlines(keepends=True)
    return "".join(
        difflib.unified_diff(a, b, f"{old.name} v{old.version}", f"{new.name} v{new.version}", n=2)
    )


@dataclass(frozen=True, slots=True)
class NewVersion:
    playbook: Playbook
    canonical: str
    diff: str


def new_version(current: Playbook, edited_text: str) -> NewVersion:
    """An administrator's edit of ``current`` as the next version, with the diff to keep.

    The version number in the edited text is ignored: a new version always follows the current one, and
    an edit that changes nothing is refused (there would be nothing to keep).
    """
    edited = load_playbook_text(edited_text)
    edited = replace(edited, version=current.version + 1)
    if edited.name != current.name:
        raise PlaybookError(f"the playbook name changed from {current.name!r} to {edited.name!r}")
    diff = playbook_diff(current, edited)
    if not diff:
        raise PlaybookError("the edit changes nothing")
    return NewVersion(edited, canonical_yaml(edited), diff)
