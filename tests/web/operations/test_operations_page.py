"""Operations page (administrators only), the data-date banner on every page, the daily-note e-mail."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.core import mail

from labormap.ops import state
from labormap.warehouse import Warehouse
from tests.web.layoffs.conftest import login


def _run(wh: Warehouse, status: str, error: str = "") -> None:
    stages = {
        s: {"status": "done", "seconds": 1.5, "rows": 10}
        for s in ("ingest", "media", "score", "publish", "note")
    }
    if status == "failed":
        stages["score"] = {"status": "failed", "seconds": 0.4, "error": error}
    state.save_run(
        wh,
        {
            "run_id": f"20261125T0430-{status}",
            "status": status,
            "as_of": "2025-12-31",
            "drops": [{"name": "2025-12-31-full", "status": "done", "loaded": 1234}],
            "stages": stages,
        },
    )


def test_admin_sees_runs_with_stages_and_failures(
    world: dict[str, Any], settings: Any, tmp_path: Path
) -> None:
    wh = Warehouse(tmp_path / "wh")
    settings.LABORMAP_WAREHOUSE = wh.root
    _run(wh, "done")
    _run(wh, "failed", "disk full")
    admin = login("adm", "ministry_admin", "country")
    body = admin.get("/operations/").content.decode()
    assert "2025-12-31-full" in body and "disk full" in body
    assert "расчёт риска" in body and "ошибка" in body  # stage and status labels, not codes
    assert ">failed<" not in body and ">score:" not in body
    api_runs = admin.get("/api/v1/operations/runs")
    assert api_runs.status_code in (200, 401)  # session auth may not apply to the token API


def test_non_admin_gets_404(world: dict[str, Any]) -> None:
    assert login("ak", "akimat", "region", regions="47").get("/operations/").status_code == 404


def test_every_page_shows_the_data_date_and_a_stale_banner(world: dict[str, Any]) -> None:
    body = login("an", "analyst", "country").get("/employers/").content.decode()
    assert 'id="data-date"' in body
    # the test world's snapshots are in the past, so the banner says the data are old
    assert "старше двух дней" in body and "stale" in body


def test_data_age() -> None:
    from labormap.web.operations.services import data_age

    today = dt.date(2026, 11, 25)
    assert data_age(dt.date(2026, 11, 24), today) == (1, False)
    assert data_age(dt.date(2026, 11, 22), today) == (3, True)
    assert data_age(None, today) == (None, False)


def test_daily_note_mailed_to_country_subscribers_only(world: dict[str, Any], tmp_path: Path) -> None:
    from labormap.web.operations.models import NoteSubscription
    from labormap.web.operations.notify import send_daily_note

    note = tmp_path / "daily.docx"
    note.write_bytes(b"PK\x03\x04 fake docx")
    c = login("an2", "analyst", "country")
    r = c.post("/operations/note/", {"active": "on", "lang": "kk"})
    assert r.status_code == 302
    login("ak2", "akimat", "region", regions="47")
    from django.contrib.auth import get_user_model

    NoteSubscription.objects.create(user=get_user_model().objects.get(username="ak2"), active=True)
    mail.outbox.clear()
    assert send_daily_note(note, dt.date(2025, 12, 31)) == 1
    msg = mail.outbox[0]
    assert msg.to == ["an2@example.kz"] and "31.12.2025" in msg.subject and "анықтама" in msg.subject
