"""The report download page: pick a report, period, language and format; get the document.

The document covers the user's scope only; every download is written to the audit log.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from labormap.reports.source import ReportDataError
from labormap.web.accounts import audit
from labormap.web.accounts.models import AuditEvent
from labormap.web.cases import services
from labormap.web.cases.context import lang, response_context, today
from labormap.web.reportdownloads.forms import ReportForm

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@login_required
def reports(request: HttpRequest) -> HttpResponse:
    form = ReportForm(
        request.POST or None,
        initial={
            "as_of": today(),
            "lang": lang() if lang() == "kk" else "ru",
            "fmt": "docx",
            "year": today().year,
            "days": 1,
        },
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        params = {
            "as_of": d["as_of"],
            "days": d["days"] or 1,
            "start": d["start"],
            "end": d["end"],
            "year": d["year"],
            "half": int(d["half"] or 1),
        }
        try:
            data = services.build_report(d["kind"], request.user, params, d["lang"], d["fmt"])
        except (ReportDataError, RuntimeError) as e:
            form.add_error(None, str(e))
        else:
            audit.record(
                request,
                AuditEvent.EXPORT,
                target=f"report:{d['kind']}",
                format=d["fmt"],
                lang=d["lang"],
                **{k: str(v) for k, v in params.items() if v},
            )
            stamp = (
                (d["as_of"] or d["end"] or today()).isoformat()
                if d["kind"] != "semiannual"
                else f"{d['year']}H{d['half']}"
            )
            name = f"labormap-{d['kind']}-{stamp}.{d['fmt']}"
            resp = HttpResponse(data, content_type=CONTENT_TYPES[d["fmt"]])
            resp["Content-Disposition"] = f'attachment; filename="{name}"'
            return resp
    return render(request, "reportdownloads/form.html", response_context(request, form=form))
