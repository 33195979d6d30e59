"""The public catalogue works without a login, in Russian and Kazakh, with downloads and an Atom feed;
nothing else becomes public."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.test import Client


def test_public_list_without_login(published: Path) -> None:
    c = Client()
    r = c.get("/public/agreements/")
    assert r.status_code == 200
    page = r.content.decode()
    # in force on the latest date with agreements (2025): sectoral and regional only
    for aid in ("SA-C", "SA-C24", "SA-F", "RA-47", "RA-75"):
        assert f'id="a-{aid}"' in page
    assert 'id="a-GA"' not in page and 'id="a-SA-G"' not in page
    assert "employers/" not in page  # no link to employer data


def test_filters(published: Path) -> None:
    c = Client()
    page = c.get("/public/agreements/?sector=C").content.decode()
    assert 'id="a-SA-C"' in page and 'id="a-SA-F"' not in page and 'id="a-RA-47"' not in page
    page = c.get("/public/agreements/?sector=C&region=47").content.decode()
    assert 'id="a-SA-C"' in page and 'id="a-RA-47"' in page and 'id="a-RA-75"' not in page
    page = c.get("/public/agreements/?on=2024-06-01").content.decode()
    assert 'id="a-SA-G"' in page and 'id="a-SA-C"' not in page
    # defaults submitted as they are (empty sector and region) work
    assert c.get("/public/agreements/?sector=&region=&on=").status_code == 200


def test_kazakh(published: Path) -> None:
    c = Client()
    c.cookies["django_language"] = "kk"
    page = c.get("/public/agreements/", HTTP_ACCEPT_LANGUAGE="kk").content.decode()
    assert "Салалық" in page


def test_downloads(published: Path) -> None:
    c = Client()
    r = c.get("/public/agreements/export.csv?sector=F")
    assert r.status_code == 200
    text = r.content.decode("utf-8-sig")
    assert "SA-F" in text and "SA-C" not in text
    r = c.get("/public/agreements/export.xlsx")
    assert r.status_code == 200
    from openpyxl import load_workbook

    ws = load_workbook(io.BytesIO(r.content)).active
    assert ws is not None and ws.max_row == 6  # header + 5 agreements in force
    assert c.get("/public/agreements/export.pdf").status_code == 404


def test_atom_feed(published: Path) -> None:
    r = Client().get("/public/agreements/feed/")
    assert r.status_code == 200 and "application/atom+xml" in r["Content-Type"]
    body = r.content.decode()
    assert "<feed" in body and "labormap-agreement-SA-C" in body and "labormap-agreement-GA" not in body


@pytest.mark.parametrize(
    "url",
    [
        "/agreements/",
        "/agreements/coverage/",
        "/agreements/completeness/",
        "/agreements/note/",
        "/agreements/coverage/regions.json",
        "/employers/",
        "/map/",
        "/cases/",
        "/control/",
        "/",
    ],
)
def test_everything_else_needs_login(published: Path, url: str) -> None:
    r = Client().get(url)
    assert r.status_code in (302, 401, 403), url
    if r.status_code == 302:
        assert "login" in r["Location"]
