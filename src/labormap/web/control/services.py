"""The control cycle in the app: load a month's findings and the arrears register from the warehouse,
issue letters with outgoing numbers, measure self-correction, and turn findings still open after the due
date into inspection tasks (``cases.Task``, the existing task machinery with its escalation)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import Count, QuerySet

from labormap import i18n
from labormap.control.arrears_register import arrears_cases
from labormap.control.kinds import FINDING_KINDS
from labormap.control.monthly import monthly_control
from labormap.control.notices import (
    NoticeContext,
    NoticeLine,
    default_template_text,
    parse_template,
    render_notice,
)
from labormap.control.selfcorrect import NoticeRef, measure
from labormap.response.workdays import DEFAULT_CALENDAR
from labormap.warehouse import Warehouse
from labormap.web.cases.models import Task
from labormap.web.control.models import (
    ArrearsCase,
    Finding,
    Notice,
    NoticeTemplate,
    OutgoingCounter,
    SelfCorrectionRun,
)
from labormap.web.employers.models import Employer

# A late payment in this many of the last LATE_WINDOW loaded months is "repeated".
LATE_REPEAT, LATE_WINDOW = 3, 6
# Days an employer gets to correct a finding by default, and working days for the follow-up inspection.
DEFAULT_DUE_DAYS = 30
INSPECTION_TASK_WORKDAYS = 10
TASK_CODE = "control_inspection"
_SEVERITY = {"open": 3, "pending": 2, "corrected_late": 1, "corrected": 0}


def load_month(wh_root: Path | str, month: str, *, as_of: dt.date | None = None) -> dict[str, int]:
    """Findings of ``month`` into the app (replacing that month's unnotified findings); counts."""
    wh = Warehouse(wh_root)
    res = monthly_control(wh, month, as_of=as_of)
    found_on = as_of or dt.date.today()
    known = set(
        Employer.objects.filter(bin__in={f.employer_bin for f in res.findings}).values_list("bin", flat=True)
    )
    with transaction.atomic():
        Finding.objects.filter(month=month, notices__isnull=True).delete()
        kept = {(f.employer_id, f.kind) for f in Finding.objects.filter(month=month)}
        rows = [
            Finding(
                month=month,
                employer_id=f.employer_bin,
                kind=f.kind,
                workers=f.workers,
                amount_kzt=f.amount_kzt,
                days_late=f.days_late,
                found_on=found_on,
            )
            for f in res.findings
            if f.employer_bin in known and (f.employer_bin, f.kind) not in kept
        ]
        Finding.objects.bulk_create(rows, batch_size=2000)
        alerts = month_alerts(month, found_on)
    return {
        "findings": len(rows),
        "skipped_unknown_employers": len(res.findings) - len(rows) - len(kept),
        "alerts": alerts,
    }


def _raise(alerts: list[Any]) -> int:
    from labormap.web.alerts.models import Alert

    before = Alert.objects.count()
    Alert.objects.bulk_create(alerts, batch_size=2000, ignore_conflicts=True)
    return Alert.objects.count() - before


def month_alerts(month: str, as_of: dt.date) -> int:
    """Alerts for payments stopped in ``month`` and for repeated late payment (the existing alerts app)."""
    from labormap.web.alerts.models import Alert

    alerts = [
        Alert(
            kind="pay_stop",
            employer_id=f.employer_id,
            as_of=as_of,
            level=f.employer.level or "",
            score=f.employer.score,
            details={"month": month, "workers": f.workers, "amount_kzt": f.amount_kzt},
            key=f"pay_stop:{f.employer_id}:{month}",
        )
        for f in Finding.objects.filter(month=month, kind="payments_stopped").select_related("employer")
    ]
    months = sorted(set(Finding.objects.filter(month__lte=month).values_list("month", flat=True)))[
        -LATE_WINDOW:
    ]
    late = (
        Finding.objects.filter(month__in=months, kind__endswith="_late")
        .exclude(kind__startswith="esutd_")
        .values("employer_id")
        .annotate(n=Count("month", distinct=True))
        .filter(n__gte=LATE_REPEAT)
    )
    current = set(
        Finding.objects.filter(month=month, kind__endswith="_late").values_list("employer_id", flat=True)
    )
    for row in late:
        if row["employer_id"] in current:
            alerts.append(
                Alert(
                    kind="late_rep",
                    employer_id=row["employer_id"],
                    as_of=as_of,
                    details={"month": month, "late_months": row["n"], "window": len(months)},
                    key=f"late_rep:{row['employer_id']}:{month}",
                )
            )
    return _raise(alerts)


def arrears_alerts(new: list[str], overdue: list[str], as_of: dt.date) -> int:
    """Alerts for new arrears cases and for orders that became overdue."""
    from labormap.web.alerts.models import Alert

    alerts = []
    for c in ArrearsCase.objects.filter(case_id__in=[*new, *overdue]):
        for kind, ids in (("arrears", new), ("order_late", overdue)):
            if c.case_id in ids:
                alerts.append(
                    Alert(
                        kind=kind,
                        employer_id=c.employer_id,
                        as_of=as_of,
                        details={
                            "case": c.case_id,
                            "order_no": c.order_no,
                            "workers": c.workers,
                            "amount_kzt": c.amount_kzt,
                            "overdue_days": c.overdue_days,
                        },
                        key=f"{kind}:{c.case_id}"[:200],
                    )
                )
    return _raise(alerts)


def load_arrears(wh_root: Path | str, *, as_of: dt.date | None = None) -> dict[str, Any]:
    """Replace the arrears register; returns counts and the case ids that are new or newly overdue."""
    d = as_of or dt.date.today()
    cases = arrears_cases(Warehouse(wh_root), as_of=d)
    known = set(Employer.objects.values_list("bin", flat=True))
    before = dict(ArrearsCase.objects.values_list("case_id", "state"))
    with transaction.atomic():
        ArrearsCase.objects.all().delete()
        ArrearsCase.objects.bulk_create(
            [
                ArrearsCase(
                    case_id=c.case_id,
                    employer_id=c.employer_bin,
                    found_on=c.found_on,
                    order_no=c.order_no,
                    order_due_on=c.order_due_on,
                    workers=c.workers,
                    months=c.months,
                    amount_kzt=c.amount_kzt,
                    repaid_kzt=c.repaid_kzt,
                    repaid_on=c.repaid_on,
                    state=c.state,
                    overdue_days=c.overdue_days,
                    enforcement=c.enforcement,
                    as_of=d,
                )
                for c in cases
                if c.employer_bin in known
            ],
            batch_size=2000,
        )
    new = [c.case_id for c in cases if c.case_id not in before and c.employer_bin in known]
    overdue = [c.case_id for c in cases if c.state == "overdue" and before.get(c.case_id) != "overdue"]
    # the first load of a register is history, not news: only cases found in the last 92 days alert
    recent = {c.case_id for c in cases if (d - c.found_on).days <= 92 or c.state == "overdue"}
    alerts = arrears_alerts([x for x in new if x in recent], [x for x in overdue if x in recent], d)
    return {"cases": len(cases), "new": new, "newly_overdue": overdue, "alerts": alerts}


def current_template() -> NoticeTemplate:
    t = NoticeTemplate.objects.filter(name="default").order_by("-version").first()
    if t is None:
        t = NoticeTemplate.objects.create(
            name="default", version=1, text=default_template_text(), comment="default"
        )
    return t


def save_template(text: str, user: Any, comment: str = "") -> NoticeTemplate:
    """A new version of the template (validated first: a template that cannot render is refused)."""
    parse_template(text)
    with transaction.atomic():
        last = current_template()
        if last.text.strip() == text.strip():
            return last
        return NoticeTemplate.objects.create(
            name="default", version=last.version + 1, text=text, comment=comment, author=user
        )


def next_number(region: str, year: int) -> str:
    """The next outgoing number of a region's register for ``year``, e.g. ``47-2025/0012``."""
    with transaction.atomic():
        counter, _ = OutgoingCounter.objects.select_for_update().get_or_create(
            region=region or "00", year=year
        )
        counter.last += 1
        counter.save(update_fields=["last"])
        return f"{region or '00'}-{year}/{counter.last:04d}"


def in_kind_order(findings: Iterable[Finding]) -> list[Finding]:
    """Findings in the order of ``FINDING_KINDS`` (contributions, then stopped payments, then ЕСУТД)."""
    return sorted(findings, key=lambda f: FINDING_KINDS.index(f.kind) if f.kind in FINDING_KINDS else 99)


def inspector_name(user: Any) -> str:
    full = (getattr(user, "get_full_name", lambda: "")() or "").strip()
    return full or str(getattr(user, "username", ""))


def render(notice: Notice, lang: str | None = None) -> bytes:
    """The letter of ``notice`` (its own template version) as DOCX bytes."""
    t = (
        NoticeTemplate.objects.filter(name="default", version=notice.template_version).first()
        or current_template()
    )
    lang = lang or notice.lang
    e = notice.employer
    region = i18n.label("region", notice.region, lang) if notice.region else ""
    ctx = NoticeContext(
        number=notice.number,
        date=notice.issued_on,
        employer=(e.name_kk if lang == "kk" and e.name_kk else e.name),
        bin=e.bin,
        month=notice.month,
        due_on=notice.due_on,
        region=region,
        inspector=inspector_name(notice.issued_by) if notice.issued_by else "",
        body=i18n.gettext("Labour inspection, {region}", lang).format(region=region),
        lines=[
            NoticeLine(f.kind, f.workers, f.amount_kzt, f.days_late)
            for f in in_kind_order(notice.findings.all())
        ],
    )
    return render_notice(parse_template(t.text), ctx, lang)


def generate_notices(
    findings: QuerySet[Finding] | Iterable[Finding],
    user: Any,
    *,
    due_on: dt.date | None = None,
    lang: str = "ru",
    issued_on: dt.date | None = None,
) -> list[Notice]:
    """One letter per employer and month for the chosen findings (already notified ones are skipped)."""
    issued = issued_on or dt.date.today()
    due = due_on or issued + dt.timedelta(days=DEFAULT_DUE_DAYS)
    groups: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for f in findings:
        if not f.notices.exists():
            groups[(f.employer_id, f.month)].append(f)
    tpl = current_template()
    out: list[Notice] = []
    for (bin_, month), fs in sorted(groups.items()):
        e = Employer.objects.filter(bin=bin_).first()
        if e is None:
            continue
        with transaction.atomic():
            n = Notice.objects.create(
                number=next_number(e.region, issued.year),
                employer_id=bin_,
                region=e.region,
                month=month,
                lang=lang,
                template_version=tpl.version,
                issued_on=issued,
                due_on=due,
                issued_by=user,
                docx=b"",
            )
            n.findings.set(fs)
            n.docx = render(n)
            n.save(update_fields=["docx"])
        out.append(n)
    return out


def measure_selfcorrection(wh_root: Path | str, *, as_of: dt.date | None = None) -> SelfCorrectionRun | None:
    """Outcomes of every sent letter's findings from the registry data, rates, and follow-up tasks."""
    notices = list(Notice.objects.exclude(status="draft").prefetch_related("findings"))
    refs: list[NoticeRef] = []
    for n in notices:
        for f in n.findings.all():
            refs.append(
                NoticeRef(
                    n.employer_id, f.kind, f.month, n.sent_on or n.issued_on, n.due_on, n.region, str(f.pk)
                )
            )
    if not refs:
        return None
    res = measure(Warehouse(wh_root), refs, as_of=as_of)
    d = res.as_of
    by_finding = {int(o.ref): o.outcome for o in res.outcomes if o.notified and o.ref}
    with transaction.atomic():
        for pk, outcome in by_finding.items():
            Finding.objects.filter(pk=pk).update(outcome=outcome)
        for n in notices:
            outs = [by_finding.get(f.pk, "pending") for f in n.findings.all()]
            worst = max(outs, key=lambda o: _SEVERITY[o]) if outs else "pending"
            n.outcome, n.outcome_on = worst, d
            if worst in ("corrected", "corrected_late") and n.status != "closed":
                n.status = "closed"
            n.save(update_fields=["outcome", "outcome_on", "status"])
            if worst == "open" and n.due_on < d and n.task_id is None:
                n.task = _inspection_task(n, d)
                n.save(update_fields=["task"])
        run = SelfCorrectionRun.objects.create(
            as_of=d, overall=res.overall, by_kind=res.by_kind, by_region=res.by_region, by_month=res.by_month
        )
    return run


def _inspection_task(n: Notice, today: dt.date) -> Task:
    """An inspection task for a letter whose findings are still open after the due date."""
    due = DEFAULT_CALENDAR.add_workdays(today, INSPECTION_TASK_WORKDAYS)
    return Task.objects.create(
        case=None,
        employer_id=n.employer_id,
        code=TASK_CODE,
        rule_id=f"control:{n.number}",
        action_ru=i18n.gettext(
            "Unscheduled inspection: letter {number} not complied with by {due}", "ru"
        ).format(number=n.number, due=n.due_on.isoformat()),
        action_kk=i18n.gettext(
            "Unscheduled inspection: letter {number} not complied with by {due}", "kk"
        ).format(number=n.number, due=n.due_on.isoformat()),
        document_ru=i18n.gettext("Inspection act", "ru"),
        document_kk=i18n.gettext("Inspection act", "kk"),
        body="labour_inspection",
        assigned_body="labour_inspection",
        escalate_to="mtszn",
        due_on=due,
        current_due_on=due,
    )
