"""Filters of the account pages: the audit log by action and user, access requests by status.

Which *employers* an account sees is not a page filter: that is the account's scope, in
``labormap.web.accounts.scope`` (built on the engine's ``labormap.scope.Scope``).
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import QueryDict

from labormap.web.accounts.models import AccessRequest, AuditEvent


def audit_events(params: QueryDict) -> QuerySet[AuditEvent]:
    qs = AuditEvent.objects.all()
    action, user = str(params.get("action", "")), str(params.get("user", ""))
    if action:
        qs = qs.filter(action=action)
    if user:
        qs = qs.filter(username__icontains=user)
    return qs


def access_requests(status: str) -> QuerySet[AccessRequest]:
    """Requests with that status (an unknown status lists them all)."""
    qs = AccessRequest.objects.all()
    if status in dict(AccessRequest.STATUS_CHOICES):
        qs = qs.filter(status=status)
    return qs
