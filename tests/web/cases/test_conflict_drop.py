"""A conflict recorded in a case reaches the warehouse through an ingest drop — and from there the training
labels and the reports — instead of the web writing warehouse files behind ingest's back."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from django.core.management import call_command
from django.test import Client

from labormap.response.dataset import load_cases, load_measures
from labormap.risk.labels import labels_for, load_conflicts
from labormap.warehouse import Warehouse
from labormap.web.cases.models import Case, Measure
from labormap.web.cases.warehouse import CONFLICT_ID_PREFIX
from tests.web.cases.test_cases import _open

pytestmark = pytest.mark.django_db


@pytest.fixture
def wh(world: dict[str, Any], tmp_path: Path) -> Warehouse:
    """A private copy of the test world's warehouse (the session's copy is shared by other tests)."""
    root = tmp_path / "wh"
    shutil.copytree(world["warehouse"].root, root)
    return Warehouse(root)


def _conflicts(wh: Warehouse) -> list[tuple[Any, ...]]:
    con = wh.connect()
    try:
        return con.execute(
            "SELECT conflict_id, employer_bin, kind, causes, participants, started_on, registered_on "
            "FROM conflicts WHERE conflict_id LIKE 'LM-CASE-%' ORDER BY conflict_id"
        ).fetchall()
    finally:
        con.close()


def test_a_case_conflict_goes_through_ingest_into_labels_and_reports(
    world: dict[str, Any], ministry: Client, wh: Warehouse
) -> None:
    bins = world["bins"]
    strike = _open(ministry, bins[5], started_on="2025-12-01")
    prevention = _open(ministry, bins[6], kind="none")
    no_count = _open(ministry, bins[7], participants="")  # not yet registrable: no participant count
    Measure.objects.create(employer_id=bins[5], kind="inspection", taken_on=dt.date(2025, 12, 3))

    call_command("cases_publish", "--warehouse", str(wh.root))

    rows = _conflicts(wh)
    assert [r[0] for r in rows] == [f"{CONFLICT_ID_PREFIX}{strike.pk}"]
    _cid, bin_, kind, causes, participants, started, registered = rows[0]
    assert (bin_, kind, causes, participants) == (bins[5], "strike", "wage_arrears", 150)
    assert (started, registered) == (dt.date(2025, 12, 1), dt.date(2025, 12, 12))
    assert prevention.pk and no_count.pk  # neither became a registry conflict
    # the run is in the manifest like any ingest, and the drop is kept for audit
    assert any(
        "conflicts" in (r.get("counts") or {}) and "web-cases-" in str(r.get("drop")) for r in wh.runs()
    )
    assert list((wh.root / "drops").glob("web-cases-*/registries/conflicts.csv"))

    # training labels: the employer is positive for a window that contains the start
    c = load_conflicts(wh)
    y = labels_for(np.asarray(bins, dtype=object), c, dt.date(2025, 11, 15), 90)
    assert y[bins.index(bins[5])] == 1 and y.sum() >= 1

    # response datasets for the reports, through the same drop
    assert [m.employer_bin for m in load_measures(wh)] == [bins[5]]
    assert {x.case_id for x in load_cases(wh)} == {str(strike.pk), str(prevention.pk), str(no_count.pk)}


def test_publishing_again_supersedes_instead_of_adding(
    world: dict[str, Any], ministry: Client, wh: Warehouse
) -> None:
    case = _open(ministry, world["bins"][5])
    call_command("cases_publish", "--warehouse", str(wh.root))
    Case.objects.filter(pk=case.pk).update(
        participants=400, status=Case.CLOSED, closed_on=dt.date(2025, 12, 20)
    )
    call_command("cases_publish", "--warehouse", str(wh.root))
    rows = _conflicts(wh)
    assert len(rows) == 1 and rows[0][4] == 400


def test_demo_step_records_and_ingests_a_strike(world: dict[str, Any], wh: Warehouse) -> None:
    from labormap.web.accounts.demo import create_demo_accounts
    from labormap.web.cases.demo import run_demo

    create_demo_accounts("pw-demo")
    lines = run_demo(wh.root)
    assert "akimat-47 sees" in lines[0] and "1 conflict(s)" in lines[-1]
    [row] = _conflicts(wh)
    assert row[2] == "strike" and world["info"][row[1]]["region"] == "47"
