"""Reasons of the region and sector base rates and of the extractive flag: sentences in ru/kk/en that read
as facts, and no «risk raised by» line for an absence (no peers, no conflicts around)."""

from __future__ import annotations

from labormap.risk.reasons import REASON_OF_FEATURE, REASONS_BY_CODE, render


def test_every_new_feature_has_its_reason() -> None:
    assert REASON_OF_FEATURE["region_conflict_rate_3y"] == "region_conflicts"
    assert REASON_OF_FEATURE["sector_conflict_rate_3y"] == "sector_conflicts"
    assert REASON_OF_FEATURE["extractive"] == "sector_conflicts"


def test_region_sentence() -> None:
    ru, kk, en = render("region_conflicts", {"region_conflict_rate_3y": 12.345})
    assert ru == "В регионе за 3 года конфликтов: 12,3 на 1000 работодателей"
    assert en == "In the region 12.3 conflicts per 1,000 employers in 3 years"
    assert "12,3" in kk and "{" not in kk
    assert REASONS_BY_CODE["region_conflicts"].raises({"region_conflict_rate_3y": 12.3})


def test_sector_sentence_names_the_extractive_trade() -> None:
    row = {"sector_conflict_rate_3y": 8.0, "extractive": 1.0}
    ru, _kk, en = render("sector_conflicts", row)
    assert (
        ru
        == "Добыча, нефтепереработка или металлургия; в отрасли за 3 года конфликтов: 8 на 1000 работодателей"
    )
    assert en.startswith("Mining, oil refining or metallurgy;")
    ru, _kk, _en = render("sector_conflicts", {"sector_conflict_rate_3y": 8.0, "extractive": 0.0})
    assert ru == "В отрасли за 3 года конфликтов: 8 на 1000 работодателей"


def test_absence_is_not_a_raising_reason() -> None:
    region, sector = REASONS_BY_CODE["region_conflicts"], REASONS_BY_CODE["sector_conflicts"]
    # no peers (NULL, also NaN as the scoring rows carry it) and a zero rate state no risk fact
    for rate in (None, float("nan"), 0.0):
        assert not region.raises({"region_conflict_rate_3y": rate})
        assert not sector.raises({"sector_conflict_rate_3y": rate, "extractive": 0.0})
    # the extractive trade is a risk fact with or without a base rate of its section
    assert sector.raises({"sector_conflict_rate_3y": None, "extractive": 1.0})
    assert sector.raises({"sector_conflict_rate_3y": 0.0, "extractive": 1.0})
    ru, _kk, _en = render("sector_conflicts", {"sector_conflict_rate_3y": None, "extractive": 0.0})
    assert "ОКЭД" in ru and "None" not in ru and "nan" not in ru
