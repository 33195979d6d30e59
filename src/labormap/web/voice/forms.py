from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from labormap import i18n
from labormap.voice.appeals import MAX_TEXT
from labormap.voice.questionnaire import current
from labormap.web.voice.models import (
    APPEAL_CHANNELS,
    CONSULTATION_TOPICS,
    ConsultationEvent,
    ConsultationQuestion,
)


def _lang() -> str:
    from django.utils.translation import get_language

    return (get_language() or "ru")[:2]


class SurveyForm(forms.Form):
    """The questionnaire: one 1–5 choice per question; a question may be skipped (NULL in the registry)."""

    website = forms.CharField(required=False, widget=forms.HiddenInput)  # honeypot: people leave it empty

    def __init__(self, *args: Any, lang: str = "ru", **kw: Any) -> None:
        super().__init__(*args, **kw)
        q = current()
        scale = q.scale_in(lang)
        choices = [(str(i + 1), f"{i + 1} — {s}") for i, s in enumerate(scale)]
        for question in q.questions:
            self.fields[question.code] = forms.TypedChoiceField(
                label=question.text_in(lang),
                choices=choices,
                coerce=int,
                required=False,
                widget=forms.RadioSelect,
                empty_value=None,
            )

    def answers(self) -> dict[str, int | None]:
        return {c: self.cleaned_data.get(c) for c in current().codes}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("website"):
            raise forms.ValidationError(_("The form could not be accepted."))
        if not any(data.get(c) for c in current().index_codes):
            raise forms.ValidationError(_("Answer at least one question."))
        return data


class AppealForm(forms.Form):
    text = forms.CharField(
        label=_("What is happening?"),
        max_length=MAX_TEXT,
        min_length=15,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    website = forms.CharField(required=False, widget=forms.HiddenInput)


class ReceiptForm(forms.Form):
    code = forms.CharField(label=_("Receipt code"), max_length=16)


class BatchForm(forms.Form):
    wave = forms.RegexField(label=_("Wave"), regex=r"^\d{4}-H[12]$", max_length=7)
    size = forms.IntegerField(label=_("Personal links"), min_value=0, max_value=2000, initial=50)


class AnswerForm(forms.Form):
    """Re-route an appeal to another body, or answer it (the worker sees the answer by the receipt code)."""

    body = forms.ChoiceField(label=_("Responsible body"))
    answer = forms.CharField(
        label=_("Answer"), widget=forms.Textarea(attrs={"rows": 4}), max_length=8000, required=False
    )

    def __init__(self, *args: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        from labormap.response.bodies import BODIES

        lang = _lang()
        body = self.fields["body"]
        assert isinstance(body, forms.ChoiceField)
        body.choices = [(b, i18n.label("body", b, lang)) for b in BODIES]


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Export (.csv or .jsonl)"))
    channel = forms.ChoiceField(label=_("Channel"), initial="call_centre")

    def __init__(self, *args: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        lang = _lang()
        channel = self.fields["channel"]
        assert isinstance(channel, forms.ChoiceField)
        channel.choices = [(c, i18n.label("appeal_channel", c, lang)) for c in APPEAL_CHANNELS]


class EventForm(forms.ModelForm):
    class Meta:
        model = ConsultationEvent
        fields = ("title", "held_on", "region", "place", "with_ministry", "with_unions", "with_employers")
        widgets = {"held_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}  # noqa: RUF012


class QuestionForm(forms.ModelForm):
    topic = forms.ChoiceField(label=_("Topic"))

    class Meta:
        model = ConsultationQuestion
        fields = ("event", "topic", "question", "answer", "public")

    def __init__(self, *args: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        lang = _lang()
        topic = self.fields["topic"]
        assert isinstance(topic, forms.ChoiceField)
        topic.choices = [(t, i18n.label("consultation_topic", t, lang)) for t in CONSULTATION_TOPICS]
