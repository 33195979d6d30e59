"""The operations page is for administrators only; runs carry no employer data, so no scope applies."""

from __future__ import annotations

from typing import Any

from labormap.web.accounts.scope import is_admin


def may_see_runs(user: Any) -> bool:
    return is_admin(user)
