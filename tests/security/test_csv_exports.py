"""Item 10 (web side): every CSV export neutralises cells a spreadsheet would evaluate — the audit log
with user names typed into a failed login, and the employers export."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.contrib.auth import get_user_model
from django.test import Client

from labormap.web.employers.models import Employer
from tests.web.conftest import make_user

EVIL = ['=HYPERLINK("http://evil.example","x")', "-2+3+cmd|' /C calc'!A0", "@SUM(1)"]


def _cells(body: bytes) -> list[str]:
    return [c for row in csv.reader(io.StringIO(body.decode("utf-8-sig"))) for c in row]


def _admin() -> Client:
    make_user("sec-admin", role="ministry_admin", scope_kind="country")
    c = Client()
    c.force_login(get_user_model().objects.get(username="sec-admin"))
    return c


def test_audit_export_neutralises_usernames(world: dict[str, Any]) -> None:
    for name in EVIL:
        Client().post("/accounts/login/", {"username": name, "password": "x"})
    body = b"".join(_admin().get("/accounts/audit/export.csv").streaming_content)  # type: ignore[attr-defined]
    cells = _cells(body)
    for name in EVIL:
        assert name not in cells
        assert "'" + name in cells


def test_employers_export_neutralises_names(world: dict[str, Any]) -> None:
    e = Employer.objects.order_by("bin").first()
    assert e is not None
    e.name = EVIL[1]
    e.save()
    c = _admin()
    body = b"".join(c.get("/employers/export.csv", {"q": e.bin}).streaming_content)  # type: ignore[attr-defined]
    cells = _cells(body)
    assert EVIL[1] not in cells
    assert "'" + EVIL[1] in cells


def test_every_csv_writer_in_the_web_is_the_safe_one() -> None:
    from pathlib import Path

    import labormap.web

    root = Path(labormap.web.__file__).parent
    offenders = [str(p) for p in root.rglob("*.py") if "csv.writer(" in p.read_text(encoding="utf-8")]
    assert offenders == []
