"""The agreements results are recomputed by a publish only when the registries they read changed: at national
scale the engine takes minutes, and a daily publish with new scores but no new data must not pay for it."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from labormap.warehouse import Warehouse
from labormap.web.agreements import publish as agpub
from labormap.web.agreements.models import PayFinding
from labormap.web.employers.models import PublishRun
from labormap.web.employers.publish import PublishError, publish


@pytest.fixture
def wh(db: Any, agreements_web_wh: Path, tmp_path: Path) -> Warehouse:
    # a private copy: one test adds a registry run to it
    shutil.copytree(agreements_web_wh, tmp_path / "wh", ignore=shutil.ignore_patterns("catalog.duckdb"))
    return Warehouse(tmp_path / "wh")


def _count_engine_runs(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    real = agpub.publish_agreements

    def counted(w: Warehouse) -> dict[str, int]:
        calls.append(1)
        return real(w)

    monkeypatch.setattr(agpub, "publish_agreements", counted)
    return calls


def test_unchanged_inputs_keep_the_results(wh: Warehouse, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _count_engine_runs(monkeypatch)
    first = publish(wh)
    assert len(calls) == 1 and first["agreements"] and PayFinding.objects.exists()
    findings = PayFinding.objects.count()
    again = publish(wh)
    assert len(calls) == 1, "same registries: the engine must not run again"
    assert again["agreements_kept"] == "inputs unchanged"
    assert PayFinding.objects.count() == findings  # the published results stay
    assert PublishRun.objects.order_by("-pk").first().agreements_inputs == agpub.inputs_fingerprint(wh)  # type: ignore[union-attr]
    publish(wh, agreements="always")
    assert len(calls) == 2


def test_a_new_registry_run_recomputes(wh: Warehouse, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _count_engine_runs(monkeypatch)
    publish(wh)
    before = agpub.inputs_fingerprint(wh)
    # a later ingest adds a run of payments: a new file under the registry's folder, committed in the manifest
    run_dir = Path(wh.registry_files("payments")[0]).parent
    extra = run_dir / "zz-extra.parquet"
    shutil.copy(wh.registry_files("payments")[0], extra)
    assert agpub.inputs_fingerprint(wh) != before
    publish(wh)
    assert len(calls) == 2


def test_skip_leaves_results_and_the_next_auto_compares_with_the_last_computed(
    wh: Warehouse, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _count_engine_runs(monkeypatch)
    publish(wh, agreements="skip")
    assert calls == [] and not PayFinding.objects.exists()
    assert PublishRun.objects.order_by("-pk").first().agreements_inputs == ""  # type: ignore[union-attr]
    publish(wh)  # nothing computed yet: auto computes
    assert len(calls) == 1


def test_unknown_mode_is_refused_before_any_work(wh: Warehouse) -> None:
    with pytest.raises(PublishError, match="--agreements"):
        publish(wh, agreements="sometimes")
    assert not PublishRun.objects.exists()


def test_publish_connection_is_bounded_and_spills_outside_cwd_and_warehouse(wh: Warehouse) -> None:
    from labormap.web.employers.publish import publish_connection

    con = publish_connection(wh)
    try:
        spill = str(con.execute("SELECT current_setting('temp_directory')").fetchone()[0])  # type: ignore[index]
        limit = str(con.execute("SELECT current_setting('memory_limit')").fetchone()[0])  # type: ignore[index]
    finally:
        con.close()
    assert Path(spill).is_absolute() and not Path(spill).is_relative_to(wh.root)
    assert limit.endswith("GiB") and float(limit.split()[0]) <= 6
