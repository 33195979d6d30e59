"""What the case pages do, kept apart from the views: opening a case from the playbook, recording changes
with their history, completing and escalating tasks, measures, hearings, playbook versions, reports.

Every function that reads employers is given already-scoped querysets or employers by the views; the
report scope comes from :func:`report_scope`, which uses the project's scope module and nothing else.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import transaction
from django.db.models import Max, QuerySet

from labormap import levels as risk_levels
from labormap.response import (
    CaseFacts,
    HearingCandidate,
    HearingDecision,
    HearingProposal,
    Playbook,
    TaskState,
    default_playbook,
    escalation_for,
    follow_up_tasks,
    load_playbook_text,
    new_version,
    plan_tasks,
    propose_hearings,
    select,
)
from labormap.response import CaseRecord as EngineCase
from labormap.response import Measure as EngineMeasure
from labormap.response.playbook import Due, canonical_yaml
from labormap.response.tasks import TaskSpec
from labormap.web.accounts.scope import profile_of, scope_of, scoped_employers, sees_country
from labormap.web.cases.models import (
    Case,
    CaseEvent,
    CaseLink,
    Escalation,
    Hearing,
    HearingEmployer,
    Measure,
    PlaybookVersion,
    Task,
)
from labormap.web.cases.models import HearingDecision as DecisionRow
from labormap.web.employers.models import ContractorLink, Employer

PLAYBOOK = "default"
# the fields of a case whose changes go into its history
TRACKED = (
    "kind",
    "causes",
    "participant_group",
    "participants",
    "demands",
    "started_on",
    "opened_on",
    "status",
    "outcome",
    "closed_on",
)
WRITE_ROLES = {"ministry_admin", "analyst", "inspector", "akimat", "union", "association", "holding"}
HEARING_ROLES = {"ministry_admin", "analyst", "inspector", "akimat"}


def can_write(user: Any) -> bool:
    p = profile_of(user)
    return p is not None and p.role in WRITE_ROLES


def can_hear(user: Any) -> bool:
    p = profile_of(user)
    return p is not None and p.role in HEARING_ROLES


def _username(user: Any) -> str:
    return user.get_username() if user is not None and getattr(user, "is_authenticated", False) else ""


def _event(
    case: Case, action: str, user: Any, changes: dict[str, Any] | None = None, note: str = ""
) -> CaseEvent:
    return CaseEvent.objects.create(
        case=case,
        action=action,
        user=user if _username(user) else None,
        username=_username(user),
        changes=changes or {},
        note=note,
    )


def _plain(v: Any) -> Any:
    return v.isoformat() if isinstance(v, dt.date) else v


# --- playbook versions -----------------------------------------------------------------------------
_parsed: dict[tuple[int, int, int], Playbook] = {}


def current_playbook() -> tuple[PlaybookVersion, Playbook]:
    """The latest version (the shipped default set is stored as the first version when none exists)."""
    pv = PlaybookVersion.objects.filter(name=PLAYBOOK).order_by("-version").first()
    if pv is None:
        pb = default_playbook()
        pv, _created = PlaybookVersion.objects.get_or_create(
            name=PLAYBOOK,
            version=pb.version,
            defaults={"text": canonical_yaml(pb), "comment": "Базовый набор LaborMap"},
        )
    # parsed once per stored version (keyed by its text too: a rolled-back id can come back with other text)
    key = (pv.pk, pv.version, hash(pv.text))
    if key not in _parsed:
        _parsed[key] = load_playbook_text(pv.text)
    return pv, _parsed[key]


def save_playbook_edit(text: str, user: Any, comment: str = "") -> PlaybookVersion:
    """Store an administrator's edit as the next version with its diff (PlaybookError when invalid)."""
    with transaction.atomic():
        _cur, pb = current_playbook()
        nv = new_version(pb, text)
        return PlaybookVersion.objects.create(
            name=PLAYBOOK,
            version=nv.playbook.version,
            text=nv.canonical,
            diff=nv.diff,
            comment=comment,
            author=user,
        )


# --- cases -----------------------------------------------------------------------------------------
def facts_of(case: Case) -> CaseFacts:
    e: Employer = case.employer
    contractor = ContractorLink.objects.filter(contractor_bin=e.bin).exists()
    return CaseFacts(
        kind=case.kind,
        causes=tuple(case.cause_list()),
        group=case.participant_group or None,
        participants=case.participants,
        workers=e.headcount,
        contractor=contractor,
        holding=bool(e.holding),
        union=e.union_present,
    )


def _create_tasks(case: Case, specs: Sequence[TaskSpec], start_seq: int = 0) -> list[Task]:
    return Task.objects.bulk_create(
        [
            Task(
                case=case,
                employer_id=case.employer_id,
                seq=start_seq + i,
                code=s.code,
                rule_id=s.rule_id,
                action_ru=s.action.ru,
                action_kk=s.action.kk,
                document_ru=s.document.ru,
                document_kk=s.document.kk,
                body=s.body,
                assigned_body=s.body,
                escalate_to=s.escalate_to or "",
                due_on=s.due_on,
                current_due_on=s.due_on,
            )
            for i, s in enumerate(specs)
        ]
    )


def open_case(
    *,
    employer: Employer,
    kind: str,
    causes: Iterable[str],
    user: Any,
    source: str = "manual",
    participant_group: str = "",
    participants: int | None = None,
    demands: str = "",
    started_on: dt.date | None = None,
    opened_on: dt.date | None = None,
    links: Iterable[dict[str, Any]] = (),
) -> Case:
    """Open a case and create its dated tasks from the current playbook version."""
    pv, pb = current_playbook()
    with transaction.atomic():
        case = Case.objects.create(
            employer=employer,
            kind=kind,
            causes=";".join(causes),
            participant_group=participant_group,
            participants=participants,
            demands=demands,
            started_on=started_on,
            opened_on=opened_on or dt.date.today(),
            source=source,
            created_by=user if _username(user) else None,
            playbook_name=pv.name,
            playbook_version=pv.version,
        )
        sel = select(pb, facts_of(case))
        case.rules = list(sel.rule_ids)
        case.save(update_fields=["rules"])
        tasks = _create_tasks(case, plan_tasks(sel, case.opened_on))
        for link in links:
            CaseLink.objects.get_or_create(
                case=case,
                kind=link["kind"],
                ref=link["ref"],
                defaults={k: v for k, v in link.items() if k not in ("kind", "ref")},
            )
        _event(
            case,
            "opened",
            user,
            {f: [None, _plain(getattr(case, f))] for f in TRACKED if getattr(case, f)},
            note=f"{pv.name} v{pv.version}: {', '.join(sel.rule_ids)}; задач: {len(tasks)}",
        )
    return case


def update_case(case: Case, data: dict[str, Any], user: Any, note: str = "") -> dict[str, list[Any]]:
    """Apply changed fields and record them; when the facts that choose the playbook rules change, steps
    the new rules add become tasks counted from today (tasks already created stay)."""
    changes: dict[str, list[Any]] = {}
    for f in TRACKED:
        if f in data and data[f] != getattr(case, f):
            changes[f] = [_plain(getattr(case, f)), _plain(data[f])]
            setattr(case, f, data[f])
    if not changes:
        return changes
    with transaction.atomic():
        case.save()
        _event(case, "changed", user, changes, note)
        if {"kind", "causes", "participant_group", "participants"} & set(
            changes
        ) and case.status == Case.OPEN:
            pv, pb = current_playbook()
            sel = select(pb, facts_of(case))
            have = set(case.tasks.values_list("code", flat=True))
            new = [s for s in plan_tasks(sel, dt.date.today()) if s.code not in have]
            if new:
                _create_tasks(case, new, start_seq=case.tasks.count())
                _event(
                    case,
                    "replanned",
                    user,
                    {"tasks": [None, [s.code for s in new]]},
                    note=f"{pv.name} v{pv.version}: {', '.join(sel.rule_ids)}",
                )
            case.rules = sorted(set(case.rules) | set(sel.rule_ids))
            case.save(update_fields=["rules"])
    return changes


def close_case(case: Case, outcome: str, closed_on: dt.date, user: Any, note: str = "") -> None:
    """Close the case; its tasks still open are cancelled with it (they would otherwise stay open and
    overdue in every list and count), and recorded in the history."""
    with transaction.atomic():
        update_case(case, {"status": Case.CLOSED, "outcome": outcome, "closed_on": closed_on}, user, note)
        open_tasks = case.tasks.filter(status=Task.OPEN)
        codes = list(open_tasks.values_list("code", flat=True))
        if codes:
            open_tasks.update(status=Task.CANCELLED, done_on=closed_on)
            _event(case, "tasks_cancelled", user, {"tasks": [len(codes), 0]})


def reopen_case(case: Case, user: Any) -> None:
    """Reopen the case; the tasks cancelled when it was closed are open again."""
    with transaction.atomic():
        update_case(case, {"status": Case.OPEN, "outcome": "ongoing", "closed_on": None}, user)
        n = case.tasks.filter(status=Task.CANCELLED).update(status=Task.OPEN, done_on=None)
        if n:
            _event(case, "tasks_reopened", user, {"tasks": [0, n]})


def complete_task(task: Task, user: Any, document_ref: str = "", on: dt.date | None = None) -> None:
    with transaction.atomic():
        task.status, task.done_on, task.done_by, task.document_ref = (
            Task.DONE,
            on or dt.date.today(),
            user,
            document_ref,
        )
        task.save()
        if task.case is not None:
            _event(task.case, "task_done", user, {"task": [task.code, task.document_ref]})


def run_escalations(today: dt.date, tasks: QuerySet[Task] | None = None) -> list[Escalation]:
    """Escalate every open overdue task once (see labormap.response.tasks); returns what was done."""
    _pv, pb = current_playbook()
    qs = (tasks if tasks is not None else Task.objects.all()).filter(
        status=Task.OPEN, current_due_on__lt=today
    )
    qs = qs.exclude(case__status=Case.CLOSED).select_related("employer", "case")
    done: list[Escalation] = []
    for task in qs:
        state = TaskState(
            task.assigned_body, task.current_due_on, False, task.level, task.escalate_to or None
        )
        e = escalation_for(
            state, today, has_holding=bool(getattr(task.employer, "holding", "")), grace=pb.escalation_grace
        )
        if e is None:
            continue
        with transaction.atomic():
            task.assigned_body, task.level, task.current_due_on = e.to_body, e.level, e.due_on
            task.save(update_fields=["assigned_body", "level", "current_due_on"])
            done.append(
                Escalation.objects.create(
                    task=task,
                    on=today,
                    from_body=e.from_body,
                    to_body=e.to_body,
                    level=e.level,
                    due_on=e.due_on,
                    overdue_days=e.overdue_days,
                    at_top=e.at_top,
                )
            )
            if task.case is not None:
                _event(task.case, "escalated", None, {"task": [task.code, e.to_body]}, note=e.message())
    return done


def add_measure(
    *,
    employer: Employer,
    kind: str,
    taken_on: dt.date,
    user: Any,
    body: str = "",
    case: Case | None = None,
    hearing: Hearing | None = None,
    note: str = "",
) -> Measure:
    m = Measure.objects.create(
        employer=employer,
        kind=kind,
        taken_on=taken_on,
        body=body,
        case=case,
        hearing=hearing,
        note=note,
        created_by=user if _username(user) else None,
    )
    if case is not None:
        _event(case, "measure", user, {"measure": [None, kind]}, note=note)
    return m


def measure_summary(user: Any, start: dt.date, end: dt.date) -> Any:
    """The measures-taken figures of the user's scope for [start, end], with the risk levels taken from the
    published score history (labormap.response.summarise defines the figures)."""
    from labormap.response import summarise
    from labormap.response.measures import needed_snapshots
    from labormap.web.employers.models import ScoreHistory

    bins = frozenset(scoped_employers(user).values_list("bin", flat=True)) if not sees_country(user) else None
    ms, cs = engine_measures(bins), engine_cases(bins)
    in_period = [m for m in ms if start <= m.taken_on <= end]
    measured = {m.employer_bin for m in in_period}
    dates = sorted(set(ScoreHistory.objects.values_list("as_of", flat=True).distinct()))
    need = needed_snapshots(in_period, dates, end)
    levels: dict[dt.date, dict[str, str]] = {d: {} for d in need}
    for row in (
        ScoreHistory.objects.filter(as_of__in=need, employer_id__in=measured)
        .values_list("as_of", "employer_id", "level")
        .iterator()
    ):
        levels[row[0]][row[1]] = row[2]
    return summarise(ms, cs, levels, start, end)


# --- hearings --------------------------------------------------------------------------------------
def last_heard(bins: Iterable[str] | None = None) -> dict[str, dt.date]:
    qs = HearingEmployer.objects.filter(hearing__status=Hearing.HELD)
    if bins is not None:
        qs = qs.filter(employer_id__in=list(bins))
    return {
        r["employer_id"]: r["last"]
        for r in qs.values("employer_id").annotate(last=Max("hearing__held_on"))
        if r["last"]
    }


def hearing_proposals(
    user: Any,
    as_of: dt.date,
    per_region: int = 5,
    regions: Sequence[str] | None = None,
    cooldown_days: int = 180,
    lang: str = "ru",
) -> dict[str, list[HearingProposal]]:
    """Per region of the user's scope, the high-risk employers to propose for a hearing."""
    emp = scoped_employers(user).filter(level=risk_levels.HIGH)
    if regions:
        emp = emp.filter(region__in=list(regions))
    rows = list(emp.values("bin", "name", "name_kk", "region", "score", "level", "score_change", "reasons"))
    bins = [r["bin"] for r in rows]
    conflict = set(
        Case.objects.filter(employer_id__in=bins, status=Case.OPEN)
        .exclude(kind="none")
        .values_list("employer_id", flat=True)
    )
    cands = [
        HearingCandidate(
            r["bin"],
            (r["name_kk"] if lang == "kk" and r["name_kk"] else r["name"]),
            r["region"],
            r["score"] or 0.0,
            r["level"] or "",
            r["score_change"],
            tuple(str(x.get(f"text_{lang}") or x.get("text_ru") or "") for x in (r["reasons"] or [])[:3]),
            r["bin"] in conflict,
        )
        for r in rows
    ]
    return propose_hearings(
        cands, last_heard(bins), as_of, per_region=per_region, cooldown_days=cooldown_days
    )


def create_hearing(region: str, planned_on: dt.date, employers: Sequence[Employer], user: Any) -> Hearing:
    with transaction.atomic():
        h = Hearing.objects.create(region=region, planned_on=planned_on, created_by=user)
        HearingEmployer.objects.bulk_create(
            [
                HearingEmployer(hearing=h, employer=e, rank=i + 1, score=e.score, level=e.level or "")
                for i, e in enumerate(employers)
            ]
        )
    return h


def record_hearing(h: Hearing, held_on: dt.date, protocol_no: str, protocol: str, user: Any) -> None:
    """Mark the sitting held; every employer heard gets a ``hearing`` measure (once)."""
    with transaction.atomic():
        h.status, h.held_on, h.protocol_no, h.protocol = Hearing.HELD, held_on, protocol_no, protocol
        h.save()
        for he in h.employers.select_related("employer"):
            if not Measure.objects.filter(hearing=h, employer_id=he.employer_id, kind="hearing").exists():
                add_measure(
                    employer=he.employer,
                    kind="hearing",
                    taken_on=held_on,
                    body="mio",
                    hearing=h,
                    user=user,
                    note=f"Протокол № {protocol_no}" if protocol_no else "",
                )


def add_decision(
    h: Hearing, employer: Employer, text: str, body: str, due_days: int, user: Any
) -> DecisionRow:
    """A decision of the protocol and its follow-up task, due ``due_days`` working days after the sitting."""
    held = h.held_on or h.planned_on
    [spec] = follow_up_tasks([HearingDecision(text, body, Due(due_days, True))], held)
    with transaction.atomic():
        n = h.tasks.count()
        task = Task.objects.create(
            hearing=h,
            employer=employer,
            seq=n,
            code=f"hearing_{h.pk}_{n + 1}",
            rule_id="hearing",
            action_ru=text,
            document_ru=spec.document.ru,
            document_kk=spec.document.kk,
            body=body,
            assigned_body=body,
            due_on=spec.due_on,
            current_due_on=spec.due_on,
        )
        return DecisionRow.objects.create(
            hearing=h, employer=employer, text=text, body=body, due_days=due_days, task=task
        )


# --- reports ---------------------------------------------------------------------------------------
def report_scope(user: Any) -> Any:
    """The user's scope as a report scope: the same :class:`labormap.scope.Scope` the pages use, which the
    report resolves on the warehouse with the Scope's SQL adapter."""
    from labormap.reports.scope import ReportScope

    p = profile_of(user)
    access = scope_of(user)
    org = p.organisation.name if p is not None and p.organisation else ""
    return ReportScope.for_access(
        access, label=org or "Предприятия в доступе", label_kk=org or "Қолжетімді кәсіпорындар"
    )


def engine_measures(bins: frozenset[str] | None) -> list[EngineMeasure]:
    qs = Measure.objects.all()
    if bins is not None:
        qs = qs.filter(employer_id__in=bins)
    return [
        EngineMeasure(
            m["employer_id"],
            m["kind"],
            m["taken_on"],
            m["body"] or None,
            str(m["case_id"]) if m["case_id"] else None,
            str(m["pk"]),
        )
        for m in qs.values("pk", "employer_id", "kind", "taken_on", "body", "case_id").iterator()
    ]


def engine_cases(bins: frozenset[str] | None) -> list[EngineCase]:
    qs = Case.objects.all()
    if bins is not None:
        qs = qs.filter(employer_id__in=bins)
    return [
        EngineCase(
            str(c["pk"]),
            c["employer_id"],
            c["opened_on"],
            c["closed_on"] if c["status"] == Case.CLOSED else None,
            c["outcome"],
            None if c["kind"] == "none" else c["kind"],
        )
        for c in qs.values(
            "pk", "employer_id", "opened_on", "closed_on", "status", "outcome", "kind"
        ).iterator()
    ]


def build_report(kind: str, user: Any, params: dict[str, Any], lang: str, fmt: str) -> bytes:
    """A report within ``user``'s scope, with measures and cases from this database."""
    from django.conf import settings

    from labormap.reports import daily_report, measures_report, render, semiannual_report
    from labormap.warehouse import Warehouse

    if settings.LABORMAP_WAREHOUSE is None:
        raise RuntimeError("LABORMAP_WAREHOUSE is not set")
    wh = Warehouse(settings.LABORMAP_WAREHOUSE)
    scope = report_scope(user)
    # measures and cases are in this database: the ORM twin of the report's scope picks them
    bins = None if scope.national else frozenset(scoped_employers(user).values_list("bin", flat=True))
    ms, cs = engine_measures(bins), engine_cases(bins)
    if kind == "daily":
        rep = daily_report(
            wh, params["as_of"], scope, lang=lang, measures=ms, cases=cs, days=params.get("days", 1)
        )
    elif kind == "measures":
        rep = measures_report(wh, params["start"], params["end"], scope, lang=lang, measures=ms, cases=cs)
    elif kind == "semiannual":
        rep = semiannual_report(wh, params["year"], params["half"], scope, lang=lang, measures=ms, cases=cs)
    else:
        raise ValueError(kind)
    buf = io.BytesIO()
    render(rep, buf, fmt)
    return buf.getvalue()


def publish_to_warehouse(path: Any) -> tuple[int, int]:
    """Send measures, cases and case conflicts into the warehouse through an ingest drop
    (:mod:`labormap.web.cases.warehouse`); returns (measures, cases)."""
    from labormap.web.cases.warehouse import publish

    done = publish(path)
    return done.measures, done.cases
