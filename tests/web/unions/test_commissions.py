"""A union proposes a high-risk employer; a sectoral commission hears it; decisions become dated tasks;
protocols are DOCX in ru and kk; the semi-annual sectoral protocol."""

from __future__ import annotations

import io
from typing import Any

from docx import Document

from tests.web.unions.conftest import E1, E3, login


def _text(content: bytes) -> str:
    d = Document(io.BytesIO(content))
    cells = [c.text for t in d.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in d.paragraphs] + cells)


def test_sectoral_commission_hears_a_union_proposal(world: dict[str, Any]) -> None:
    from labormap.web.cases.models import Task
    from labormap.web.unions.models import CommissionSitting, HearingProposal

    union = login("u1", "union", "employers", employer_bins=E1, organisation=world["org"])
    union.post("/unions/propose/", {"employer": E1, "level": "sectoral", "reason": "Долги по зарплате"})
    analyst = login("an", "analyst", "country")
    page = analyst.get("/unions/commissions/?level=sectoral").content.decode()
    assert "ТОО Металл" in page
    assert (
        union.post("/unions/commissions/", {"level": "sectoral", "sector": "C"}).status_code == 404
    )  # unions propose
    r = analyst.post("/unions/commissions/", {"level": "sectoral", "sector": "C", "planned_on": "2026-12-10"})
    assert r.status_code == 302
    s = CommissionSitting.objects.get()
    assert s.level == "sectoral" and [e.employer_id for e in s.employers.all()] == [E1]
    assert HearingProposal.objects.get().hearing_id == s.pk  # heard: no longer open
    analyst.post(
        f"/unions/commissions/{s.pk}/", {"action": "held", "held_on": "2026-12-10", "protocol_no": "7"}
    )
    analyst.post(f"/unions/commissions/{s.pk}/", {"action": "decision", "employer": E1, "body": "labour_inspection",
                                                  "due_days": "10", "text": "Провести проверку оплаты труда"})  # fmt: skip
    d = s.decisions.get()
    assert d.task_id is not None
    task = Task.objects.get(pk=d.task_id)
    assert task.employer_id == E1 and task.body == "labour_inspection" and str(task.due_on) == "2026-12-25"
    ru = _text(analyst.get(f"/unions/commissions/{s.pk}/protocol-ru.docx").content)
    kk = _text(analyst.get(f"/unions/commissions/{s.pk}/protocol-kk.docx").content)
    assert "Протокол заседания № 7" in ru and "Провести проверку оплаты труда" in ru and "2026-12-25" in ru
    assert "Отырыс хаттамасы" in kk and "Салалық үшжақты комиссия" in kk
    semi = _text(analyst.get("/unions/commissions/semiannual.docx?sector=C&half=2026-H2&lang=kk").content)
    assert "Салалық комиссияның жарты жылдық хаттамасы" in semi and "2026-12-10" in semi
    from tests.web.unions.conftest import token_client

    api = token_client("u1api", "union", "employers", employer_bins=E1, organisation=world["org"])
    [row] = api.get("/api/v1/unions/sittings?level=sectoral").json()
    assert row["id"] == s.pk and row["employers"] == [E1] and row["decisions"][0]["task_id"] == task.pk
    assert (
        token_client("e3api", "employer", "own", employer_bins=E3).get("/api/v1/unions/sittings").json() == []
    )
    # the union sees the sitting that heard its employer; an employer out of scope does not
    assert union.get(f"/unions/commissions/{s.pk}/").status_code == 200
    assert (
        login("e3", "employer", "own", employer_bins=E3).get(f"/unions/commissions/{s.pk}/").status_code
        == 404
    )


def test_regional_and_republican_sittings(world: dict[str, Any]) -> None:
    from labormap.web.unions.models import CommissionSitting

    union = login("u2", "union", "employers", employer_bins=E1, organisation=world["org"])
    union.post("/unions/propose/", {"employer": E1, "level": "regional"})
    union.post("/unions/propose/", {"employer": E1, "level": "republican"})
    insp = login("i47", "inspector", "region", regions="47")
    assert 'name="region"' in insp.get("/unions/commissions/?level=regional").content.decode()
    insp.post("/unions/commissions/", {"level": "regional", "region": "47"})
    minister = login("min", "ministry_admin", "country")
    minister.post("/unions/commissions/", {"level": "republican"})
    got = {(s.level, s.region) for s in CommissionSitting.objects.all()}
    assert got == {("regional", "47"), ("republican", "")}
    kk = _text(
        minister.get(
            f"/unions/commissions/{CommissionSitting.objects.get(level='regional').pk}/protocol-kk.docx"
        ).content
    )
    assert "Өңірлік үшжақты комиссия — Маңғыстау облысы" in kk
