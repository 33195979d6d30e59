"""What a user may see of the agreements app: pay findings limited to the user's scope (the one scope
rule of ``labormap.web.accounts.scope``); the public catalogue has no filter — it lists only agreements."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from labormap.web.accounts.scope import restrict
from labormap.web.agreements.models import PayFinding


def scoped_findings(user: Any) -> QuerySet[PayFinding]:
    return restrict(PayFinding.objects.select_related("employer"), user, "employer__")
