"""The reconciliation in the app: who sees which regions, the live act from the warehouse, producing an
act (history + tasks in the case machinery), rendering stored acts.

The warehouse (``LABORMAP_WAREHOUSE``) is only read. Scope: an inspector (or any region-bound reader of
the allowed roles) sees the acts of the regions of their grants; the ministry's country-wide accounts see
every region and the whole country; anyone else gets 404, as for something that does not exist.
"""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

from django.conf import settings
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from labormap import i18n
from labormap.reconcile import act as act_mod
from labormap.reconcile.engine import Act as EngineAct
from labormap.reconcile.engine import Records, act_from_json, load_records, reconcile
from labormap.reconcile.rules import TASK_ACTIONS, TASK_DAYS, Quarter
from labormap.response.playbook import NO_CONFLICT
from labormap.response.workdays import DEFAULT_CALENDAR
from labormap.warehouse import Warehouse
from labormap.web.accounts.scope import profile_of, sees_country
from labormap.web.cases.models import Case, CaseEvent, CaseLink, Task
from labormap.web.employers.models import Employer
from labormap.web.reconcile.models import Act, ActItem

ROLES = ("inspector", "ministry_admin", "analyst")
WRITERS = ("inspector", "ministry_admin")
CASE_SOURCE = "manual"  # the case records in its first event that a reconciliation act opened it
CODE_PREFIX = "reconcile:"


class Unavailable(RuntimeError):
    """No warehouse behind the app: the page says so instead of failing."""


# --- scope ---------------------------------------------------------------------------------------
def may_open(user: Any) -> bool:
    """Whether the reconciliation page is for this user at all (the menu hides it otherwise)."""
    try:
        regions_for(user)
    except Http404:
        return False
    return True


def regions_for(user: Any) -> list[str] | None:
    """None: every region and the whole country; otherwise the regions the user may reconcile.
    Raises 404 for a user who may not see acts at all."""
    p = profile_of(user)
    if p is None or p.role not in ROLES:
        raise Http404("No reconciliation acts here")
    if sees_country(user):
        return None
    regions = p.scope().regions
    if p.scope_kind != "region" or not regions:
        raise Http404("No reconciliation acts here")
    return sorted(regions)


def check_region(user: Any, region: str) -> None:
    """404 unless ``region`` ('' = the whole country) is within the user's reach."""
    allowed = regions_for(user)
    if allowed is None:
        from labormap.reference.regions import REGIONS

        if region and region not in REGIONS:
            raise Http404("No such region")
        return
    if region not in allowed:
        raise Http404("No such region")


def can_produce(user: Any) -> bool:
    p = profile_of(user)
    return p is not None and p.role in WRITERS


def visible_acts(user: Any) -> Any:
    allowed = regions_for(user)
    qs = Act.objects.all()
    return qs if allowed is None else qs.filter(region__in=allowed)


def get_act(user: Any, pk: int) -> Act:
    try:
        return visible_acts(user).get(pk=pk)
    except Act.DoesNotExist:
        raise Http404("No such act") from None


# --- the warehouse ---------------------------------------------------------------------------------
_lock = threading.Lock()
_cache: dict[str, tuple[float, Records]] = {}


def records() -> Records:
    """The three registries, read once per ingest run (keyed by the manifest's modification time)."""
    path = getattr(settings, "LABORMAP_WAREHOUSE", None)
    if not path:
        raise Unavailable("LABORMAP_WAREHOUSE is not set")
    wh = Warehouse(path)
    if not wh.exists():
        raise Unavailable(f"{wh.root} is not a warehouse")
    stamp = wh.manifest_path.stat().st_mtime
    with _lock:
        hit = _cache.get(str(wh.root))
        if hit and hit[0] == stamp:
            return hit[1]
    recs = load_records(wh)
    with _lock:
        _cache[str(wh.root)] = (stamp, recs)
    return recs


def latest_quarter(recs: Records) -> Quarter:
    """The quarter of the latest record: the one an inspector most likely reconciles."""
    dates = [o.found_on for o in recs.orders] + [p.opened_on for p in recs.proceedings]
    dates += [c.registered_on for c in recs.police]
    return Quarter.of(max(dates)) if dates else Quarter.of(timezone.localdate()).prev()


def live_act(user: Any, region: str, quarter: Quarter) -> EngineAct:
    check_region(user, region)
    return reconcile(records(), quarter, region=region or None)


# --- producing an act --------------------------------------------------------------------------------
def act_title(quarter: str, lang: str) -> str:
    q = Quarter.parse(quarter)
    qt = i18n.gettext("{q} quarter {year}", lang).format(q=q.q, year=q.year)
    return i18n.gettext("Reconciliation act {quarter}", lang).format(quarter=qt)


def _case_for(employer: Employer, user: Any, act: Act, today: dt.date) -> Case:
    """The employer's open reconciliation case (one per employer, reused by later acts)."""
    case = (
        Case.objects.filter(employer=employer, status=Case.OPEN, tasks__code__startswith=CODE_PREFIX)
        .distinct()
        .first()
    )
    if case is not None:
        return case
    case = Case.objects.create(
        employer=employer,
        kind=NO_CONFLICT,
        causes="wage_arrears",
        opened_on=today,
        source=CASE_SOURCE,
        created_by=user,
        demands="",
    )
    CaseEvent.objects.create(
        case=case,
        action="opened",
        user=user,
        username=user.get_username(),
        note=f"{act_title(act.quarter, 'ru')} ({act.region or 'РК'}, v{act.version})",
    )
    return case


def _task_for(item: ActItem, d: Any, case: Case, act: Act, today: dt.date) -> Task:
    fields = {"order_no": d.order_no or "—", "ref": d.ref or "—"}
    due = DEFAULT_CALENDAR.add_workdays(today, TASK_DAYS)
    n = case.tasks.count()
    task = Task.objects.create(
        case=case,
        employer_id=d.employer_bin,
        seq=n,
        code=f"{CODE_PREFIX}{d.kind}",
        rule_id=item.key[:100],
        action_ru=i18n.gettext(TASK_ACTIONS[d.kind], "ru").format(**fields),
        action_kk=i18n.gettext(TASK_ACTIONS[d.kind], "kk").format(**fields),
        document_ru=act_title(act.quarter, "ru"),
        document_kk=act_title(act.quarter, "kk"),
        body=d.body,
        assigned_body=d.body,
        due_on=due,
        current_due_on=due,
    )
    CaseLink.objects.get_or_create(
        case=case, kind=CaseLink.REGISTRY, ref=(d.ref or d.order_no or item.key)[:200],
        defaults={"title": f"{i18n.label('reconcile_kind', d.kind, 'ru')}: {d.order_no or ''}"[:500], "on": d.arises_on},
    )  # fmt: skip
    return task


def produce_act(user: Any, region: str, quarter: Quarter) -> Act:
    """Compute, store and act on the act: a task for every discrepancy still open without one, and the
    tasks of earlier discrepancies the act finds resolved are completed with the act as their document."""
    eng = live_act(user, region, quarter)
    today = timezone.localdate()
    known = set(Employer.objects.filter(bin__in={d.employer_bin for d in eng.discrepancies} | {d.employer_bin for d, _ in eng.earlier}).values_list("bin", flat=True))  # fmt: skip
    with transaction.atomic():
        last = Act.objects.filter(region=region, quarter=str(quarter)).order_by("-version").first()
        act = Act.objects.create(
            region=region,
            quarter=str(quarter),
            version=(last.version + 1) if last else 1,
            data=eng.as_json(),
            matched=eng.matched,
            new_count=len(eng.discrepancies),
            resolved_count=sum(1 for _d, s in eng.earlier if s == "resolved"),
            open_count=sum(1 for _d, s in eng.earlier if s == "open"),
            created_by=user,
        )
        created = closed = 0
        lines = [("new", d) for d in eng.discrepancies] + [(s, d) for d, s in eng.earlier]
        for section, d in lines:
            item = ActItem(
                act=act, section=section, key=d.key, kind=d.kind, order_no=d.order_no or "",
                ref=d.ref or "", employer_bin=d.employer_bin, body=d.body,
            )  # fmt: skip
            open_task = Task.objects.filter(
                code__startswith=CODE_PREFIX, rule_id=d.key[:100], status=Task.OPEN
            ).first()
            if section == "resolved":
                if open_task is not None:
                    open_task.status, open_task.done_on = Task.DONE, today
                    open_task.document_ref = act_title(act.quarter, "ru") + f" v{act.version}"
                    open_task.save(update_fields=["status", "done_on", "document_ref"])
                    closed += 1
                item.task = open_task
            elif open_task is not None:
                item.task = open_task
            elif d.employer_bin in known:
                case = _case_for(Employer.objects.get(bin=d.employer_bin), user, act, today)
                item.task = _task_for(item, d, case, act, today)
                created += 1
            item.save()
        act.tasks_created, act.tasks_closed = created, closed
        act.save(update_fields=["tasks_created", "tasks_closed"])
    return act


def engine_act(act: Act) -> EngineAct:
    return act_from_json(act.data)


def render(act: Act, lang: str, fmt: str) -> bytes:
    return act_mod.act_bytes(engine_act(act), lang, fmt)


def file_name(act: Act, lang: str, fmt: str) -> str:
    return f"akt-sverki-{act.region or 'RK'}-{act.quarter}-v{act.version}-{lang}.{fmt}"
