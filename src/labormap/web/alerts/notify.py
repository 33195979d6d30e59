"""E-mail of new alerts to subscribers (one digest per subscription, within the subscriber's scope)."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from labormap.web.accounts.scope import profile_of, restrict
from labormap.web.alerts.models import Alert, Subscription

log = logging.getLogger("labormap.web.alerts")
MAX_IN_MAIL = 50


def send_new_alert_emails(since: dt.datetime) -> int:
    """Send the alerts created at or after ``since``; returns the number of e-mails sent."""
    sent = 0
    fresh = Alert.objects.filter(created_at__gte=since)
    if not fresh.exists():
        return 0
    for sub in Subscription.objects.filter(email=True).select_related("user", "user__profile"):
        user = sub.user
        if not user.email or profile_of(user) is None:
            continue
        qs = sub.matching(restrict(fresh, user, "employer__")).select_related("employer")
        n = qs.count()
        if not n:
            continue
        with translation.override(settings.LANGUAGE_CODE):
            body = render_to_string(
                "alerts/email.txt", {"alerts": qs[:MAX_IN_MAIL], "count": n, "user": user}
            )
            subject = render_to_string("alerts/email_subject.txt", {"count": n}).strip()
        try:
            send_mail(subject, body, None, [user.email])
            sent += 1
        except OSError as e:  # an unreachable mail server must not undo a publish
            log.warning("could not send alerts to %s: %s", user.email, e)
    return sent
