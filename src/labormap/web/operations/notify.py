"""E-mail of the daily note to its subscribers, and of a failed daily run to the administrators."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import translation
from django.utils.translation import gettext as _

from labormap import fmt
from labormap.web.accounts.scope import profile_of, sees_country
from labormap.web.operations.models import NoteSubscription

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def send_daily_note(path: Path, as_of: dt.date) -> int:
    """The national note goes to active, country-wide subscribers (a scoped note per region is the
    report page's job); returns how many were sent."""
    sent = 0
    for sub in NoteSubscription.objects.filter(active=True).select_related("user"):
        user = sub.user
        if not user.email or profile_of(user) is None or not sees_country(user):
            continue
        with translation.override(sub.lang):
            msg = EmailMessage(
                subject=_("Daily note of the Labour Risk Map, %(date)s")
                % {"date": fmt.date(as_of, sub.lang)},
                body=_("The daily analytical note is attached."),
                from_email=str(settings.DEFAULT_FROM_EMAIL),
                to=[user.email],
            )
        msg.attach(path.name, path.read_bytes(), DOCX)
        sent += msg.send(fail_silently=False)
    return sent


def send_failure(run: dict[str, Any]) -> int:
    """Tell the administrators that a daily run failed, with the stage and the error."""
    from django.contrib.auth import get_user_model

    admins = [
        u.email
        for u in get_user_model().objects.filter(is_active=True).exclude(email="")
        if (p := profile_of(u)) is not None and p.is_admin
    ]
    if not admins:
        return 0
    stage = run.get("failed_stage") or ""
    err = (run.get("stages", {}).get(stage) or {}).get("error", "")
    msg = EmailMessage(
        subject=_("Daily run %(run)s failed at %(stage)s") % {"run": run.get("run_id"), "stage": stage},
        body=f"{stage}: {err}",
        from_email=str(settings.DEFAULT_FROM_EMAIL),
        to=admins,
    )
    return msg.send(fail_silently=False)
