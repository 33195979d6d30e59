"""Users act only on alerts they can see: out of scope is 404; read-only roles cannot act; nobody out of
the alert's scope can be assigned."""

from __future__ import annotations

from typing import Any

import pytest

from labormap.web.alerts.models import Alert
from tests.web.alerts._helpers import alert_in, alert_outside, login
from tests.web.conftest import make_user

pytestmark = pytest.mark.django_db


def test_out_of_scope_alert_is_404_for_page_and_action(world: dict[str, Any]) -> None:
    c, _user = login("insp35", "inspector", "region", regions="35")
    other = alert_outside("35")
    assert c.get(f"/alerts/{other.pk}/").status_code == 404
    assert c.post(f"/alerts/{other.pk}/act/", {"action": "acknowledge"}).status_code == 404
    assert Alert.objects.get(pk=other.pk).status == "new"


def test_read_only_role_sees_but_cannot_act(world: dict[str, Any]) -> None:
    c, _user = login("emp", "employer", "own", employer_bins=alert_in("35").employer_id)
    a = alert_in("35")
    assert c.get(f"/alerts/{a.pk}/").status_code == 200
    assert c.post(f"/alerts/{a.pk}/act/", {"action": "acknowledge"}).status_code == 403
    assert Alert.objects.get(pk=a.pk).status == "new"


def test_cannot_assign_to_someone_who_cannot_see_the_alert(world: dict[str, Any]) -> None:
    c, _user = login("insp35", "inspector", "region", regions="35")
    outsider = make_user("insp11", "inspector", "region", regions="11")
    a = alert_in("35")
    c.post(f"/alerts/{a.pk}/act/", {"action": "assign", "assignee": str(outsider.pk)})
    a.refresh_from_db()
    assert a.assignee_id is None and a.status == "new"
