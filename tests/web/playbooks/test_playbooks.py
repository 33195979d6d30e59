from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import yaml
from django.test import Client

from labormap.web.accounts.models import AuditEvent
from labormap.web.cases.models import PlaybookVersion, Task

pytestmark = pytest.mark.django_db


def test_playbook_edit_makes_a_new_version_with_the_diff(world: dict[str, Any], ministry: Client) -> None:
    r = ministry.get("/cases/playbook/")
    assert r.status_code == 200
    pv = PlaybookVersion.objects.get()
    data = yaml.safe_load(pv.text)
    rule = next(x for x in data["rules"] if x["id"] == "cause.wage_arrears")
    rule["steps"][0]["due"] = "2wd"
    r = ministry.post(
        "/cases/playbook/",
        {"text": yaml.safe_dump(data, allow_unicode=True), "comment": "Срок проверки 2 рабочих дня"},
    )
    assert r.status_code == 302
    v2 = PlaybookVersion.objects.get(version=2)
    assert "-    due: 1wd" in v2.diff and "+    due: 2wd" in v2.diff and v2.author is not None
    assert AuditEvent.objects.filter(action=AuditEvent.ADMIN, target="playbook:default:v2").exists()
    assert ministry.get("/cases/playbook/v2/").status_code == 200
    # a new case is planned with version 2
    bin_ = world["bins"][0]
    ministry.post(
        f"/cases/new/?employer={bin_}",
        {"employer": bin_, "kind": "rally", "causes": ["wage_arrears"], "opened_on": "2025-12-12"},
    )
    t = Task.objects.get(code="arrears_inspection")
    assert t.case is not None and t.case.playbook_version == 2 and t.due_on == dt.date(2025, 12, 17)
    # invalid edits are refused and shown
    r = ministry.post("/cases/playbook/", {"text": "rules: [", "comment": "x"})
    assert r.status_code == 200 and "YAML" in r.content.decode()
    assert PlaybookVersion.objects.count() == 2


def test_only_admins_edit_the_playbook(world: dict[str, Any], akimat47: Client) -> None:
    assert akimat47.get("/cases/playbook/").context["form"] is None
    assert akimat47.post("/cases/playbook/", {"text": "x", "comment": "x"}).status_code == 403


def test_pages_speak_russian_and_kazakh(world: dict[str, Any], ministry: Client) -> None:
    ministry.post("/i18n/setlang/", {"language": "ru", "next": "/cases/"})
    html = ministry.get("/cases/playbook/").content.decode()
    assert "Алгоритм действий" in html and "Версии" in html
    ministry.post("/i18n/setlang/", {"language": "kk", "next": "/cases/"})
    html = ministry.get("/cases/playbook/").content.decode()
    assert "Іс-қимыл алгоритмі" in html and "Нұсқалар" in html


def test_playbooks_api_lists_versions(world: dict[str, Any], ministry: Client) -> None:
    from tests.web.apiclient import api_client

    rows = api_client("minadmin").get("/api/v1/playbooks").json()
    assert [r["version"] for r in rows] == [1]
    one = api_client("minadmin").get("/api/v1/playbooks/1").json()
    assert one["text"].strip() and one["author"] == ""
    assert api_client("minadmin").get("/api/v1/playbooks/99").status_code == 404
