"""The members' complaint form: a public link of one union (no login), anonymous unless the member leaves a
contact. The link carries the union's id signed with the site key, so it cannot be guessed or altered;
the employers offered are the union's own organisations. Each complaint opens a case like the union's own."""

from __future__ import annotations

from typing import Any

from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from labormap.web.accounts import audit
from labormap.web.accounts.models import Organisation, Profile
from labormap.web.accounts.scope import scoped_employers
from labormap.web.unions.forms import ComplaintForm
from labormap.web.unions.models import Complaint

SALT = "labormap.unions.complaint"


def token_for(org: Organisation) -> str:
    return signing.dumps(org.pk, salt=SALT)


def _union(token: str) -> tuple[Organisation, Any]:
    try:
        pk = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        raise Http404("No such link") from None
    org = Organisation.objects.filter(pk=pk).first()
    prof = Profile.objects.filter(organisation_id=pk, role="union").select_related("user").first()
    if org is None or prof is None:
        raise Http404("No such link")
    return org, prof.user


def complaint(request: HttpRequest, token: str) -> HttpResponse:
    from labormap.response.playbook import NO_CONFLICT
    from labormap.web.cases.services import open_case

    org, account = _union(token)
    emps = scoped_employers(account)
    choices = [(e.bin, e.name) for e in emps.order_by("name")[:500]]
    form = ComplaintForm(request.POST or None, employers=choices)
    if request.method == "POST" and form.is_valid():
        e = emps.get(bin=form.cleaned_data["employer"])
        case = open_case(
            employer=e, kind=NO_CONFLICT, causes=[form.cleaned_data["topic"]], user=None,
            demands=form.cleaned_data["text"],
        )  # fmt: skip
        Complaint.objects.create(
            union=org, employer=e, topic=form.cleaned_data["topic"], text=form.cleaned_data["text"],
            anonymous=form.cleaned_data["anonymous"], contact=form.cleaned_data["contact"], case_id=case.pk,
        )  # fmt: skip
        audit.record(
            request,
            "union_complaint",
            target=e.bin,
            case=case.pk,
            kind=form.cleaned_data["topic"],
            via="public",
        )
        return render(request, "unions/complaint_public.html", {"org": org, "sent": True})
    return render(request, "unions/complaint_public.html", {"org": org, "form": form, "sent": False})
