"""The labelled sets are well formed, separate, and the pipeline meets the quality target on the eval set."""

from __future__ import annotations

import pytest

from labormap.media.evaluate import evaluate, fixture_employers, load_set, render, set_path
from labormap.media.kinds import KINDS
from labormap.reference import CAUSES


@pytest.fixture(scope="module")
def eval_items() -> list[dict]:
    return load_set(set_path("eval"))


def test_eval_set_size_languages_and_labels(eval_items: list[dict]) -> None:
    assert len(eval_items) >= 300
    langs = [it["gold"]["lang"] for it in eval_items]
    assert langs.count("kk") >= 100
    known_bins = {row[0] for row in fixture_employers()}
    for it in eval_items:
        g = it["gold"]
        assert g["kind"] in KINDS
        assert g["labour"] == (g["kind"] != "not_labour")
        assert set(g["causes"]) <= set(CAUSES)
        assert set(g["employer_bins"]) <= known_bins
        assert it["text"] and it["published_at"]
    tags = {it["gold"]["tag"] for it in eval_items if not it["gold"]["labour"]}
    assert {"abroad", "metaphor", "sport", "history", "tax", "ad"} <= tags
    assert len({it["source"] for it in eval_items}) >= 30
    assert {it["source_kind"] for it in eval_items} >= {"news", "telegram", "social", "other"}


def test_dev_and_eval_sets_do_not_overlap(eval_items: list[dict]) -> None:
    dev = load_set(set_path("dev"))
    assert not {it["id"] for it in dev} & {it["id"] for it in eval_items}
    assert not {it["text"] for it in dev} & {it["text"] for it in eval_items}


@pytest.mark.slow
def test_quality_on_the_eval_set() -> None:
    rep, results, items = evaluate("eval")
    assert len(results) == len(items)
    assert rep["labour"]["f1"] >= 0.9, render(rep)
    assert rep["linking"]["accuracy"] >= 0.8, render(rep)
    assert rep["lang_accuracy"] >= 0.95
    assert "| **labour** |" in render(rep)
