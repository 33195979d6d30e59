"""Reasons: every feature belongs to one reason, every reason renders three non-empty sentences."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from labormap.features.catalog import FEATURE_NAMES
from labormap.risk.explain import group_by_reason, reasons_column
from labormap.risk.reasons import REASON_OF_FEATURE, REASONS, render


def test_every_feature_has_one_reason() -> None:
    assert set(REASON_OF_FEATURE) == set(FEATURE_NAMES)
    owned = [f for r in REASONS for f in r.features]
    assert len(owned) == len(set(owned))


def test_the_example_sentence() -> None:
    ru, kk, en = render("wage_arrears", {"arrears_open_cases": 1, "arrears_workers": 38, "arrears_months": 2})
    assert ru == "Задолженность по зарплате 2 мес. перед 38 работниками"
    assert kk == "38 қызметкерге 2 ай жалақы берешегі"
    assert en == "Wage arrears of 2 months to 38 workers"


def test_russian_plurals() -> None:
    forms = [render("size", {"headcount": n})[0].rsplit(" ", 1)[1] for n in (1, 2, 5, 11, 21, 22, 112)]
    assert forms == [
        "работник",
        "работника",
        "работников",
        "работников",
        "работник",
        "работника",
        "работников",
    ]


def test_sentences_come_from_the_catalogue_in_three_languages() -> None:
    ru, _kk, en = render("wage_arrears", {"arrears_open_cases": 1, "arrears_workers": 1, "arrears_months": 1})
    assert (ru, en) == (
        "Задолженность по зарплате 1 мес. перед 1 работником",
        "Wage arrears of 1 month to 1 worker",
    )
    ru, _kk, en = render("size", {"headcount": 1234})
    assert ru == "Численность 1\u00a0234 работника" and en == "Headcount of 1,234"
    assert render("hires", {"hires_12m": 1})[2] == "1 hire in 12 months"


@settings(max_examples=60, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(FEATURE_NAMES),
        st.one_of(st.none(), st.floats(-1e7, 1e7, allow_nan=False)),
        max_size=len(FEATURE_NAMES),
    )
)
def test_every_reason_renders(row: dict[str, float | None]) -> None:
    for r in REASONS:
        texts = render(r.code, row)
        assert len(texts) == 3 and all(isinstance(t, str) and t.strip() for t in texts)
        # a sentence reads only its own reason's features (the renderer memoises on them)
        assert render(r.code, {f: row[f] for f in r.features if f in row}) == texts
        assert "{" not in "".join(texts) and "nan" not in "".join(texts).lower()


def test_top_reasons_are_positive_and_ordered() -> None:
    n = 3
    feats = pa.table({name: pa.array(np.ones(n)) for name in FEATURE_NAMES})
    contrib = np.zeros((n, len(FEATURE_NAMES)))
    j = {name: k for k, name in enumerate(FEATURE_NAMES)}
    contrib[0, j["arrears_workers"]] = 0.5
    contrib[0, j["arrears_months"]] = 0.25  # same reason: summed with arrears_workers
    contrib[0, j["media_30d"]] = 0.3
    contrib[0, j["union_present"]] = -0.9  # negative: never a reason
    contrib[1, :] = np.linspace(0.01, 1.0, len(FEATURE_NAMES))
    codes, by_reason = group_by_reason(contrib)
    col = reasons_column(feats, codes, by_reason).to_pylist()
    assert [x["code"] for x in col[0]] == ["wage_arrears", "media"]
    assert col[0][0]["contribution"] == 0.75
    assert len(col[1]) == 5
    assert [x["contribution"] for x in col[1]] == sorted((x["contribution"] for x in col[1]), reverse=True)
    assert col[2] == []
