from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from labormap.web.operations.models import NoteSubscription


class NoteSubscriptionForm(forms.ModelForm):
    lang = forms.ChoiceField(label=_("language"), choices=settings.LANGUAGES)

    class Meta:
        model = NoteSubscription
        fields = ("active", "lang")
