"""Which alerts a user sees: those of employers in the user's scope, narrowed by the user's subscriptions."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from labormap.web.accounts.scope import restrict
from labormap.web.alerts.models import Alert, Subscription


def visible_alerts(user: Any) -> QuerySet[Alert]:
    qs = restrict(Alert.objects.select_related("employer"), user, "employer__")
    subs = list(Subscription.objects.filter(user=user)) if getattr(user, "is_authenticated", False) else []
    if subs:
        q = Q(pk__in=[])
        for s in subs:
            q |= Q(pk__in=s.matching(Alert.objects.all()).values("pk"))
        qs = qs.filter(q)
    return qs
