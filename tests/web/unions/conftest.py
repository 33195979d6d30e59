"""A union, two employers of its own, one outside, a sectoral agreement and a warehouse for the registry."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from tests.features.tiny import bin_of
from tests.web.conftest import _fast_hashing, make_user  # noqa: F401
from tests.web.layoffs.conftest import login, token_client  # noqa: F401

E1, E2, E3 = bin_of(701), bin_of(702), bin_of(703)


@pytest.fixture
def world(db: Any, tmp_path: Path, settings: Any) -> dict[str, Any]:
    from labormap.web.accounts.models import Organisation
    from labormap.web.agreements.models import Agreement
    from labormap.web.employers.models import Employer

    settings.LABORMAP_WAREHOUSE = tmp_path / "wh"
    (tmp_path / "wh").mkdir()
    Employer.objects.create(
        bin=E1,
        name="ТОО Металл",
        region="47",
        sector="C",
        oked="24101",
        headcount=300,
        level="high",
        score=0.8,
        reasons=[{"code": "wage_arrears"}],
        union_present=True,
    )
    Employer.objects.create(bin=E2, name="ТОО Литьё", region="47", sector="C", oked="24510", headcount=120)
    Employer.objects.create(bin=E3, name="ТОО Чужой", region="75", sector="C", oked="24101", headcount=50)
    Agreement.objects.create(
        agreement_id="SA-C-2025",
        level="sectoral",
        oked_section="C",
        valid_from=dt.date(2025, 1, 1),
        valid_to=dt.date(2030, 12, 31),
        min_tariff_kzt=150_000,
        inter_grade_coefficient=1.2,
        hazard_bonus_pct=15,
        indexation_clause=True,
        published_at=dt.datetime(2025, 1, 1, tzinfo=dt.UTC),
    )
    org = Organisation.objects.create(name="Профсоюз металлургов", kind="union")
    return {"org": org, "wh": tmp_path / "wh"}
