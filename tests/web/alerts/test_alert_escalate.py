"""Overdue alerts (still new after two working days) escalate once, e-mailing the administrators; the
daily cycle's command says how many."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone
from typer.testing import CliRunner

from labormap.web.alerts.lifecycle import act, escalate_overdue
from labormap.web.alerts.models import Alert
from tests.web.alerts._helpers import alert_in
from tests.web.conftest import make_user

pytestmark = pytest.mark.django_db


def _raise_on(a: Alert, d: dt.date) -> None:
    a.created_at = timezone.make_aware(dt.datetime.combine(d, dt.time(10)))
    a.save(update_fields=["created_at"])


def test_escalates_overdue_new_alerts_once(world: dict[str, Any]) -> None:
    admin = make_user("boss", "ministry_admin", "country")
    insp = make_user("insp35", "inspector", "region", regions="35")
    fri = dt.date(2026, 11, 20)
    Alert.objects.update(created_at=timezone.now())  # nothing else is overdue
    late, handled = list(Alert.objects.filter(employer__region="35")[:2])
    _raise_on(late, fri)
    _raise_on(handled, fri)
    act(handled, "acknowledge", insp)

    assert escalate_overdue(dt.date(2026, 11, 24)) == []  # Tuesday: still within the two working days
    done = escalate_overdue(dt.date(2026, 11, 25))
    assert [a.pk for a in done] == [late.pk]
    late.refresh_from_db()
    assert late.escalated_at is not None and late.status == "new"
    assert late.events.filter(action="escalate").count() == 1
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [admin.email]
    assert f"/alerts/{late.pk}/" in mail.outbox[0].body
    assert escalate_overdue(dt.date(2026, 11, 26)) == []  # once only


def test_escalated_filter_and_label_on_the_list(world: dict[str, Any]) -> None:
    from django.test import Client

    make_user("insp35", "inspector", "region", regions="35")
    c = Client()
    c.login(username="insp35", password="pw-insp35")
    a = alert_in("35")
    Alert.objects.filter(pk=a.pk).update(escalated_at=timezone.now())
    body = c.get("/alerts/?overdue=on", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert f"/alerts/{a.pk}/" in body and "Эскалация" in body
    assert body.count('href="/alerts/') - body.count('href="/alerts/?') >= 1


def test_cli_bad_date_is_a_clear_error() -> None:
    from labormap.cli import app

    r = CliRunner().invoke(app, ["web", "escalate-alerts", "--as-of", "yesterday"])
    assert r.exit_code != 0 and "YYYY-MM-DD" in r.output and "Traceback" not in r.output
