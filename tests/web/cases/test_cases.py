from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from labormap.response import CaseFacts, plan_tasks, select
from labormap.web.accounts.models import AuditEvent
from labormap.web.cases import services
from labormap.web.cases.models import Case, Escalation, Measure, Task
from labormap.web.employers.models import Employer
from tests.web.cases.conftest import login

pytestmark = pytest.mark.django_db


def _in(world: dict[str, Any], region: str) -> list[str]:
    return [b for b in world["bins"] if world["info"][b]["region"] == region]


def _open(c: Client, bin_: str, **kw: Any) -> Case:
    data = {
        "employer": bin_,
        "kind": "strike",
        "causes": ["wage_arrears"],
        "participant_group": "contractor_staff",
        "participants": 150,
        "opened_on": "2025-12-12",
        **kw,
    }
    r = c.post(f"/cases/new/?employer={bin_}", data)
    assert r.status_code == 302, r.content.decode()[:2000]
    return Case.objects.get(pk=int(r["Location"].rstrip("/").rsplit("/", 1)[-1]))


def test_opening_a_case_creates_the_playbook_tasks(world: dict[str, Any], akimat47: Client) -> None:
    bin_ = _in(world, "47")[0]
    case = _open(akimat47, bin_)
    e = Employer.objects.get(bin=bin_)
    _pv, pb = services.current_playbook()
    facts = CaseFacts(
        "strike",
        ("wage_arrears",),
        "contractor_staff",
        150,
        e.headcount,
        contractor=bin_ in world["bins"][1:5],
        holding=bool(e.holding),
        union=e.union_present,
    )
    expected = plan_tasks(select(pb, facts), dt.date(2025, 12, 12))
    got = list(case.tasks.order_by("current_due_on", "seq").values_list("code", "body", "due_on"))
    assert got == [(t.code, t.body, t.due_on) for t in expected]
    assert case.playbook_version == 1 and "form.stoppage.large" in case.rules
    assert case.events.get().action == "opened"
    page = akimat47.get(f"/cases/{case.pk}/")
    assert page.status_code == 200 and "Оперативно проинформировать" in page.content.decode()
    assert AuditEvent.objects.filter(action="view_case", target=f"case:{case.pk}").exists()


def test_cases_outside_the_scope_are_invisible(world: dict[str, Any], ministry: Client) -> None:
    outside = _in(world, "23")[0]
    inside = _in(world, "47")[1]
    c_out = _open(ministry, outside)
    c_in = _open(ministry, inside)
    ak = login("ak", "akimat", "region", regions="47")
    assert ak.get(f"/cases/{c_out.pk}/").status_code == 404
    assert ak.get(f"/cases/{c_in.pk}/").status_code == 200
    listed = {c.pk for c in ak.get("/cases/").context["page"]}
    assert listed == {c_in.pk}
    assert (
        ak.post(
            f"/cases/new/?employer={outside}",
            {"employer": outside, "kind": "none", "opened_on": "2025-12-12"},
        ).status_code
        == 404
    )
    assert (
        ak.post(f"/cases/{c_out.pk}/close/", {"outcome": "resolved", "closed_on": "2025-12-20"}).status_code
        == 404
    )
    t = c_out.tasks.first()
    assert t is not None and ak.post(f"/cases/tasks/{t.pk}/done/").status_code == 404
    assert all(x.employer_id == inside for x in ak.get("/cases/tasks/").context["page"])
    r = Client().post(
        "/api/v1/auth/token", {"username": "ak", "password": "pw-ak"}, content_type="application/json"
    )
    api = Client(headers={"Authorization": f"Bearer {r.json()['token']}"})
    assert [i["id"] for i in api.get("/api/v1/cases").json()["items"]] == [c_in.pk]
    assert api.get(f"/api/v1/cases/{c_out.pk}").status_code == 404
    assert len(api.get(f"/api/v1/cases/{c_in.pk}").json()["tasks"]) == c_in.tasks.count()


def test_an_employer_account_reads_but_cannot_open(world: dict[str, Any]) -> None:
    own = world["bins"][9]
    c = login("emp", "employer", "own", employer_bins=own)
    assert c.get(f"/cases/new/?employer={own}").status_code == 403


def test_history_close_and_replan(world: dict[str, Any], akimat47: Client) -> None:
    case = _open(akimat47, _in(world, "47")[0], causes=["wage_level"])
    before = set(case.tasks.values_list("code", flat=True))
    r = akimat47.post(
        f"/cases/{case.pk}/edit/",
        {
            "kind": "strike",
            "causes": ["wage_level", "layoffs"],
            "participant_group": "contractor_staff",
            "participants": 150,
            "opened_on": "2025-12-12",
            "note": "новая причина",
        },
    )
    assert r.status_code == 302
    case.refresh_from_db()
    assert case.causes == "wage_level;layoffs"
    added = set(case.tasks.values_list("code", flat=True)) - before
    assert "layoff_notice" in added
    ev = case.events.filter(action="changed").get()
    assert ev.changes["causes"] == ["wage_level", "wage_level;layoffs"] and ev.username == "akimat47"
    akimat47.post(f"/cases/{case.pk}/close/", {"outcome": "prevented", "closed_on": "2025-12-20"})
    case.refresh_from_db()
    assert (case.status, case.outcome, case.closed_on) == ("closed", "prevented", dt.date(2025, 12, 20))


def test_tasks_done_and_escalation(world: dict[str, Any], akimat47: Client) -> None:
    case = _open(akimat47, _in(world, "47")[0], causes=["wage_arrears"])
    first = case.tasks.order_by("current_due_on", "seq").first()
    assert first is not None
    akimat47.post(f"/cases/tasks/{first.pk}/done/", {"document_ref": "№ 12 от 12.12.2025"})
    first.refresh_from_db()
    assert first.status == "done" and first.document_ref == "№ 12 от 12.12.2025"
    today = dt.date(2025, 12, 18)
    overdue = set(case.tasks.filter(status="open", current_due_on__lt=today).values_list("pk", flat=True))
    assert overdue
    done = services.run_escalations(today)
    assert {e.task_id for e in done} == overdue
    assert services.run_escalations(today) == []  # applying is idempotent on the same day
    t = Task.objects.get(pk=next(iter(overdue)))
    assert t.level == 1 and t.assigned_body != t.body and t.current_due_on > today
    assert first.pk not in {e.task_id for e in Escalation.objects.all()}
    assert case.events.filter(action="escalated").count() == len(overdue)
    call_command("cases_escalate", "--date", "2025-12-31")
    assert Task.objects.filter(level=2).exists()


def test_measures_in_scope_only(world: dict[str, Any], akimat47: Client) -> None:
    inside, outside = _in(world, "47")[0], _in(world, "23")[0]
    r = akimat47.post(
        "/cases/measures/",
        {"employer": inside, "kind": "inspection", "taken_on": "2025-10-10", "body": "labour_inspection"},
    )
    assert r.status_code == 302 and Measure.objects.filter(employer_id=inside).count() == 1
    assert (
        akimat47.post(
            "/cases/measures/", {"employer": outside, "kind": "meeting", "taken_on": "2025-10-10"}
        ).status_code
        == 404
    )
    Measure.objects.create(employer_id=outside, kind="order", taken_on=dt.date(2025, 10, 1))
    listed = {m.employer_id for m in akimat47.get("/cases/measures/").context["page"]}
    assert listed == {inside}


def test_open_from_a_media_signal_and_from_an_alert(world: dict[str, Any], ministry: Client) -> None:
    from labormap.web.alerts.models import Alert
    from labormap.web.employers.models import MediaSignal

    m = MediaSignal.objects.get(item_id="m2")  # "Забастовка на предприятии 7", kind strike
    card = ministry.get(f"/employers/{m.employer_id}/").content.decode()
    assert f"media={m.item_id}" in card
    r = ministry.get(f"/cases/new/?employer={m.employer_id}&media={m.item_id}")
    assert r.context["form"].initial["kind"] == "strike"
    # without a signal, the causes come from the employer's risk reasons (late contributions: wage arrears)
    r = ministry.get(f"/cases/new/?employer={m.employer_id}")
    assert (
        r.context["form"].initial["kind"] == "none"
        and r.context["form"].initial["causes"][0] == "wage_arrears"
    )
    r = ministry.post(
        f"/cases/new/?employer={m.employer_id}&media={m.item_id}",
        {"employer": m.employer_id, "media": m.item_id, "kind": "strike", "opened_on": "2025-12-12"},
    )
    case = Case.objects.get(employer_id=m.employer_id)
    assert case.source == "media"
    assert list(case.links.values_list("kind", "ref", "title")) == [("media", "m2", m.title)]
    a = Alert.objects.exclude(employer_id=m.employer_id).first()
    assert a is not None
    ministry.post(
        f"/cases/new/?employer={a.employer_id}&alert={a.pk}",
        {"employer": a.employer_id, "alert": a.pk, "kind": "none", "opened_on": "2025-12-12"},
    )
    c2 = Case.objects.get(employer_id=a.employer_id)
    assert c2.source == "alert" and c2.links.get().ref == str(a.pk)
    # an alert of another employer is not attached
    b = world["bins"][30]
    other = Alert.objects.exclude(employer_id=b).exclude(employer_id=a.employer_id).first()
    assert other is not None
    ministry.post(
        f"/cases/new/?employer={b}&alert={other.pk}",
        {"employer": b, "alert": other.pk, "kind": "none", "opened_on": "2025-12-12"},
    )
    assert (
        Case.objects.get(employer_id=b).source == "manual"
        and not Case.objects.get(employer_id=b).links.exists()
    )


def test_measure_summary_counts_employers_moved_out(world: dict[str, Any], ministry: Client) -> None:
    d0, _d1, d2 = world["dates"]
    sc = world["scores"]
    from labormap.web.employers.models import ScoreHistory

    high0 = [b for b in world["bins"] if sc[d0][b] >= 70]
    assert len(high0) >= 3
    # the world has no employer that leaves the zone: make one leave it in the last snapshot
    ScoreHistory.objects.filter(employer_id=high0[0], as_of=d2).update(level="elevated")
    moved = [b for b in high0 if sc[d2][b] < 70] + [high0[0]]
    stayed = [b for b in high0 if b not in moved]
    for b in [*moved, *stayed[:2]]:
        Measure.objects.create(employer_id=b, kind="meeting", taken_on=d0 + dt.timedelta(days=1))
    s = services.measure_summary(_user("minadmin"), d0, d2)
    assert sorted(x.employer_bin for x in s.moved_out) == sorted(moved)
    assert s.employers_with_measures == len(moved) + 2
    r = ministry.get("/cases/measures/")
    assert r.status_code == 200


def _user(name: str) -> Any:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=name)
