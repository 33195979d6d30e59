"""Authentication that refuses expired accounts (the model backend already refuses inactive ones)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend


class ExpiringAccountBackend(ModelBackend):
    def user_can_authenticate(self, user: Any) -> bool:
        if not super().user_can_authenticate(user):
            return False
        profile = getattr(user, "profile", None)
        return not (profile is not None and profile.expired)
