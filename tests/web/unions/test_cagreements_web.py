"""A collective agreement from the draft to the registry: the pages, both-party acceptance, registration
through ingest, the API contract and the scope of every role."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.test import Client

from tests.web.unions.conftest import E1, E3, login, token_client

STATES = {"draft", "negotiation", "signed", "registered", "expired"}


def _union(world: dict[str, Any]) -> Client:
    return login("u1", "union", "employers", employer_bins=f"{E1} {bin_e2()}", organisation=world["org"])


def bin_e2() -> str:
    from tests.web.unions.conftest import E2

    return E2


def _draft(c: Client) -> int:
    from labormap.web.unions.models import CollectiveAgreement

    r = c.post("/unions/agreements/new/", {"employer": E1, "valid_from": "2026-12-01", "years": "3"})
    assert r.status_code == 302, r.content[:500]
    return CollectiveAgreement.objects.latest("pk").pk


def test_draft_negotiate_accept_register_reaches_the_registry(world: dict[str, Any]) -> None:
    from labormap.warehouse import Warehouse
    from labormap.web.unions.models import CollectiveAgreement

    union = _union(world)
    pk = _draft(union)
    ag = CollectiveAgreement.objects.get(pk=pk)
    assert ag.state == "draft" and ag.min_tariff_kzt == 150_000 and ag.flags == []  # pre-filled at the floor
    assert ag.clauses.count() == 11 and {c.section for c in ag.clauses.all()} == {
        "pay",
        "working_time",
        "safety",
        "social",
        "union_rights",
    }
    page = union.get(f"/unions/agreements/{pk}/")
    assert page.status_code == 200 and "150 000" in page.content.decode()

    employer = login("emp1", "employer", "own", employer_bins=E1)
    # the employer proposes a lower tariff: a new version, flagged before signing
    r = employer.post(
        f"/unions/agreements/{pk}/edit/",
        {
            "min_tariff_kzt": "140000",
            "tariff_coefficients": "1;1.2;1.44",
            "hazard_bonus_pct": "15",
            "indexation": "on",
            "valid_from": "2026-12-01",
            "valid_to": "2029-11-30",
            "clause_working_time.week": "Рабочая неделя — 40 часов.",
        },
    )
    assert r.status_code == 302
    ag.refresh_from_db()
    assert ag.state == "negotiation" and ag.version == 2
    assert [f["code"] for f in ag.flags] == ["tariff_below_sector"]
    union.post(
        f"/unions/agreements/{pk}/comment/", {"clause": "pay.tariff", "text": "Ниже отраслевого минимума"}
    )
    assert ag.comments.get().party == "union"
    employer.post(f"/unions/agreements/{pk}/accept/", {})
    ag.refresh_from_db()
    assert ag.employer_accepted_by_id is None  # a flagged draft is not accepted silently
    assert (
        "в проекте есть условия ниже отраслевого соглашения"
        in employer.get(f"/unions/agreements/{pk}/").content.decode()
    )
    html = union.get(f"/unions/agreements/{pk}/").content.decode()
    assert 'data-code="tariff_below_sector"' in html and "working_time.week" in html  # the flag and the diff

    # the union restores the tariff (version 3); both parties accept it; it is signed
    union.post(
        f"/unions/agreements/{pk}/edit/",
        {
            "min_tariff_kzt": "150000",
            "tariff_coefficients": "1;1.2;1.44",
            "hazard_bonus_pct": "15",
            "indexation": "on",
            "valid_from": "2026-12-01",
            "valid_to": "2029-11-30",
        },
    )
    ag.refresh_from_db()
    assert ag.flags == [] and ag.version == 3
    union.post(f"/unions/agreements/{pk}/accept/", {})
    ag.refresh_from_db()
    assert ag.state == "negotiation" and ag.union_accepted_by_id is not None
    # a party cannot register, nor can an employer out of scope see it
    assert union.post(f"/unions/agreements/{pk}/register/").status_code == 404
    employer.post(f"/unions/agreements/{pk}/accept/", {})
    ag.refresh_from_db()
    assert ag.state == "signed" and ag.signed_on is not None

    inspector = login("insp", "inspector", "region", regions="47")
    assert inspector.post(f"/unions/agreements/{pk}/accept/").status_code == 404  # not a party
    r = inspector.post(f"/unions/agreements/{pk}/register/")
    assert r.status_code == 302
    ag.refresh_from_db()
    assert ag.state == "registered" and ag.registry_id == f"LM-CA-{pk}" and ag.published_drop

    con = Warehouse(world["wh"]).connect()
    row = con.execute(
        "SELECT agreement_id, employer_bin, union_name, min_tariff_kzt, valid_to FROM collective_agreements"
    ).fetchall()
    assert row == [(f"LM-CA-{pk}", E1, "Профсоюз металлургов", 150000.0, dt.date(2029, 11, 30))]

    card = employer.get(f"/employers/{E1}/").content.decode()
    assert 'id="cagreements-panel"' in card and f"LM-CA-{pk}" in card


def test_scope_per_role(world: dict[str, Any]) -> None:
    union = _union(world)
    pk = _draft(union)
    other = login("emp3", "employer", "own", employer_bins=E3)
    assert other.get(f"/unions/agreements/{pk}/").status_code == 404
    assert other.post(f"/unions/agreements/{pk}/accept/").status_code == 404
    assert other.post(
        "/unions/agreements/new/", {"employer": E1, "valid_from": "2026-12-01", "years": "3"}
    ).status_code in (302, 404)
    from labormap.web.unions.models import CollectiveAgreement

    assert CollectiveAgreement.objects.filter(employer_id=E1).count() == 1  # nothing drafted out of scope
    assoc = login("assoc", "association", "employers", employer_bins=E1)
    assert assoc.get(f"/unions/agreements/{pk}/").status_code == 200
    assert assoc.post(f"/unions/agreements/{pk}/accept/").status_code == 404  # sees, does not sign
    far = login("insp75", "inspector", "region", regions="75")
    assert far.get(f"/unions/agreements/{pk}/").status_code == 404


def test_api_contract_filters_pages_and_scope(world: dict[str, Any]) -> None:
    union = _union(world)
    pk = _draft(union)
    api = token_client("u1api", "union", "employers", employer_bins=E1, organisation=world["org"])
    body = api.get("/api/v1/agreements").json()
    assert body["count"] == 1 and body["page"] == 1
    item = body["items"][0]
    assert item["id"] == pk and item["state"] in STATES and item["state"] == "draft"
    assert item["parties"] == {
        "employer_bin": E1,
        "employer_name": "ТОО Металл",
        "union_name": "Профсоюз металлургов",
    }
    assert item["valid_from"] == "2026-12-01" and item["valid_to"] == "2029-11-30"
    assert api.get("/api/v1/agreements?state=registered").json()["count"] == 0
    assert api.get("/api/v1/agreements?state=draft&page_size=1&page=2").json()["items"] == []
    outsider = token_client("e3api", "employer", "own", employer_bins=E3)
    assert outsider.get("/api/v1/agreements").json()["count"] == 0
    home = api.get("/api/v1/unions/home").json()
    assert home["organisations"] == 1 and home["members"] == 300 and home["agreements_by_state"]["draft"] == 1
    assert home["risky"][0]["bin"] == E1


def test_expired_and_reminders(world: dict[str, Any]) -> None:
    from labormap.web.unions import services
    from labormap.web.unions.models import CollectiveAgreement

    union = _union(world)
    pk = _draft(union)
    CollectiveAgreement.objects.filter(pk=pk).update(
        state="registered", valid_to=dt.date.today() + dt.timedelta(days=80)
    )
    got = services.raise_reminders(dt.date.today())
    assert [r.days for r in got] == [90]
    assert services.raise_reminders(dt.date.today()) == []  # once
    assert "90" in union.get("/unions/").content.decode()
    CollectiveAgreement.objects.filter(pk=pk).update(valid_to=dt.date.today() - dt.timedelta(days=1))
    api = token_client("u2api", "union", "employers", employer_bins=E1, organisation=world["org"])
    assert api.get("/api/v1/agreements?state=expired").json()["items"][0]["state"] == "expired"


def test_complaint_becomes_a_case_and_union_proposes_a_hearing(world: dict[str, Any]) -> None:
    from labormap.web.cases.models import Case
    from labormap.web.unions.models import Complaint, HearingProposal

    union = _union(world)
    home = union.get("/unions/")
    assert (
        home.status_code == 200
        and "ТОО Металл" in home.content.decode()
        and 'id="orgs"' in home.content.decode()
    )
    r = union.post(
        "/unions/complaints/new/",
        {
            "employer": E1,
            "topic": "wage_arrears",
            "text": "Задержка зарплаты 2 месяца",
            "anonymous": "on",
            "contact": "+7 700",
        },
    )
    assert r.status_code == 302, r.content[:300]
    c = Complaint.objects.get()
    assert c.case_id is not None
    assert c.anonymous and c.contact == "" and Case.objects.get(pk=c.case_id).employer_id == E1
    r = union.post("/unions/propose/", {"employer": E1, "level": "sectoral", "reason": "Долги по зарплате"})
    assert r.status_code == 302
    assert HearingProposal.objects.get().level == "sectoral"
    assert union.post("/unions/propose/", {"employer": E3, "level": "sectoral"}).status_code == 302
    assert HearingProposal.objects.count() == 1  # out of scope: not a choice, nothing stored


def test_demo_step_registers_an_agreement_and_proposes_a_hearing(world: dict[str, Any]) -> None:
    from labormap.web.unions.demo import run
    from labormap.web.unions.models import CollectiveAgreement, HearingProposal
    from tests.web.conftest import make_user

    make_user("union-C", "union", "employers", employer_bins=E1, organisation=world["org"])
    make_user("ministry", "ministry_admin", "country")
    lines = run()
    assert "registered" in lines[1], lines
    ag = CollectiveAgreement.objects.get()
    assert (
        ag.state == "registered"
        and ag.version == 2
        and ag.employer_accepted_by is not None
        and ag.employer_accepted_by.username == f"employer-{E1}"
    )
    assert HearingProposal.objects.get().employer_id == E1
    assert "sectoral commission" in lines[-1] and HearingProposal.objects.get().hearing_id is not None


def test_reminders_command(world: dict[str, Any]) -> None:
    from io import StringIO

    from django.core.management import call_command

    from labormap.web.unions.models import CollectiveAgreement

    pk = _draft(_union(world))
    CollectiveAgreement.objects.filter(pk=pk).update(state="registered", valid_to=dt.date(2027, 1, 1))
    out = StringIO()
    call_command("unions_reminders", "--today", "2026-12-05", stdout=out)
    assert "1 reminders raised" in out.getvalue()


def test_pages_in_kazakh_and_english(world: dict[str, Any]) -> None:
    union = _union(world)
    pk = _draft(union)
    union.cookies["django_language"] = "kk"
    page = union.get(f"/unions/agreements/{pk}/").content.decode()
    assert "Жоба" in page and "Еңбекақы төлеу" in page and "Осы нұсқаны келісу" in page
    assert "Кәсіподақтың АЖО" in union.get("/unions/").content.decode()
    union.cookies["django_language"] = "en"
    page = union.get(f"/unions/agreements/{pk}/").content.decode()
    assert "Draft" in page and "Working time and rest" in page


def test_members_public_complaint_link(world: dict[str, Any]) -> None:
    import re

    from labormap.web.cases.models import Case
    from labormap.web.unions.models import Complaint

    union = _union(world)
    link = re.search(r'id="public-link" href="([^"]+)"', union.get("/unions/").content.decode())
    assert link is not None
    member = Client()
    form = member.get(link.group(1))
    assert (
        form.status_code == 200
        and "ТОО Металл" in form.content.decode()
        and "ТОО Чужой" not in form.content.decode()
    )
    r = member.post(
        link.group(1), {"employer": E1, "topic": "wage_arrears", "text": "Не платят сверхурочные"}
    )
    assert r.status_code == 200 and 'id="complaint-sent"' in r.content.decode()
    c = Complaint.objects.get()
    assert not c.anonymous or c.contact == ""
    assert c.case_id is not None
    assert Case.objects.get(pk=c.case_id).employer_id == E1 and c.union == world["org"]
    assert (
        member.post(link.group(1), {"employer": E3, "topic": "wage_arrears", "text": "x"}).status_code == 200
    )
    assert Complaint.objects.count() == 1  # the union's own organisations only
    assert member.get(link.group(1)[:-3] + "xyz/").status_code == 404  # an altered link
