"""Agreements pages: findings within scope (employer, union, region, ministry), out-of-scope 404, a case
from a finding, coverage, completeness, the note download."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from django.test import Client

from labormap.web.agreements.models import PayFinding
from tests.agreements import world


def _bins(page: str) -> set[str]:
    return {b for b in (world.make_bin(i) for i in range(1, 9)) if f'data-bin="{b}"' in page}


def test_published_exactly(published: Path) -> None:
    got = sorted(
        (f.employer_id, f.kind, f.workers, f.shortfall_kzt_month)
        for f in PayFinding.objects.filter(half="2025-H2")
    )
    want = sorted(
        (f["employer_bin"], f["kind"], f["workers"], f["shortfall_kzt_month"])
        for f in world.EXPECTED["findings"]
    )
    assert got == want


def test_ministry_sees_all(ministry: Client) -> None:
    page = ministry.get("/agreements/?half=2025-H2").content.decode()
    assert _bins(page) == {world.make_bin(i) for i in (1, 2, 3, 4, 6)}
    assert "below_ca_tariff" not in page.replace('value="below_ca_tariff"', "").replace(
        'data-kind="below_ca_tariff"', ""
    )  # codes only as values, the reader sees labels


def test_union_sees_its_members_only(union3: Client) -> None:
    page = union3.get("/agreements/?half=2025-H2").content.decode()
    assert _bins(page) == {world.make_bin(3)}  # 5 is a member but honours its agreements


def test_employer_sees_own(employer1: Client) -> None:
    page = employer1.get("/agreements/").content.decode()
    assert _bins(page) == {world.make_bin(1)}


def test_region_scope(akimat47: Client) -> None:
    page = akimat47.get("/agreements/").content.decode()
    assert _bins(page) == {world.make_bin(4), world.make_bin(6)}


def test_case_from_finding_and_404_out_of_scope(union3: Client, published: Path) -> None:
    from labormap.web.cases.models import Case

    own = PayFinding.objects.get(employer_id=world.make_bin(3), kind="below_ca_tariff", half="2025-H2")
    other = PayFinding.objects.get(employer_id=world.make_bin(1), half="2025-H2")
    assert union3.post(f"/agreements/findings/{other.pk}/case/").status_code == 404
    assert Case.objects.count() == 0
    r = union3.post(f"/agreements/findings/{own.pk}/case/")
    assert r.status_code == 302
    case = Case.objects.get()
    assert case.employer_id == world.make_bin(3)
    assert case.links.get().ref == "agreements:2025-H2:below_ca_tariff"


def test_employer_cannot_open_cases(employer1: Client) -> None:
    own = PayFinding.objects.get(employer_id=world.make_bin(1), half="2025-H2")
    assert employer1.post(f"/agreements/findings/{own.pk}/case/").status_code == 403


def test_coverage_and_map_layer(ministry: Client, akimat47: Client) -> None:
    page = ministry.get("/agreements/coverage/?half=2025-H2").content.decode()
    assert 'id="coverage-regions"' in page and "SA-C24" in page
    data = ministry.get("/agreements/coverage/regions.json?half=2025-H2").json()
    reg = {r["kato"]: r for r in data["regions"]}
    assert reg["35"]["flagged"] == 1 and not reg["35"]["covered"] and reg["35"]["share_class"] == 5
    assert reg["47"]["covered"] and reg["47"]["flagged"] == 0
    only = akimat47.get("/agreements/coverage/regions.json").json()
    assert [r["kato"] for r in only["regions"]] == ["47"]


def test_completeness_page(ministry: Client) -> None:
    page = ministry.get("/agreements/completeness/?half=2025-H2").content.decode()
    assert 'data-agreement="SA-F"' in page and 'data-agreement="SA-G"' not in page
    assert page.count("✗") == 3  # SA-F: coefficient, hazard order, indexation


def test_note_download(ministry: Client, union3: Client) -> None:
    assert ministry.get("/agreements/note/").status_code == 200
    r = ministry.post("/agreements/note/", {"half": "2025-H2", "lang": "kk", "fmt": "docx"})
    assert r.status_code == 200 and r["Content-Type"].startswith("application/vnd.openxml")
    doc = zipfile.ZipFile(io.BytesIO(r.content)).read("word/document.xml").decode()
    assert world.make_bin(1) in doc and world.make_bin(6) in doc
    r = union3.post("/agreements/note/", {"half": "2025-H2", "lang": "ru", "fmt": "xlsx"})
    assert r.status_code == 200
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(r.content))
    text = " ".join(str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value)
    assert world.make_bin(3) in text and world.make_bin(1) not in text  # the union's scope only


def test_api(published: Path) -> None:
    from django.contrib.auth import get_user_model

    from labormap.web.accounts.tokens import issue
    from tests.web.conftest import make_user

    make_user("apiemp", "employer", "own", employer_bins=world.make_bin(3))
    tok, _ = issue(get_user_model().objects.get(username="apiemp"))
    api = Client(headers={"Authorization": f"Bearer {tok}"})
    data = api.get("/api/v1/agreements/compliance?half=2025-H2").json()
    assert data["count"] == 3 and {i["employer_bin"] for i in data["items"]} == {world.make_bin(3)}
    assert api.get("/api/v1/agreements/coverage").json()["half"] == "2025-H2"
    comp = api.get("/api/v1/agreements/completeness?half=2025-H2").json()
    assert {a["agreement_id"]: a["gaps"] for a in comp["agreements"]}["SA-F"] == [
        "inter_grade",
        "hazard_bonus",
        "indexation",
    ]
    assert Client().get("/api/v1/agreements/compliance").status_code == 401


def test_map_page_layer(ministry: Client) -> None:
    page = ministry.get("/map/?layer=agreements&all=1").content.decode()
    assert 'id="agreements-layer"' in page and "/agreements/coverage/regions.json" in page
    assert 'id="agreements-layer"' not in ministry.get("/map/?all=1").content.decode()


def test_card_panel(employer1: Client, union3: Client) -> None:
    page = employer1.get(f"/employers/{world.make_bin(1)}/").content.decode()
    assert 'id="agreements-panel"' in page and "34" in page
    assert union3.get(f"/employers/{world.make_bin(1)}/").status_code == 404  # not a member
    page = union3.get(f"/employers/{world.make_bin(5)}/").content.decode()
    assert 'id="agreements-panel"' not in page  # honours its agreements: no panel
