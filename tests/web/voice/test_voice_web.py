"""Voice web: the 10-respondent rule on the page, CSV export, API and card; one answer per token; no IP
stored; throttling; appeals routed, answered and seen with the receipt code; consultations."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from django.db import connection
from django.test import Client

from labormap.web.voice import services
from labormap.web.voice.models import (
    Appeal,
    PendingSheet,
    SurveyToken,
    ThrottleHit,
    TokenBatch,
)
from tests.features.tiny import bin_of
from tests.voice import handmade as hm
from tests.web.layoffs.conftest import login, token_client

E1, E2 = bin_of(1), bin_of(2)
NOT_ENOUGH = "недостаточно ответов"


def _batch(staff: Client, bin_: str, size: int = 3) -> TokenBatch:
    r = staff.post(f"/voice/employer/{bin_}/", {"wave": hm.WAVE, "size": size})
    assert r.status_code == 302, r.content[:500]
    return TokenBatch.objects.filter(employer_bin=bin_).latest("created_at")


def _answer(client: Client, token: str, value: int = 2) -> Any:
    page = client.get(f"/voice/s/{token}/")
    assert page.status_code == 200 and "csrfmiddlewaretoken" in page.content.decode()
    assert "<script" not in page.content.decode()  # works with no script at all
    data = {
        q: str(value)
        for q in (
            "q_pay",
            "q_pay_on_time",
            "q_conditions",
            "q_safety",
            "q_management",
            "q_job_security",
            "q_voice",
            "q_protest",
        )
    }
    data["csrfmiddlewaretoken"] = client.cookies["csrftoken"].value
    return client.post(f"/voice/s/{token}/", data)


def _index_of(body: str, name: str) -> str:
    row = re.search(
        rf"{re.escape(name)}</a></td><td class=\"num\">(\d+)</td><td class=\"num\">(.*?)</td>", body, re.S
    )
    assert row, name
    return row.group(2)


def test_nine_hidden_everywhere_tenth_answer_shows(published: Path) -> None:
    staff = login("min", "ministry_admin", "country")
    # 9 respondents: "not enough answers" on the page, in the CSV, the API and the card
    page = staff.get(f"/voice/?wave={hm.WAVE}").content.decode()
    assert NOT_ENOUGH in _index_of(page, "ТОО Тест 1") and "75,0" in _index_of(page, "ТОО Тест 2")
    csv_ = staff.get(f"/voice/index.csv?wave={hm.WAVE}").content.decode()
    assert f"{E1},{hm.WAVE},9,{NOT_ENOUGH}" in csv_ and f"{E2},{hm.WAVE},10,75.0,25.0" in csv_
    api = token_client("api", "analyst", "country")
    rows = {r["key"]: r for r in api.get(f"/api/v1/voice/index/employers?wave={hm.WAVE}").json()["rows"]}
    assert rows[E1]["index"] is None and rows[E1]["enough"] is False and rows[E2]["index"] == 75.0
    card = staff.get(f"/employers/{E1}/").content.decode()
    assert "voice-panel" in card and NOT_ENOUGH in card
    # a worker scans the poster, answers: the tenth respondent
    b = _batch(staff, E1)
    worker = Client(enforce_csrf_checks=True)
    land = worker.get(f"/voice/p/{b.poster_code}/")
    assert land.status_code == 200
    r = worker.post(f"/voice/p/{b.poster_code}/", {"csrfmiddlewaretoken": worker.cookies["csrftoken"].value})
    assert r.status_code == 302 and "/voice/s/" in r["Location"]
    token = r["Location"].split("/voice/s/")[1].split("/")[0]
    done = _answer(worker, token)
    assert done.status_code == 200 and "анонимно" in done.content.decode()
    assert PendingSheet.objects.count() == 0  # went to the warehouse through the drop
    page = staff.get(f"/voice/?wave={hm.WAVE}").content.decode()
    assert 'id="voice-waves"' in page and "Выдано ссылок" in page
    assert _index_of(page, "ТОО Тест 1").strip().startswith('<span class="voice-index">25,0')
    rows = {r["key"]: r for r in api.get(f"/api/v1/voice/index/employers?wave={hm.WAVE}").json()["rows"]}
    assert rows[E1]["respondents"] == 10 and rows[E1]["index"] == 25.0
    assert "25,0" in staff.get(f"/employers/{E1}/").content.decode()
    reg = api.get(f"/api/v1/voice/index/regions?wave={hm.WAVE}").json()["rows"]
    assert reg[0]["key"] == "47" and reg[0]["respondents"] == 20 and reg[0]["index"] == 50.0


def test_one_answer_per_token_and_throttle(published: Path) -> None:
    staff = login("min", "ministry_admin", "country")
    b = _batch(staff, E2, size=2)
    t1, t2 = SurveyToken.objects.filter(batch=b).values_list("token", flat=True)
    w = Client()
    assert _answer(w, t1).status_code == 200
    again = _answer_again = w.post(f"/voice/s/{t1}/", {"q_pay": "3"})
    assert again.status_code == 410 and SurveyToken.objects.get(token=t1).used
    assert _answer_again is again
    # per token: a burst of bad submissions on t2 is cut off
    codes = [w.post(f"/voice/s/{t2}/", {"q_pay": "9"}).status_code for _ in range(7)]
    assert 429 in codes and not SurveyToken.objects.get(token=t2).used
    # per poster and address: three links a day
    codes = [w.post(f"/voice/p/{b.poster_code}/").status_code for _ in range(5)]
    assert codes[:3] == [302, 302, 302] and codes[3] == 429
    # body size limit
    big = w.post(f"/voice/s/{t2}/", {"q_pay": "1", "x": "y" * 20000})
    assert big.status_code in (400, 429)


def test_no_identity_or_address_stored(published: Path) -> None:
    staff = login("min", "ministry_admin", "country")
    b = _batch(staff, E2, size=1)
    tok = SurveyToken.objects.get(batch=b).token
    w = Client(REMOTE_ADDR="203.0.113.77")
    _answer(w, tok)
    w.post(
        f"/voice/p/{b.poster_code}/appeal/", {"text": "На заводе третий месяц не платят зарплату, помогите"}
    )
    from django.apps import apps

    for model in apps.get_app_config("voice").get_models():
        names = {f.name for f in model._meta.get_fields()}
        assert not names & {"ip", "ip_address", "address", "phone", "name", "iin", "user_agent", "used_at"}, (
            model
        )
    # no row of any voice table holds the address, and the sheet keeps no link to its token
    with connection.cursor() as cur:
        for model in apps.get_app_config("voice").get_models():
            cur.execute(f"SELECT * FROM {model._meta.db_table}")
            for row in cur.fetchall():
                assert "203.0.113.77" not in " ".join(map(str, row)), model
    assert ThrottleHit.objects.exists()
    assert all(len(h.key) == 64 for h in ThrottleHit.objects.all())
    assert "token" not in {f.name for f in PendingSheet._meta.get_fields()}
    from labormap.web.accounts.models import AuditEvent

    assert not AuditEvent.objects.filter(ip="203.0.113.77").exists()


def test_appeal_routed_answered_and_seen_with_receipt(published: Path) -> None:
    staff = login("min", "ministry_admin", "country")
    b = _batch(staff, E1, size=0)
    w = Client()
    spam = w.post(f"/voice/p/{b.poster_code}/appeal/", {"text": "aaaaaaaaaaaaaaaaaaaaaa"})
    assert spam.status_code == 200 and not Appeal.objects.exists()
    hp = w.post(
        f"/voice/p/{b.poster_code}/appeal/",
        {"text": "Не платят зарплату на нашем заводе три месяца", "website": "x"},
    )
    assert hp.status_code == 200 and not Appeal.objects.exists()
    r = w.post(f"/voice/p/{b.poster_code}/appeal/", {"text": "Не платят зарплату на нашем заводе три месяца"})
    body = r.content.decode()
    code = re.search(r'id="receipt-code">(\w+)<', body).group(1)  # type: ignore[union-attr]
    a = Appeal.objects.get(receipt=code)
    assert (a.employer_bin, a.kind, a.body, a.status) == (E1, "wage_arrears", "labour_inspection", "routed")
    assert a.due_on > a.received_on
    assert "инспекц" in body.lower()
    status = w.get(f"/voice/a/?code={code}").content.decode()
    assert "направлено исполнителю" in status
    # the inspection answers from the inbox
    inbox = staff.get("/voice/appeals/").content.decode()
    assert f"/voice/appeals/{a.pk}/" in inbox
    staff.post(f"/voice/appeals/{a.pk}/", {"body": "mio", "answer": ""})  # re-routed, not answered
    a.refresh_from_db()
    assert (a.body, a.status) == ("mio", "routed")
    assert (
        f"/voice/appeals/{a.pk}/" not in staff.get("/voice/appeals/?body=labour_inspection").content.decode()
    )
    staff.post(
        f"/voice/appeals/{a.pk}/", {"body": "labour_inspection", "answer": "Проверка назначена на 2 декабря."}
    )
    a.refresh_from_db()
    assert a.status == "answered"
    status = w.get(f"/voice/a/?code={code}").content.decode()
    assert "Проверка назначена" in status and "дан ответ" in status
    # out of scope: an akimat of another region sees neither the appeal nor the employer page
    ak = login("ak23", "akimat", "region", regions="23")
    assert ak.get(f"/voice/appeals/{a.pk}/").status_code == 404
    assert ak.get(f"/voice/employer/{E1}/").status_code == 404
    assert token_client("ak23api", "akimat", "region", regions="23").get("/api/v1/voice/appeals").json() == []


def test_import_and_consultations(published: Path) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    staff = login("min", "ministry_admin", "country")
    f = SimpleUploadedFile(
        "calls.csv",
        "id;дата;текст\n1;20.11.2026;Рабочие грозят забастовкой если не поднимут зарплату\n".encode(),
    )
    staff.post("/voice/appeals/import/", {"file": f, "channel": "call_centre"})
    a = Appeal.objects.get(external_id="1")
    assert (a.body, a.urgent, a.channel) == ("mio", True, "call_centre")
    staff.post(
        "/voice/consultations/",
        {
            "ev-title": "Трудовая консультация",
            "ev-held_on": "2026-12-10",
            "ev-region": "47",
            "ev-with_ministry": "on",
            "ev-with_unions": "on",
            "ev-with_employers": "on",
        },
    )
    staff.post(
        "/voice/consultations/",
        {
            "q-topic": "wages",
            "q-question": "Как считается сверхурочная работа?",
            "q-answer": "",
            "q-public": "on",
        },
    )
    staff.post(
        "/voice/consultations/",
        {
            "q-topic": "leave",
            "q-question": "Сколько дней отпуска?",
            "q-answer": "24 календарных дня.",
            "q-public": "on",
        },
    )
    page = staff.get("/voice/consultations/").content.decode()
    assert "Трудовая консультация" in page and "Как считается" in page
    public = Client().get("/voice/q/").content.decode()
    assert "24 календарных дня" in public and "Как считается" not in public  # only answered questions


def test_min_respondents_defined_once() -> None:
    from labormap.voice.index import MIN_RESPONDENTS

    assert MIN_RESPONDENTS == 10 and services.MIN_RESPONDENTS is MIN_RESPONDENTS
    src = Path(__file__).parents[3] / "src" / "labormap"
    hits = [p for p in src.rglob("*.py") if re.search(r"MIN_RESPONDENTS\s*=", p.read_text(encoding="utf-8"))]
    assert [p.name for p in hits] == ["index.py"]


def test_three_labour_appeals_raise_an_alert(published: Path) -> None:
    from labormap.web.alerts.models import Alert

    staff = login("min", "ministry_admin", "country")
    b = _batch(staff, E2, size=0)
    w = Client()
    texts = [
        "Не платят зарплату на заводе третий месяц",
        "Работникам завода не платят зарплату, мастер молчит",
        "Рабочим не выплачивают заработную плату три месяца",
    ]
    for i, t in enumerate(texts):
        w.post(f"/voice/p/{b.poster_code}/appeal/", {"text": t})
        assert Alert.objects.filter(kind="appeals").exists() == (i == 2)
    a = Alert.objects.get(kind="appeals")
    assert a.employer_id == E2 and a.details["appeals_30d"] == 3
    assert "Обращения работников" in staff.get("/alerts/").content.decode()


def test_map_layer(published: Path) -> None:
    staff = login("min", "ministry_admin", "country")
    data = staff.get(f"/voice/map/regions.json?wave={hm.WAVE}").json()
    # 19 respondents in region 47, 9 of them employer 1's alone: no figure (differencing)
    assert data["regions"] == [
        {
            "kato": "47",
            "wave": hm.WAVE,
            "total": 19,
            "flagged": None,
            "index": None,
            "enough": False,
            "share": None,
            "share_class": 0,
        }
    ]
    page = staff.get("/map/?layer=voice")
    assert page.status_code == 200 and "/voice/map/regions.json" in page.content.decode()
    # an employer-level figure never reaches the map: region 23 has no answers, nothing below ten shows
    ak = login("ak47", "akimat", "region", regions="47")
    assert ak.get("/voice/map/regions.json").json()["regions"][0]["total"] == 19


def test_demo_step(published: Path, tmp_path: Path) -> None:
    from tests.web.conftest import make_user

    for name, role in (("akimat-47", "akimat"), ("inspector-47", "inspector")):
        make_user(name, role, "region", regions="47")
    make_user("ministry", "ministry_admin", "country")
    from labormap.web.voice.demo import run_demo

    lines = run_demo(published, tmp_path / "reports")
    text = "\n".join(lines)
    assert "9 answers → index None, figure on the page: False" in text
    assert "10th answer → index 52.5, figure on the page: True" in text
    assert "labour_inspection" in text and "answered: True" in text
    assert list((tmp_path / "reports").glob("voice-poster-*.pdf"))


def test_public_pages_in_kazakh(published: Path) -> None:
    staff = login("min", "ministry_admin", "country")
    b = _batch(staff, E2, size=1)
    tok = SurveyToken.objects.get(batch=b, from_poster=False).token
    land = Client().get(f"/voice/p/{b.poster_code}/?lang=kk").content.decode()
    assert "Сауалнамадан өту" in land and 'lang="kk"' in land
    form = Client().get(f"/voice/s/{tok}/?lang=kk").content.decode()
    assert "Жалақыңыздың мөлшеріне" in form and "толық иә" in form
    q = Client().get("/voice/q/?lang=kk").content.decode()
    assert "Еңбек кеңестері" in q


def test_answer_kept_when_the_drop_fails(published: Path, monkeypatch: Any) -> None:
    import labormap.voice.drop as drop

    def boom(*a: Any, **k: Any) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(drop, "ingest_sheets", boom)
    staff = login("min", "ministry_admin", "country")
    b = _batch(staff, E1, size=1)
    tok = SurveyToken.objects.get(batch=b).token
    assert _answer(Client(), tok).status_code == 200
    assert PendingSheet.objects.count() == 1  # waits for the next drop
    monkeypatch.undo()
    assert services.flush() == 1 and PendingSheet.objects.count() == 0


def test_management_commands(published: Path, tmp_path: Path) -> None:
    import io

    from django.core.management import call_command

    out, err = io.StringIO(), io.StringIO()
    pdf = tmp_path / "p.pdf"
    call_command(
        "voice_tokens", "--employer", E2, "--wave", hm.WAVE, "--size", "3", "--base-url", "https://lm.example",
        "--poster", str(pdf), stdout=out, stderr=err,
    )  # fmt: skip
    links = out.getvalue().split()
    assert len(links) == 3 and all(x.startswith("https://lm.example/voice/s/") for x in links)
    assert pdf.read_bytes().startswith(b"%PDF")
    out = io.StringIO()
    call_command("voice_flush", stdout=out)
    assert "0 pending" in out.getvalue()
