"""Acting on alerts: acknowledge, assign, verify with an outcome (a confirmed one may open a case), close;
and the escalation of overdue alerts the daily cycle runs (`labormap web escalate-alerts`).

The rules (which move from which status, the overdue deadline) are labormap.alertflow's; this module
stores the moves, checks who may make them and records them in the audit log.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from labormap import alertflow
from labormap.web.accounts.audit import record
from labormap.web.accounts.scope import restrict
from labormap.web.alerts.models import Alert, AlertEvent


def actionable(user: Any) -> QuerySet[Alert]:
    """The alerts a user may act on: all within the user's scope (subscriptions only narrow what is shown)."""
    return restrict(Alert.objects.select_related("employer"), user, "employer__")


def can_act(user: Any) -> bool:
    # the same roles that may write cases (read-only roles see alerts but do not close them)
    from labormap.web.cases.services import can_write

    return bool(can_write(user))


def assignable_users(alert: Alert) -> list[Any]:
    """Active accounts that can see the alert's employer: an alert is never assigned to someone out of scope."""
    users = get_user_model().objects.filter(is_active=True).order_by("username")
    return [u for u in users if actionable(u).filter(pk=alert.pk).exists() and can_act(u)]


def act(
    alert: Alert,
    action: str,
    user: Any,
    *,
    request: Any = None,
    assignee: Any = None,
    outcome: str = "",
    note: str = "",
    open_case: bool = False,
) -> Alert:
    """Apply one move; raises alertflow.TransitionError when it is not allowed from the current status."""
    new = alertflow.next_status(alert.status, action, outcome or None)
    now = timezone.now()
    old = alert.status
    fields = ["status"]
    with transaction.atomic():
        if action == "acknowledge":
            alert.acknowledged_at = now
            fields.append("acknowledged_at")
        elif action == "assign":
            if assignee is None:
                raise alertflow.TransitionError("assigning needs a person")
            alert.assignee = assignee
            alert.assigned_at = now
            fields += ["assignee", "assigned_at"]
            if alert.acknowledged_at is None:  # assigning implies someone has read it
                alert.acknowledged_at = now
                fields.append("acknowledged_at")
        elif action == "verify":
            alert.outcome = outcome
            alert.verified_at = now
            fields += ["outcome", "verified_at"]
            if open_case and outcome == alertflow.CONFIRMED and alert.case_id is None:
                alert.case_id = _open_case(alert, user).pk
                fields.append("case_id")
        elif action == "close":
            alert.closed_at = now
            fields.append("closed_at")
        if note:
            alert.note = (alert.note + "\n" if alert.note else "") + note
            fields.append("note")
        alert.status = new
        alert.save(update_fields=fields)
        AlertEvent.objects.create(
            alert=alert,
            user=user if getattr(user, "is_authenticated", False) else None,
            username=user.get_username() if getattr(user, "is_authenticated", False) else "",
            action=action,
            status_from=old,
            status_to=new,
            note=note,
        )
        record(
            request,
            f"alert_{action}",
            f"alert:{alert.pk}",
            user=user,
            employer=alert.employer_id,
            outcome=outcome,
            assignee=assignee.get_username() if assignee is not None else "",
            case=alert.case_id,
        )
    return alert


def _open_case(alert: Alert, user: Any) -> Any:
    from labormap.response.playbook import NO_CONFLICT
    from labormap.web.cases.models import CaseLink
    from labormap.web.cases.services import open_case

    return open_case(
        employer=alert.employer,
        kind=NO_CONFLICT,
        causes=[],
        user=user,
        source="alert",
        links=[
            {
                "kind": CaseLink.ALERT,
                "ref": str(alert.pk),
                "title": f"{alert.get_kind_display()}: {alert.as_of}"[:500],
                "on": alert.as_of,
            }
        ],
    )


def escalate_overdue(today: dt.date | None = None) -> list[Alert]:
    """Mark alerts still new after their acknowledgement deadline as escalated (once) and e-mail the
    administrators of their scope. Returns the alerts escalated by this call; a second call the same day
    escalates nothing more."""
    today = today or timezone.localdate()
    done: list[Alert] = []
    qs = Alert.objects.select_related("employer").filter(status=alertflow.NEW, escalated_at__isnull=True)
    for a in qs.iterator():
        if not alertflow.is_overdue(a.status, timezone.localdate(a.created_at), today):
            continue
        a.escalated_at = timezone.now()
        a.save(update_fields=["escalated_at"])
        AlertEvent.objects.create(alert=a, action="escalate", status_from=a.status, status_to=a.status)
        record(None, "alert_escalate", f"alert:{a.pk}", employer=a.employer_id, username="daily")
        done.append(a)
    if done:
        _mail_escalations(done)
    return done


def _mail_escalations(alerts: list[Alert]) -> int:
    """One e-mail per administrator who can see some of the escalated alerts (counts and links, no names
    of workers)."""
    from django.conf import settings

    from labormap import i18n
    from labormap.web.accounts.scope import profile_of

    sent = 0
    lang = i18n.normalise(settings.LANGUAGE_CODE)
    for u in get_user_model().objects.filter(is_active=True).exclude(email=""):
        p = profile_of(u)
        if p is None or not p.is_admin:
            continue
        mine = [a for a in alerts if actionable(u).filter(pk=a.pk).exists()]
        if not mine:
            continue
        subject = i18n.ngettext(
            "%(n)d alert not acknowledged in time", "%(n)d alerts not acknowledged in time", len(mine), lang
        ) % {"n": len(mine)}
        base = getattr(settings, "LABORMAP_BASE_URL", "").rstrip("/")
        body = "\n".join(f"{base}/alerts/{a.pk}/" for a in mine)
        sent += send_mail(subject, body, None, [u.email], fail_silently=True)
    return sent


def dashboard_stats(qs: QuerySet[Alert], today: dt.date | None = None) -> alertflow.Stats:
    """Open alerts by age, closure rate and median time to verification over ``qs`` (already scoped)."""
    today = today or timezone.localdate()
    rows = qs.values_list("status", "created_at", "verified_at")
    return alertflow.stats(
        (
            alertflow.AlertFacts(status=s, raised_on=timezone.localdate(c), created_at=c, verified_at=v)
            for s, c, v in rows.iterator()
        ),
        today,
    )
