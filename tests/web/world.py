"""A small, schema-correct warehouse for web tests: employers in a few regions, several score snapshots,
features, media signals and contractor links, written the way the engine writes them (registry runs in
the manifest, derived datasets through ``Warehouse.publish``)."""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from labormap.identifiers import complete_kz_id
from labormap.warehouse import Warehouse

REGION_KATO = {"47": "471010000", "23": "231010000", "75": "751110000", "35": "351010000"}
SECTORS_OKED = {"B": "06100", "F": "41200", "G": "47110", "H": "49410"}
LEVEL_OF = [(70.0, "high"), (50.0, "elevated"), (30.0, "moderate"), (0.0, "low")]

REASONS_T = pa.list_(
    pa.struct(
        [
            ("code", pa.string()),
            ("contribution", pa.float64()),
            ("value", pa.float64()),
            ("text_ru", pa.string()),
            ("text_kk", pa.string()),
            ("text_en", pa.string()),
        ]
    )
)


def make_bins(n: int, start: int = 1) -> list[str]:
    out: list[str] = []
    i = start
    while len(out) < n:
        b = complete_kz_id(f"0{i:05d}40{i % 1000:03d}")
        if b:
            out.append(b)
        i += 1
    return out


def level_of(score: float) -> str:
    for lo, lv in LEVEL_OF:
        if score >= lo:
            return lv
    return "low"


def _commit_registry(wh: Warehouse, registry: str, table: pa.Table) -> None:
    run_id = wh.new_run_id()
    d = wh.data_dir(registry) / f"run={run_id}"
    d.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, d / "part-0.parquet")
    wh.commit_run({"run_id": run_id, "registries": [registry]})


def build_world(root: Path, n: int = 60, snapshots: int = 3, seed: int = 7) -> dict[str, Any]:
    """Write a warehouse under ``root``; returns what the tests need to know about it."""
    rnd = random.Random(seed)
    wh = Warehouse(root)
    root.mkdir(parents=True, exist_ok=True)
    bins = make_bins(n)
    regions = list(REGION_KATO)
    sectors = list(SECTORS_OKED)
    rows: dict[str, list[Any]] = {
        k: []
        for k in (
            "bin",
            "name",
            "name_kk",
            "legal_form",
            "oked",
            "kato",
            "lat",
            "lon",
            "status",
            "registered_on",
            "parent_bin",
            "holding",
            "union_present",
            "accident_insurance",
        )
    }
    info: dict[str, dict[str, Any]] = {}
    for i, b in enumerate(bins):
        region = regions[i % len(regions)]
        sector = sectors[(i // len(regions)) % len(sectors)]
        holding = "Самрук-Демо" if i % 10 == 0 else None
        rows["bin"].append(b)
        rows["name"].append(f"ТОО «Предприятие {i:03d}»")
        rows["name_kk"].append(f"«Кәсіпорын {i:03d}» ЖШС")
        rows["legal_form"].append("TOO")
        rows["oked"].append(SECTORS_OKED[sector])
        rows["kato"].append(REGION_KATO[region])
        rows["lat"].append(43.0 + rnd.random() * 8)
        rows["lon"].append(50.0 + rnd.random() * 30)
        rows["status"].append("active")
        rows["registered_on"].append(dt.date(2010, 1, 1))
        rows["parent_bin"].append(bins[0] if holding and i else None)
        rows["holding"].append(holding)
        rows["union_present"].append(i % 3 == 0)
        rows["accident_insurance"].append(i % 4 != 0)
        info[b] = {"region": region, "sector": sector, "holding": holding}
    _commit_registry(wh, "employers", pa.table(rows))
    # contractor links: employers 1..4 work for employer 0 (the holding's head)
    links = {
        "contract_id": [f"C{i}" for i in range(1, 5)],
        "customer_bin": [bins[0]] * 4,
        "employer_bin": bins[1:5],
        "service": ["drilling"] * 4,
        "start_on": [dt.date(2024, 1, 1)] * 4,
        "end_on": [dt.date(2026, 6, 30)] * 4,
        "workers": [40, 50, 60, 70],
        "amount_kzt": [1e8] * 4,
        "registered_on": [dt.date(2024, 1, 1)] * 4,
    }
    _commit_registry(wh, "contractor_links", pa.table(links))

    dates = [dt.date(2025, 9, 30) + dt.timedelta(days=7 * k) for k in range(snapshots)]
    prev: dict[str, float] = {}
    scores_by_date: dict[dt.date, dict[str, float]] = {}
    for d in dates:
        cur: dict[str, float] = {}
        for i, b in enumerate(bins):
            base = (i * 37) % 100
            # employer 3 jumps into high risk in the last snapshot
            s = 90.0 if (i == 3 and d == dates[-1]) else float(min(99, max(1, base + rnd.uniform(-3, 3))))
            cur[b] = s
        recs: dict[str, list[Any]] = {
            "employer_bin": [],
            "as_of": [],
            "probability": [],
            "score": [],
            "level": [],
            "score_prev": [],
            "level_prev": [],
            "score_change": [],
            "method": [],
            "model_version": [],
            "reasons": [],
        }
        for b, s in cur.items():
            p = prev.get(b)
            recs["employer_bin"].append(b)
            recs["as_of"].append(d)
            recs["probability"].append(s / 100)
            recs["score"].append(s)
            recs["level"].append(level_of(s))
            recs["score_prev"].append(p)
            recs["level_prev"].append(level_of(p) if p is not None else None)
            recs["score_change"].append(None if p is None else s - p)
            recs["method"].append("scorecard")
            recs["model_version"].append("test-1")
            recs["reasons"].append(
                [
                    {
                        "code": "late_contributions",
                        "contribution": 12.0,
                        "value": 0.4,
                        "text_ru": "Взносы платятся с опозданием",
                        "text_kk": "Жарналар кешігіп төленеді",
                        "text_en": "Contributions are paid late",
                    },
                    {
                        "code": "wage_arrears" if s > 60 else "turnover",
                        "contribution": 6.0,
                        "value": 1.0,
                        "text_ru": "Есть задолженность по зарплате" if s > 60 else "Высокая текучесть",
                        "text_kk": "Жалақы бойынша берешек бар" if s > 60 else "Жоғары тұрақсыздық",
                        "text_en": "Open wage arrears" if s > 60 else "High staff turnover",
                    },
                ]
            )
        schema = pa.schema(
            [
                ("employer_bin", pa.string()),
                ("as_of", pa.date32()),
                ("probability", pa.float64()),
                ("score", pa.float64()),
                ("level", pa.string()),
                ("score_prev", pa.float64()),
                ("level_prev", pa.string()),
                ("score_change", pa.float64()),
                ("method", pa.string()),
                ("model_version", pa.string()),
                ("reasons", REASONS_T),
            ]
        )
        counts = {lv: sum(1 for s in cur.values() if level_of(s) == lv) for _, lv in LEVEL_OF}
        with wh.publish("scores", f"as_of={d.isoformat()}") as tmp:
            pq.write_table(pa.table(recs, schema=schema), tmp / "scores.parquet")
            (tmp / "meta.json").write_text(
                json.dumps(
                    {
                        "as_of": d.isoformat(),
                        "method": "scorecard",
                        "model_version": "test-1",
                        "data_cutoff": d.isoformat(),
                        "code_version": "test",
                        "counts": counts,
                        "thresholds": {"high": 70, "elevated": 50, "moderate": 30},
                        "created_at": "2025-10-01T00:00:00",
                    }
                )
            )
        scores_by_date[d] = cur
        prev = cur
    last = dates[-1]
    feats = {
        "employer_bin": bins,
        "as_of": [last] * n,
        "region": [info[b]["region"] for b in bins],
        "sector": [info[b]["sector"] for b in bins],
        "headcount": [10 + (i * 13) % 400 for i in range(n)],
        "median_wage": [250_000.0 + (i * 7919) % 300_000 for i in range(n)],
        "contrib_late_share_12m": [((i * 17) % 10) / 10 for i in range(n)],
        "arrears_open_cases": [i % 3 for i in range(n)],
    }
    with wh.publish("features", f"as_of={last.isoformat()}") as tmp:
        pq.write_table(pa.table(feats), tmp / "features.parquet")
    sig = {
        "item_id": ["m1", "m2"],
        "story_id": ["s1", "s2"],
        "published_at": [dt.datetime.combine(last, dt.time(9)), dt.datetime.combine(last, dt.time(10))],
        "source": ["tengrinews.kz", "t.me/x"],
        "url": ["https://example.kz/a", "https://example.kz/b"],
        "title": ["Рабочие предприятия 6 требуют выплатить зарплату", "Забастовка на предприятии 7"],
        "lang": ["ru", "ru"],
        "labour": [True, True],
        "kind": ["wage_arrears", "strike"],
        "causes": ["wages", "wages"],
        "severity": [2, 3],
        "participants": [40, 120],
        "amount_kzt": [None, None],
        "employer_bin": [bins[6], bins[7]],
        "link_confidence": [0.9, 0.95],
    }
    with wh.publish("media_signals", "run=test") as tmp:
        pq.write_table(pa.table(sig), tmp / "signals.parquet")
    bt = {
        "horizon_days": 90,
        "data_end": last.isoformat(),
        "created_at": "2025-10-15T00:00:00+00:00",
        "model": {
            "roc_auc": 0.81,
            "pr_auc": 0.337,
            "brier": 0.02,
            "high_precision": 0.25,
            "curves": {"pr": []},
        },
        "scorecard": {"roc_auc": 0.74, "pr_auc": 0.214, "brier": 0.03, "high_precision": 0.18},
    }
    with wh.publish("backtests", "bt-test") as tmp:
        (tmp / "backtest.json").write_text(json.dumps(bt))
    return {"warehouse": wh, "bins": bins, "info": info, "dates": dates, "scores": scores_by_date}
