"""The voice demo step (``labormap demo``, after the accounts exist), run through the same views a phone
and a browser would (Django's test client):

1. ``akimat-47`` makes the survey links and the A4 poster for the largest employer of region 47 in the
   current wave (poster PDF into the reports folder);
2. workers scan the poster and answer, one by one; after nine the index page says "not enough answers",
   after the tenth the employer's index appears (each answer reaches the warehouse by an ingest drop);
3. ``labormap surveys index`` lists the employer; a worker sends an anonymous appeal from the same
   poster, it is routed to the labour inspection with a deadline, ``inspector-47`` answers it and the
   worker sees the answer with the receipt code;
4. a call-centre export is imported and routed; a labour consultation and an answered question are logged.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

DEMO_APPEALS = [
    {"id": "cc-1", "date": "", "text": "Работникам завода не платят зарплату третий месяц"},
    {"id": "cc-2", "date": "", "text": "Рабочие грозят забастовкой если не поднимут зарплату"},
    {"id": "cc-3", "date": "", "text": "Нас сокращают, уволят 50 работников в декабре"},
]


def _answers(value: int) -> dict[str, str]:
    from labormap.voice.questionnaire import current

    return {q: str(value) for q in current().codes}


def _worker_answers(poster_code: str, value: int, worker: int) -> int:
    from django.test import Client

    w = Client(REMOTE_ADDR=f"198.51.100.{worker + 10}")  # each worker their own phone
    r = w.post(f"/voice/p/{poster_code}/")
    token = r["Location"].split("/voice/s/")[1].split("/")[0]
    return w.post(f"/voice/s/{token}/", _answers(value)).status_code


def run_demo(warehouse: Path, reports: Path) -> list[str]:
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.utils import timezone

    from labormap.voice.questionnaire import wave_of
    from labormap.web.employers.models import Employer
    from labormap.web.voice.models import Appeal, ConsultationEvent, ConsultationQuestion, TokenBatch

    users = get_user_model().objects
    out: list[str] = []
    akimat = users.filter(username="akimat-47").first()
    inspector = users.filter(username="inspector-47").first()
    if akimat is None or inspector is None:
        return ["voice: demo accounts akimat-47 / inspector-47 missing"]
    from django.db.models import F

    from labormap.web.voice import services

    wave = wave_of(timezone.localdate())
    # an employer with no answers yet in the wave, so the demo shows the count going from 0 to 10
    answered = {g.key for g in services.index_rows("employer", wave, None)}
    e = (
        Employer.objects.filter(region="47")
        .exclude(bin__in=answered)
        .order_by(F("headcount").desc(nulls_last=True), "bin")
        .first()
    )
    if e is None:
        return ["voice: no employer in region 47"]
    staff = Client()
    staff.force_login(akimat)
    staff.post(f"/voice/employer/{e.bin}/", {"wave": wave, "size": 20})
    batch = TokenBatch.objects.filter(employer_bin=e.bin, wave__code=wave).latest("created_at")
    reports.mkdir(parents=True, exist_ok=True)
    pdf = staff.get(f"/voice/batch/{batch.pk}/poster.pdf")
    (reports / f"voice-poster-{e.bin}-{wave}.pdf").write_bytes(pdf.content)
    out.append(
        f"voice: poster for {e.name} ({e.bin}), wave {wave} → {reports}/voice-poster-{e.bin}-{wave}.pdf"
    )

    def shown() -> tuple[Any, bool]:
        """The employer's index in the wave (None below ten) and whether its page shows a figure."""
        rows = {g.key: g for g in services.index_rows("employer", wave, [e.bin])}
        page = staff.get(f"/voice/employer/{e.bin}/").content.decode()
        g = rows.get(e.bin)
        return (g.index if g else None), f"<td>{wave}</td>" in page and 'class="voice-index"' in page

    for i in range(9):
        _worker_answers(batch.poster_code, 2 + i % 3, i)
    idx, on_page = shown()
    out.append(f"voice: 9 answers → index {idx}, figure on the page: {on_page} ('not enough answers')")
    _worker_answers(batch.poster_code, 4, 9)
    idx, on_page = shown()
    out.append(f"voice: 10th answer → index {idx}, figure on the page: {on_page}")

    from labormap.demo.steps import cli

    js = reports.parent / f"surveys-index-{wave}.json"
    cli("surveys", "index", "--warehouse", warehouse, "--wave", wave, "--json", js)
    listed = [x for x in json.loads(js.read_text())["employers"] if x["employer_bin"] == e.bin]
    out.append(f"voice: `labormap surveys index` lists the employer: {listed}")

    worker = Client(REMOTE_ADDR="198.51.100.99")
    r = worker.post(
        f"/voice/p/{batch.poster_code}/appeal/",
        {"text": "Не платят зарплату на нашем заводе три месяца, мастер молчит"},
    )
    a = Appeal.objects.filter(employer_bin=e.bin).latest("pk")
    out.append(f"voice: appeal {a.receipt} ({r.status_code}) → {a.body}, due {a.due_on}, kind {a.kind}")
    insp = Client()
    insp.force_login(inspector)
    insp.post(
        f"/voice/appeals/{a.pk}/",
        {"body": a.body, "answer": "Проверка назначена, работодателю выдано предписание."},
    )
    status = worker.get(f"/voice/a/?code={a.receipt}").content.decode()
    out.append(f"voice: the worker opens the receipt page — answered: {'предписание' in status}")

    export = reports.parent / "call-centre-appeals.jsonl"
    today = timezone.localdate().isoformat()
    export.write_text(
        "\n".join(json.dumps({**x, "date": today}, ensure_ascii=False) for x in DEMO_APPEALS),
        encoding="utf-8",
    )
    cli(
        "appeals",
        "import",
        "--in",
        export,
        "--warehouse",
        warehouse,
        "--json",
        reports.parent / "appeals-triaged.json",
    )
    ministry = users.filter(username="ministry").first()
    if ministry is not None:
        m = Client()
        m.force_login(ministry)
        with export.open("rb") as f:
            m.post("/voice/appeals/import/", {"file": f, "channel": "call_centre"})
    ev, _c = ConsultationEvent.objects.get_or_create(
        title="Трудовая консультация: оплата труда в горнодобыче",
        held_on=timezone.localdate(),
        region="47",
        defaults={"place": "Актау, областной акимат"},
    )
    ConsultationQuestion.objects.get_or_create(
        event=ev,
        topic="leave",
        question="Сколько дней ежегодного отпуска положено при вредных условиях?",
        defaults={
            "answer": "Не менее 24 календарных дней и дополнительный отпуск не менее 6 дней.",
            "answered_on": timezone.localdate(),
        },
    )
    out.append(
        f"voice: appeals in the inbox: {Appeal.objects.count()}; consultations: {ConsultationEvent.objects.count()}"
    )
    return out
