"""``/api/v1/playbooks``: the versions of the algorithm of actions (who changed it, when, why)."""

from __future__ import annotations

import datetime as dt

from django.http import Http404, HttpRequest
from ninja import Router, Schema

from labormap.web.cases import services
from labormap.web.playbooks.filters import versions
from labormap.web.playbooks.models import PlaybookVersion

router = Router(tags=["playbooks"])


class VersionOut(Schema):
    name: str
    version: int
    created_at: dt.datetime
    author: str
    comment: str


class VersionText(VersionOut):
    text: str


def _out(pv: PlaybookVersion) -> dict[str, object]:
    return {
        "name": pv.name,
        "version": pv.version,
        "created_at": pv.created_at,
        "author": pv.author.username if pv.author is not None else "",
        "comment": pv.comment,
    }


@router.get("", response=list[VersionOut])
def playbook_versions(request: HttpRequest) -> list[dict[str, object]]:
    services.current_playbook()  # the first call stores version 1 from the packaged default
    return [_out(pv) for pv in versions()[:200]]


@router.get("/{version}", response=VersionText)
def playbook_version(request: HttpRequest, version: int) -> dict[str, object]:
    pv = versions().filter(version=version).first()
    if pv is None:
        raise Http404("No such version")
    return {**_out(pv), "text": pv.text}
