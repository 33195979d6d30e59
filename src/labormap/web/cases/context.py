"""The page context shared by the response apps (cases, hearings, playbooks, report downloads).

One place for what every response page needs (the user's rights, the bodies, language, today), so the
split apps render the same tabs and buttons.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils.translation import get_language

from labormap.response import BODIES
from labormap.web.accounts.scope import is_admin
from labormap.web.cases import services


def lang() -> str:
    return (get_language() or "ru")[:2]


def today() -> dt.date:
    return dt.date.today()


def response_context(request: HttpRequest, **kw: Any) -> dict[str, Any]:
    return {
        "can_write": services.can_write(request.user),
        "can_hear": services.can_hear(request.user),
        "is_admin": is_admin(request.user),
        "bodies": BODIES,
        "lang": lang(),
        "today": today(),
        **kw,
    }
