"""A small, fully known warehouse for report tests: registries through the real ingest, then
schema-correct ``scores`` snapshots and ``media_signals`` written like the risk and media packages do."""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from labormap.identifiers import complete_kz_id
from labormap.ingest import ingest_drop
from labormap.warehouse import Warehouse

REASON = pa.struct(
    [
        ("code", pa.string()),
        ("contribution", pa.float64()),
        ("value", pa.float64()),
        ("text_ru", pa.string()),
        ("text_kk", pa.string()),
        ("text_en", pa.string()),
    ]
)
SCORES_SCHEMA = pa.schema(
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
        ("reasons", pa.list_(REASON)),
    ]
)
MEDIA_SCHEMA = pa.schema(
    [
        ("item_id", pa.string()),
        ("story_id", pa.string()),
        ("published_at", pa.timestamp("us")),
        ("source", pa.string()),
        ("url", pa.string()),
        ("title", pa.string()),
        ("lang", pa.string()),
        ("labour", pa.bool_()),
        ("kind", pa.string()),
        ("causes", pa.string()),
        ("severity", pa.int32()),
        ("participants", pa.int64()),
        ("amount_kzt", pa.float64()),
        ("employer_bin", pa.string()),
        ("link_confidence", pa.float64()),
    ]
)


def make_bin(n: int) -> str:
    """A valid BIN (registered in 2010, legal entity) numbered n."""
    for suffix in range(10):
        b = complete_kz_id(f"1001404{n:03d}{suffix}")
        if b:
            return b
    raise AssertionError(n)


@dataclass(frozen=True)
class Emp:
    n: int
    name: str
    kato: str
    oked: str = "06100"

    @property
    def bin(self) -> str:
        return make_bin(self.n)


# Mangystau (47) and Atyrau (23) employers; one in Karaganda (35).
EMPS = [
    Emp(1, "ТОО «Мунай Сервис»", "471010000"),
    Emp(2, "ТОО «Каспий Бурение»", "471010000"),
    Emp(3, "АО «Жанаозен Транс»", "471810000"),
    Emp(4, "ТОО «Атырау Строй»", "231010000", "41200"),
    Emp(5, "ТОО «Эмба Нефтехим»", "231010000", "20140"),
    Emp(6, "ТОО «Карагандинский Уголь»", "351010000", "05100"),
]
D_PREV, D_NOW = date(2025, 11, 23), date(2025, 11, 24)
# (employer n, score, level) in each snapshot
SNAPSHOTS = {
    date(2025, 10, 31): [
        (1, 70, "elevated"),
        (2, 85, "high"),
        (3, 82, "high"),
        (4, 60, "elevated"),
        (5, 30, "low"),
        (6, 90, "high"),
    ],
    D_PREV: [
        (1, 72, "elevated"),
        (2, 88, "high"),
        (3, 84, "high"),
        (4, 61, "elevated"),
        (5, 35, "moderate"),
        (6, 91, "high"),
    ],
    D_NOW: [
        (1, 86, "high"),
        (2, 89, "high"),
        (3, 55, "elevated"),
        (4, 62, "elevated"),
        (5, 81, "high"),
        (6, 93, "high"),
    ],
}


def _write_csv(path: Path, rows: list[dict[str, object]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)


def publish_scores(wh: Warehouse, as_of: date, rows: Sequence[tuple[int, float, str]]) -> None:
    recs = []
    for n, score, level in rows:
        recs.append(
            {
                "employer_bin": make_bin(n),
                "as_of": as_of,
                "probability": score / 100,
                "score": float(score),
                "level": level,
                "score_prev": None,
                "level_prev": None,
                "score_change": None,
                "method": "scorecard",
                "model_version": "test",
                "reasons": [
                    {
                        "code": "arrears",
                        "contribution": 0.5,
                        "value": 1.0,
                        "text_ru": f"Задолженность по зарплате #{n}",
                        "text_kk": f"Жалақы берешегі #{n}",
                        "text_en": "Wage arrears",
                    },
                    {
                        "code": "turnover",
                        "contribution": 0.2,
                        "value": 0.3,
                        "text_ru": "Текучесть кадров",
                        "text_kk": "Кадрлар тұрақтамауы",
                        "text_en": "Turnover",
                    },
                ],
            }
        )
    with wh.publish("scores", f"as_of={as_of.isoformat()}") as d:
        pq.write_table(pa.Table.from_pylist(recs, schema=SCORES_SCHEMA), d / "scores.parquet")
        (d / "meta.json").write_text(json.dumps({"as_of": as_of.isoformat(), "method": "scorecard"}))


MEDIA = [
    # item, published, kind, severity, employer n (None = unlinked), labour
    ("m1", datetime(2025, 11, 24, 9, 30), "strike_threat", 2, 1, True),
    ("m2", datetime(2025, 11, 24, 11, 0), "wage_arrears", 1, 6, True),
    ("m3", datetime(2025, 11, 24, 12, 0), "rally", 3, None, True),
    ("m4", datetime(2025, 11, 24, 13, 0), "not_labour", 0, 2, False),
    ("m5", datetime(2025, 11, 20, 13, 0), "layoffs", 1, 4, True),  # outside a 1-day window
]


def build_world(root: Path) -> Warehouse:
    drop = root / "drop"
    drop.mkdir(parents=True)
    _write_csv(
        drop / "employers.csv",
        [
            {
                "bin": e.bin,
                "name": e.name,
                "name_kk": e.name.replace("ТОО", "ЖШС"),
                "legal_form": "ТОО",
                "oked": e.oked,
                "kato": e.kato,
                "status": "active",
                "registered_on": "2010-04-01",
            }
            for e in EMPS
        ],
    )
    _write_csv(
        drop / "conflicts.csv",
        [
            {
                "conflict_id": "K-1",
                "employer_bin": make_bin(2),
                "started_on": "2025-11-20",
                "ended_on": "",
                "kind": "strike",
                "causes": "wage_level;pay_gap",
                "participants": 120,
                "participant_group": "contractor_staff",
                "outcome": "ongoing",
                "registered_on": "2025-11-20",
            },
            {
                "conflict_id": "K-2",
                "employer_bin": make_bin(6),
                "started_on": "2025-09-01",
                "ended_on": "2025-09-03",
                "kind": "rally",
                "causes": "wage_arrears",
                "participants": 40,
                "participant_group": "own_staff",
                "outcome": "resolved",
                "registered_on": "2025-09-01",
            },
            {
                "conflict_id": "K-3",
                "employer_bin": make_bin(4),
                "started_on": "2025-08-10",
                "ended_on": "2025-08-12",
                "kind": "collective_appeal",
                "causes": "layoffs",
                "participants": 15,
                "participant_group": "own_staff",
                "outcome": "prevented",
                "registered_on": "2025-08-11",
            },
            {
                "conflict_id": "K-4",
                "employer_bin": make_bin(1),
                "started_on": "2025-03-10",
                "ended_on": "2025-03-11",
                "kind": "work_stoppage",
                "causes": "wage_arrears",
                "participants": 60,
                "participant_group": "own_staff",
                "outcome": "resolved",
                "registered_on": "2025-03-10",
            },
        ],
    )
    _write_csv(
        drop / "arrears.csv",
        [
            {
                "case_id": "A-1",
                "employer_bin": make_bin(1),
                "found_on": "2025-09-15",
                "amount_kzt": 12_000_000,
                "workers": 40,
                "months": 2,
                "repaid_on": "2025-10-20",
                "repaid_kzt": 12_000_000,
            },
            {
                "case_id": "A-2",
                "employer_bin": make_bin(6),
                "found_on": "2025-11-01",
                "amount_kzt": 30_500_000,
                "workers": 85,
                "months": 3,
                "repaid_on": "",
                "repaid_kzt": "",
            },
            {
                "case_id": "A-3",
                "employer_bin": make_bin(4),
                "found_on": "2025-03-01",
                "amount_kzt": 5_000_000,
                "workers": 10,
                "months": 1,
                "repaid_on": "",
                "repaid_kzt": "",
            },
        ],
    )
    _write_csv(
        drop / "collective_agreements.csv",
        [
            {
                "agreement_id": "CA-1",
                "employer_bin": make_bin(2),
                "signed_on": "2024-01-10",
                "valid_from": "2024-01-10",
                "valid_to": "2026-03-31",
                "registered_on": "2024-01-15",
            },
            {
                "agreement_id": "CA-2",
                "employer_bin": make_bin(6),
                "signed_on": "2023-01-10",
                "valid_from": "2023-01-10",
                "valid_to": "2026-11-30",
                "registered_on": "2023-01-15",
            },
        ],
    )
    wh = Warehouse(root / "wh")
    rep = ingest_drop(drop, wh, today=date(2025, 12, 1))
    for name, r in rep["registries"].items():
        assert r["quarantined"] == 0, (name, r)
    for d, rows in SNAPSHOTS.items():
        publish_scores(wh, d, rows)
    recs = [
        {
            "item_id": i,
            "story_id": i,
            "published_at": p,
            "source": "tengrinews.kz",
            "url": f"https://example.kz/{i}",
            "title": f"Новость {i}",
            "lang": "ru",
            "labour": lab,
            "kind": k,
            "causes": "",
            "severity": s,
            "participants": None,
            "amount_kzt": None,
            "employer_bin": make_bin(n) if n else None,
            "link_confidence": 0.9 if n else None,
        }
        for i, p, k, s, n, lab in MEDIA
    ]
    with wh.publish("media_signals", "run-1") as out:
        pq.write_table(pa.Table.from_pylist(recs, schema=MEDIA_SCHEMA), out / "signals.parquet")
    return wh
