"""The operations page (administrators): every daily run with its stages; and the daily-note subscription."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from labormap.web.operations import services
from labormap.web.operations.filters import may_see_runs
from labormap.web.operations.forms import NoteSubscriptionForm
from labormap.web.operations.models import NoteSubscription


@login_required
def runs(request: HttpRequest) -> HttpResponse:
    if not may_see_runs(request.user):
        raise Http404
    items = services.runs()
    for r in items:
        r["stage_list"] = list(r.get("stages", {}).items())
    return render(request, "operations/runs.html", {"runs": items})


@login_required
def note(request: HttpRequest) -> HttpResponse:
    sub, _created = NoteSubscription.objects.get_or_create(
        user=request.user, defaults={"active": False, "lang": (request.LANGUAGE_CODE or "ru")[:2]}
    )
    form = NoteSubscriptionForm(request.POST or None, instance=sub)
    if request.method == "POST" and form.is_valid():
        form.save()
        return redirect("operations:note")
    return render(request, "operations/note.html", {"form": form, "sub": sub})
