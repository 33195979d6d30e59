"""A hand-made warehouse (tests/control/handmade.py) loaded into the app, with one account per role."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from tests.control.handmade import build
from tests.features.tiny import bin_of
from tests.web.conftest import _fast_hashing, make_user  # noqa: F401

AS_OF = dt.date(2025, 6, 1)


@pytest.fixture(scope="session")
def control_wh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.features.tiny import write_run

    wh = build(tmp_path_factory.mktemp("ctlweb") / "wh")
    arrears = [
        {
            "case_id": "47-A1",
            "employer_bin": bin_of(1),
            "found_on": dt.date(2025, 1, 10),
            "amount_kzt": 900_000.0,
            "workers": 4,
            "months": 2,
            "order_no": "П-1",
            "order_due_on": dt.date(2025, 2, 10),
            "repaid_on": None,
            "repaid_kzt": None,
        },
        {
            "case_id": "75-B1",
            "employer_bin": bin_of(2),
            "found_on": dt.date(2025, 2, 1),
            "amount_kzt": 300_000.0,
            "workers": 2,
            "months": 1,
            "order_no": "П-2",
            "order_due_on": dt.date(2025, 3, 1),
            "repaid_on": None,
            "repaid_kzt": None,
        },
    ]
    write_run(wh, {"arrears": arrears})
    return wh.root


def login(username: str, role: str, scope_kind: str, **scope: Any) -> Client:
    make_user(username, role, scope_kind, **scope)
    c = Client()
    assert c.login(username=username, password="pw-" + username)
    return c


@pytest.fixture
def loaded(db: Any, control_wh: Path) -> dict[str, Any]:
    from labormap.web.control import services
    from labormap.web.employers.models import Employer

    for i, region in ((1, "47"), (2, "75"), (3, "47")):
        Employer.objects.create(bin=bin_of(i), name=f"ТОО Тест {i}", region=region, kato=f"{region}1010000")
    n = services.load_month(control_wh, "2025-03", as_of=AS_OF)
    a = services.load_arrears(control_wh, as_of=AS_OF)
    return {"wh": control_wh, "findings": n, "arrears": a}


@pytest.fixture
def ministry(loaded: dict[str, Any]) -> Client:
    return login("min", "ministry_admin", "country")


@pytest.fixture
def inspector(loaded: dict[str, Any]) -> Client:
    return login("insp47", "inspector", "region", regions="47")


@pytest.fixture
def employer1(loaded: dict[str, Any]) -> Client:
    return login("emp1", "employer", "own", employer_bins=bin_of(1))
