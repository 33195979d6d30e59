"""The playbook page: the current algorithm of actions, its editing by administrators, its versions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from labormap.response import PlaybookError
from labormap.web.accounts import audit
from labormap.web.accounts.models import AuditEvent
from labormap.web.accounts.scope import is_admin
from labormap.web.cases import services
from labormap.web.cases.context import response_context
from labormap.web.playbooks.filters import versions
from labormap.web.playbooks.forms import PlaybookForm
from labormap.web.playbooks.models import PlaybookVersion


@login_required
def playbook(request: HttpRequest) -> HttpResponse:
    pv, pb = services.current_playbook()
    form = None
    if is_admin(request.user):
        form = PlaybookForm(request.POST or None, initial={"text": pv.text})
        if request.method == "POST" and form.is_valid():
            try:
                nv = services.save_playbook_edit(
                    form.cleaned_data["text"], request.user, form.cleaned_data["comment"]
                )
            except PlaybookError as e:
                form.add_error("text", str(e))
            else:
                audit.record(request, AuditEvent.ADMIN, target=f"playbook:{nv.name}:v{nv.version}")
                messages.success(request, _("Saved as version %(v)d.") % {"v": nv.version})
                return redirect("playbooks:current")
    elif request.method == "POST":
        raise PermissionDenied
    return render(
        request,
        "playbooks/current.html",
        response_context(request, pv=pv, pb=pb, form=form, versions=versions(pv.name)[:50]),
    )


@login_required
def playbook_version(request: HttpRequest, version: int) -> HttpResponse:
    pv = get_object_or_404(PlaybookVersion, name=services.PLAYBOOK, version=version)
    return render(request, "playbooks/version.html", response_context(request, pv=pv))
