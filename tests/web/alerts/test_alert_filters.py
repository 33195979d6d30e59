"""Alerts: only those of employers in scope, narrowed by the user's subscriptions; the form's defaults work."""

from __future__ import annotations

from typing import Any

import pytest

from labormap.web.alerts.filters import visible_alerts
from labormap.web.alerts.forms import SubscriptionForm
from labormap.web.alerts.models import Alert, Subscription
from tests.web.conftest import make_user

pytestmark = pytest.mark.django_db


def test_alerts_in_scope_then_subscriptions(world: dict[str, Any]) -> None:
    user = make_user("ak47", "akimat", "region", regions="47")
    info = world["info"]
    seen = list(visible_alerts(user))
    assert all(info[a.employer_id]["region"] == "47" for a in seen)
    assert len(seen) == Alert.objects.filter(employer__region="47").count()
    Subscription.objects.create(user=user, sectors="B")
    narrowed = list(visible_alerts(user))
    assert all(info[a.employer_id]["sector"] == "B" for a in narrowed)
    assert {a.pk for a in narrowed} <= {a.pk for a in seen}


def test_subscription_form_submitted_with_its_defaults_is_valid() -> None:
    form = SubscriptionForm({"email": "on"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["regions"] == [] and form.cleaned_data["email"] is True
