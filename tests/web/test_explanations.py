"""Issue 11 item 8 (web side): the dashboard counts like the note and speaks of snapshots, contractor-chain
figures carry labels, and a media item without a title gets a label rather than a bare date."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.utils import translation

from labormap.web.employers.models import ContractorLink, Employer, MediaSignal
from tests.web.conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def ministry(world: dict[str, Any]) -> Client:
    c = Client()
    c.force_login(make_user("expl-min", role="ministry_admin", scope_kind="country"))
    return c


def test_dashboard_counts_scored_employers_and_speaks_of_snapshots(
    world: dict[str, Any], ministry: Client
) -> None:
    Employer.objects.filter(pk=Employer.objects.order_by("bin").values("pk")[:1]).update(level="", score=None)
    r = ministry.get("/", HTTP_ACCEPT_LANGUAGE="en")
    scored = Employer.objects.exclude(level="").exclude(level__isnull=True).count()
    assert r.context["by_level"]["total"] == scored
    assert r.context["unscored"] == Employer.objects.count() - scored
    html = r.content.decode()
    assert "this week" not in html and "на этой неделе" not in html


def test_chain_figures_are_labelled(world: dict[str, Any], ministry: Client) -> None:
    link = ContractorLink.objects.exclude(workers__isnull=True).first()
    if link is None:
        pytest.skip("the test world has no contractor links with workers")
    with translation.override("en"):
        html = ministry.get(f"/employers/{link.customer_bin}/").content.decode()
    assert "chain-figures" in html
    part = html.split("chain-figures")[1].split("</span>")[0]
    assert "worker" in part or "работник" in part or "қызметкер" in part, part


def test_media_without_title_has_a_label(world: dict[str, Any], ministry: Client) -> None:
    e = Employer.objects.order_by("bin").first()
    assert e is not None
    MediaSignal.objects.create(
        item_id="untitled-1", employer=e, url="https://example.kz/x", title="", kind=""
    )
    html = ministry.get(f"/employers/{e.bin}/").content.decode()
    assert 'href="https://example.kz/x" rel="noopener noreferrer" target="_blank"></a>' not in html
    link = html.split('href="https://example.kz/x"')[1].split("</a>")[0]
    assert link.split(">", 1)[1].strip(), "the link has a visible label"
