"""Who receives the daily note by e-mail. The runs themselves live in the warehouse's ops folder
(``labormap.ops.state``), written by the daily cycle and only read here."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NoteSubscription(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="note_subscription"
    )
    active = models.BooleanField(_("send me the daily note"), default=True)
    lang = models.CharField(_("language"), max_length=2, default="ru")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.user} ({self.lang})"
