"""Which playbook versions are listed: every user sees the whole history of the current playbook (the rules
are not employer data, so there is no scope to apply)."""

from __future__ import annotations

from django.db.models import QuerySet

from labormap.web.cases import services
from labormap.web.playbooks.models import PlaybookVersion


def versions(name: str = services.PLAYBOOK) -> QuerySet[PlaybookVersion]:
    return PlaybookVersion.objects.filter(name=name).select_related("author")
