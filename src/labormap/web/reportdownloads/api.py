"""``/api/v1/reports``: which reports can be downloaded, in which languages and formats (the documents
themselves are built by the page, which audits each download)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from labormap.web.reportdownloads.forms import REPORT_KINDS, ReportForm

router = Router(tags=["reports"])


class ReportKind(Schema):
    code: str
    name: str


class ReportCatalogue(Schema):
    kinds: list[ReportKind]
    languages: list[str]
    formats: list[str]


@router.get("", response=ReportCatalogue)
def catalogue(request: HttpRequest) -> dict[str, object]:
    form = ReportForm()
    return {
        "kinds": [{"code": k, "name": str(v)} for k, v in REPORT_KINDS],
        "languages": [str(c) for c, _n in form.fields["lang"].choices],  # type: ignore[attr-defined]
        "formats": [str(c) for c, _n in form.fields["fmt"].choices],  # type: ignore[attr-defined]
    }
