"""An alert is acknowledged, assigned, verified with an outcome (confirmed opens a case) and closed — each
move recorded in its history and in the audit log, shown labelled on its page."""

from __future__ import annotations

from typing import Any

import pytest

from labormap.web.accounts.models import AuditEvent
from labormap.web.alerts.models import Alert
from labormap.web.cases.models import Case, CaseLink
from tests.web.alerts._helpers import alert_in, login
from tests.web.conftest import make_user

pytestmark = pytest.mark.django_db


def test_acknowledge_assign_verify_confirmed_opens_case_then_close(world: dict[str, Any]) -> None:
    c, _user = login("insp35", "inspector", "region", regions="35")
    colleague = make_user("insp35b", "inspector", "region", regions="35")
    a = alert_in("35")
    url = f"/alerts/{a.pk}/"
    page = c.get(url, HTTP_ACCEPT_LANGUAGE="ru")
    assert page.status_code == 200
    assert "новое" in page.content.decode()  # the status label, not the code

    assert c.post(url + "act/", {"action": "acknowledge"}).status_code == 302
    assert c.post(url + "act/", {"action": "assign", "assignee": str(colleague.pk)}).status_code == 302
    r = c.post(url + "act/", {"action": "verify", "outcome": "confirmed", "open_case": "on", "note": "выезд"})
    a.refresh_from_db()
    assert a.status == "verified" and a.outcome == "confirmed" and a.assignee_id == colleague.pk
    assert a.case_id is not None and r["Location"].endswith(f"/cases/{a.case_id}/")
    case = Case.objects.get(pk=a.case_id)
    assert case.source == "alert" and case.employer_id == a.employer_id
    assert CaseLink.objects.filter(case=case, kind="alert", ref=str(a.pk)).exists()

    c.post(url + "act/", {"action": "close"})
    a.refresh_from_db()
    assert a.status == "closed" and a.closed_at is not None and a.verified_at is not None
    assert [e.action for e in a.events.all()] == ["acknowledge", "assign", "verify", "close"]
    assert AuditEvent.objects.filter(action="alert_verify", target=f"alert:{a.pk}").exists()
    body = c.get(url).content.decode()
    assert "подтвердилось" in body and "закрыто" in body and ">confirmed<" not in body


def test_close_before_verify_is_refused_and_changes_nothing(world: dict[str, Any]) -> None:
    c, _user = login("insp35", "inspector", "region", regions="35")
    a = alert_in("35")
    c.post(f"/alerts/{a.pk}/act/", {"action": "close"})
    c.post(f"/alerts/{a.pk}/act/", {"action": "verify"})  # verify without an outcome
    assert Alert.objects.get(pk=a.pk).status == "new"
    assert not Alert.objects.get(pk=a.pk).events.exists()


def test_false_alarm_opens_no_case(world: dict[str, Any]) -> None:
    c, _user = login("insp35", "inspector", "region", regions="35")
    a = alert_in("35")
    c.post(f"/alerts/{a.pk}/act/", {"action": "acknowledge"})
    c.post(f"/alerts/{a.pk}/act/", {"action": "verify", "outcome": "false_alarm", "open_case": "on"})
    a.refresh_from_db()
    assert a.outcome == "false_alarm" and a.case_id is None
