"""Layoffs pages and API: scoped to holding, akimat region and ministry; plans kept and tracked; the note."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from docx import Document

from tests.features.tiny import bin_of
from tests.layoffs import handmade as hm
from tests.web.layoffs.conftest import login, token_client

HOLDING = "Холдинг Тест"


def test_expected_page_and_api_by_scope(published: Path) -> None:
    ministry = login("min", "ministry_admin", "country")
    r = ministry.get("/layoffs/")
    assert r.status_code == 200
    body = r.content.decode()
    assert "ТОО Тест 2" in body and "layoffs-curve-data" in body and "январь 2026" in body
    expected = {
        ("analyst", "country", ()): {"K1", "K2", "K4", "K5"},
        ("akimat", "region", (("regions", "23"),)): {"K5"},
        ("akimat", "region", (("regions", "47"),)): {"K1", "K2", "K4"},
        ("holding", "holding", (("holding", HOLDING),)): {"K1", "K2", "K4"},
        ("employer", "own", (("employer_bins", bin_of(hm.C5)),)): {"K5"},
    }
    for i, ((role, kind, scope), ids) in enumerate(expected.items()):
        api = token_client(f"u{i}", role, kind, **dict(scope))
        data = api.get("/api/v1/layoffs/expected").json()
        assert {c["contract_id"] for c in data["contracts"]} == ids, role
        assert sum(m["workers"] for m in data["months"]) == sum(
            c["workers_ending_12m"] for c in data["customers"]
        )
        assert sum(m["workers"] for m in data["months"]) == sum(
            r["workers"] for r in data["by_region_sector"]
        )


def test_terms_page_and_api(published: Path) -> None:
    holding = login("hold", "holding", "holding", holding=HOLDING)
    r = holding.get("/layoffs/terms/")
    assert r.status_code == 200 and "ТОО Тест 4" in r.content.decode()  # the short chain of C4
    t = token_client("apiak23", "akimat", "region", regions="23").get("/api/v1/layoffs/terms").json()
    assert t["chains"] == [] and {d["key"] for d in t["durations"] if d["by"] == "region"} == {"23"}
    page = login("min", "ministry_admin", "country").get("/layoffs/")
    assert "Мангистауская" in page.content.decode()  # the region × sector table


def test_group_tree(published: Path) -> None:
    holding = login("hold", "holding", "holding", holding=HOLDING)
    r = holding.get("/layoffs/group/")
    assert r.status_code == 200
    body = r.content.decode()
    assert HOLDING in body and "ТОО Тест 2" in body and "ТОО Тест 4" in body
    # the ministry opens the same tree for any operator; an akimat of another region gets 404
    ministry = login("min", "ministry_admin", "country")
    assert ministry.get(f"/layoffs/group/{bin_of(hm.CUSTOMER6)}/").status_code == 200
    akimat23 = login("ak23", "akimat", "region", regions="23")
    assert akimat23.get(f"/layoffs/group/{bin_of(hm.CUSTOMER)}/").status_code == 404
    assert akimat23.get("/layoffs/group/").status_code == 200
    # the card shows the panel with the group tree link
    card = ministry.get(f"/employers/{bin_of(hm.CUSTOMER)}/")
    assert card.status_code == 200 and f"/layoffs/group/{bin_of(hm.CUSTOMER)}/" in card.content.decode()
    api = token_client("apimin", "analyst", "country")
    tree = api.get(f"/api/v1/layoffs/group/{bin_of(hm.CUSTOMER)}").json()
    assert tree["title"] == HOLDING
    kids = {k["bin"]: k for co in tree["companies"] for k in co["contractors"]}
    assert kids[bin_of(hm.C2)]["ending_workers"] == 100 and kids[bin_of(hm.C2)]["workers"] == 110
    assert (
        token_client("apiak", "akimat", "region", regions="23")
        .get(f"/api/v1/layoffs/group/{bin_of(hm.CUSTOMER)}")
        .status_code
        == 404
    )


def test_lowpay_plans_and_note(published: Path) -> None:
    akimat = login("ak47", "akimat", "region", regions="47")
    r = akimat.get("/layoffs/lowpay/")
    assert r.status_code == 200 and "ТОО Тест 2" in r.content.decode()
    # the new-plan form submitted with its defaults (plus the employer) works
    r = akimat.get(f"/layoffs/plans/new/?employer={bin_of(hm.C4)}")
    assert r.status_code == 200
    form = r.context["form"]
    data = {k: form[k].value() for k in form.fields}
    data["due_on"] = str(data["due_on"])
    data["note"] = data["note"] or ""
    assert akimat.post("/layoffs/plans/new/", data).status_code == 302
    # a plan with a base month before the raise, already due: tracked as met
    data.update(base_period="2025-01", due_on="2025-12-01", target_raise_pct="5")
    assert akimat.post("/layoffs/plans/new/", data).status_code == 302
    # an employer out of the akimat's region is refused
    bad = dict(data, employer_bin=bin_of(hm.C5))
    r = akimat.post("/layoffs/plans/new/", bad)
    assert r.status_code == 200 and r.context["form"].errors
    r = akimat.get("/layoffs/plans/?year=2025")
    assert r.status_code == 200
    statuses = [a.status if a else None for _p, a in r.context["rows"]]
    assert sorted(statuses, key=str) == ["met", "no_data"]
    assert [(x.region, x.plans, x.met) for x in r.context["report"]] == [("47", 1, 1)]
    assert len(akimat.get(f"/layoffs/plans/?q={bin_of(hm.C4)}").context["rows"]) == 2
    assert akimat.get("/layoffs/plans/?region=23").context["rows"] == []
    plans = token_client("apiak47", "akimat", "region", regions="47").get("/api/v1/layoffs/plans").json()
    assert {p["status"] for p in plans} == {"met", "no_data"}
    # other scopes do not see them; a union cannot create plans
    assert token_client("apiak23", "akimat", "region", regions="23").get("/api/v1/layoffs/plans").json() == []
    union = login("un", "union", "region", regions="47")
    assert union.get("/layoffs/plans/new/").status_code == 404
    # the employer edits its own plan
    emp = login("emp4", "employer", "own", employer_bins=bin_of(hm.C4))
    # an employer's new-plan form defaults to its own BIN and saves as it is
    form = emp.get("/layoffs/plans/new/").context["form"]
    defaults = {k: form[k].value() for k in form.fields}
    assert defaults["employer_bin"] == bin_of(hm.C4)
    defaults.update(due_on=str(defaults["due_on"]), note="")
    assert emp.post("/layoffs/plans/new/", defaults).status_code == 302
    pk = r.context["rows"][0][0].pk
    assert emp.get(f"/layoffs/plans/{pk}/").status_code == 200
    assert (
        login("emp2", "employer", "own", employer_bins=bin_of(hm.C2)).get(f"/layoffs/plans/{pk}/").status_code
        == 404
    )
    for lang, text in (("ru", "Справка"), ("kk", "анықтама"), ("en", "Note on expected")):
        r = akimat.get(f"/layoffs/note/?lang={lang}")
        assert r.status_code == 200 and r["Content-Type"].startswith("application/vnd.openxmlformats")
        doc = "\n".join(p.text for p in Document(io.BytesIO(r.content)).paragraphs)
        assert (text in doc and "Мангистауская" in doc) or lang != "ru"


def test_no_successor_alert(published: Path) -> None:
    from labormap.web.alerts.models import Alert

    a = Alert.objects.get(kind="no_renewal")
    assert a.employer_id == bin_of(hm.C2) and a.details["workers"] == 100
    ministry = login("min", "ministry_admin", "country")
    r = ministry.get("/alerts/?kind=no_renewal")
    assert r.status_code == 200 and "100 работников по договору" in r.content.decode()


def test_pages_without_warehouse(db: Any, settings: Any) -> None:
    settings.LABORMAP_WAREHOUSE = None
    c = login("min", "ministry_admin", "country")
    assert c.get("/layoffs/").status_code == 503
    assert c.get("/layoffs/plans/").status_code == 200


def test_demo_step(published: Path, tmp_path: Path) -> None:
    from labormap.web.layoffs.demo import run_demo
    from tests.web.conftest import make_user

    make_user("akimat-47", "akimat", "region", regions="47")
    make_user("holding-test", "holding", "holding", holding=HOLDING)
    rows = {r["user"]: r for r in run_demo(tmp_path)}
    ak = rows["akimat-47"]
    assert (ak["page"], ak["contracts_12m"], ak["workers_6m"]) == (200, 3, 103)
    assert ak["plan_employer"] == bin_of(hm.C2) and ak["plan_status"] in (
        "met",
        "behind",
        "in_progress",
        "no_data",
    )
    assert ak["plans_page"] == 200 and Path(ak["note"]).stat().st_size > 5000
    assert rows["holding-test"]["workers_12m"] == 103
