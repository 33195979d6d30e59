"""Evaluation of the media pipeline on a labelled set (``eval/eval_set.jsonl`` or the dev set).

Each line of a set is a publication plus ``gold``: ``lang``, ``labour``, ``kind``, ``causes``,
``employer_bins`` (against ``eval/employers.jsonl``), ``participants``, ``amount_kzt``, ``story`` (a label
shared by reprints of one story) and ``tag`` (the kind of hard negative). The evaluation set is never
used to develop the lexicons; the dev set is.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from labormap.media.kinds import KIND_PRIORITY
from labormap.media.linking import EmployerIndex
from labormap.media.pipeline import Analyzer, Result

SETS = ("eval", "dev", "real_dev", "real_heldout")
# Sets paraphrased from real reported events link to real companies, listed in their own employers file.
EMPLOYER_FILES = {"real_dev": "real_employers.jsonl", "real_heldout": "real_employers.jsonl"}


def set_path(name: str) -> Path:
    return Path(str(resources.files("labormap.media") / "eval" / f"{name}_set.jsonl"))


def load_set(path: str | Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def fixture_employers(
    filename: str = "employers.jsonl",
) -> list[tuple[str, str, str, str, str, str, str]]:
    """The employers the labelled sets link to: ``(bin, name, name_kk, legal_form, kato, holding,
    aliases)``; ``aliases`` joins the registry's ``aliases`` and the former names (``;``-separated)."""
    path = resources.files("labormap.media") / "eval" / filename
    with path.open(encoding="utf-8") as f:
        recs = [json.loads(line) for line in f if line.strip()]
    return [
        (
            r["bin"],
            r["name"],
            r["name_kk"] or "",
            r["legal_form"],
            r["kato"],
            r["holding"] or "",
            ";".join(x for x in (r.get("aliases") or "", r.get("former_names") or "") if x),
        )
        for r in recs
    ]


def fixture_contractors(filename: str = "employers.jsonl") -> list[tuple[str, str]]:
    """``(contractor bin, customer bin)`` pairs of a set's employers file."""
    path = resources.files("labormap.media") / "eval" / filename
    with path.open(encoding="utf-8") as f:
        recs = [json.loads(line) for line in f if line.strip()]
    return [(r["bin"], r["contractor_of"]) for r in recs if r.get("contractor_of")]


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3), "support": tp + fn}


def score(items: Sequence[dict[str, Any]], results: Sequence[Result]) -> dict[str, Any]:
    """Precision, recall and F1 for ``labour`` and each kind; linking, extraction and dedupe accuracy."""
    gold = [it["gold"] for it in items]
    rep: dict[str, Any] = {"items": len(items), "languages": dict(Counter(g["lang"] for g in gold))}

    def binary(pred: Sequence[bool], truth: Sequence[bool]) -> dict[str, float]:
        tp = sum(p and t for p, t in zip(pred, truth, strict=True))
        fp = sum(p and not t for p, t in zip(pred, truth, strict=True))
        fn = sum(t and not p for p, t in zip(pred, truth, strict=True))
        return prf(tp, fp, fn)

    rep["labour"] = binary([r.labour for r in results], [g["labour"] for g in gold])
    rep["labour_by_lang"] = {
        lang: binary(
            [r.labour for r, g in zip(results, gold, strict=True) if g["lang"] == lang],
            [g["labour"] for g in gold if g["lang"] == lang],
        )
        for lang in sorted({g["lang"] for g in gold})
    }
    rep["kinds"] = {
        k: binary([r.kind == k for r in results], [g["kind"] == k for g in gold]) for k in KIND_PRIORITY
    }
    f1s = [v["f1"] for k, v in rep["kinds"].items() if v["support"]]
    rep["kind_macro_f1"] = round(sum(f1s) / len(f1s), 3) if f1s else 0.0
    rep["kind_accuracy"] = round(
        sum(r.kind == g["kind"] for r, g in zip(results, gold, strict=True)) / len(gold), 3
    )
    # By language (issue 18): kind accuracy and exact linking on labour publications, per gold language.
    rep["by_lang"] = {}
    for lang in sorted({g["lang"] for g in gold}):
        pairs = [(r, g) for r, g in zip(results, gold, strict=True) if g["lang"] == lang]
        lab = [(r, g) for r, g in pairs if g["labour"]]
        rep["by_lang"][lang] = {
            "items": len(pairs),
            "kind_accuracy": round(sum(r.kind == g["kind"] for r, g in pairs) / len(pairs), 3),
            "linking_accuracy": round(
                sum(set(r.employer_bins) == set(g["employer_bins"]) for r, g in lab) / len(lab), 3
            )
            if lab
            else None,
        }
    rep["lang_accuracy"] = round(
        sum(r.lang == g["lang"] for r, g in zip(results, gold, strict=True)) / len(gold), 3
    )

    # Causes: micro-averaged over publications that are labour signals in the gold labels.
    tp = fp = fn = 0
    for r, g in zip(results, gold, strict=True):
        if not g["labour"]:
            continue
        pc, gc = set(r.causes), set(g["causes"])
        tp, fp, fn = tp + len(pc & gc), fp + len(pc - gc), fn + len(gc - pc)
    rep["causes"] = prf(tp, fp, fn)

    # Linking: on gold labour publications, exact set match and pairwise precision/recall.
    exact = n = tp = fp = fn = 0
    for r, g in zip(results, gold, strict=True):
        if not g["labour"]:
            continue
        n += 1
        pb, gb = set(r.employer_bins), set(g["employer_bins"])
        exact += pb == gb
        tp, fp, fn = tp + len(pb & gb), fp + len(pb - gb), fn + len(gb - pb)
    rep["linking"] = {"accuracy": round(exact / n, 3) if n else 0.0, **prf(tp, fp, fn)}

    # Participants and money: exact (money within 1 %) where the gold states them on labour publications.
    part = [
        (r.participants, g["participants"])
        for r, g in zip(results, gold, strict=True)
        if g["labour"] and g.get("participants") is not None
    ]
    money = [
        (r.amount_kzt, g["amount_kzt"])
        for r, g in zip(results, gold, strict=True)
        if g["labour"] and g.get("amount_kzt") is not None
    ]
    rep["participants_accuracy"] = {
        "accuracy": round(sum(p == t for p, t in part) / len(part), 3) if part else None,
        "support": len(part),
    }
    rep["amount_accuracy"] = {
        "accuracy": round(sum(p is not None and abs(p - t) <= 0.01 * t for p, t in money) / len(money), 3)
        if money
        else None,
        "support": len(money),
    }

    # Stories: pairwise precision / recall of "same story" over all pairs of publications.
    tp = fp = fn = 0
    for i in range(len(items)):
        for j in range(i + 1, len(items)):
            same_gold = gold[i].get("story") is not None and gold[i].get("story") == gold[j].get("story")
            same_pred = results[i].story_id == results[j].story_id
            tp, fp, fn = (
                tp + (same_gold and same_pred),
                fp + (same_pred and not same_gold),
                fn + (same_gold and not same_pred),
            )
    rep["stories"] = prf(tp, fp, fn)

    tags: dict[str, list[bool]] = {}
    for r, g in zip(results, gold, strict=True):
        if not g["labour"] and g.get("tag"):
            tags.setdefault(g["tag"], []).append(not r.labour)
    rep["hard_negatives"] = {t: {"correct": sum(v), "of": len(v)} for t, v in sorted(tags.items())}
    return rep


def evaluate(
    name_or_path: str, *, use_ner: bool = True
) -> tuple[dict[str, Any], list[Result], list[dict[str, Any]]]:
    path = set_path(name_or_path) if name_or_path in SETS else Path(name_or_path)
    items = load_set(path)
    emp_file = EMPLOYER_FILES.get(name_or_path, "employers.jsonl")
    index = EmployerIndex(fixture_employers(emp_file), contractors=fixture_contractors(emp_file))
    analyzer = Analyzer(index, use_ner=use_ner)
    results = analyzer.analyse(items)
    return score(items, results), results, items


def render(rep: dict[str, Any]) -> str:
    """A plain-text report (Markdown tables) of :func:`score`."""
    lines = [
        f"items: {rep['items']}  languages: {rep['languages']}",
        "",
        "| measure | precision | recall | F1 | support |",
        "|---|---|---|---|---|",
    ]

    def row(name: str, m: dict[str, Any]) -> None:
        lines.append(
            f"| {name} | {m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.3f} | {m['support']} |"
        )

    row("**labour**", rep["labour"])
    for lang, m in rep["labour_by_lang"].items():
        row(f"labour ({lang})", m)
    for k, m in rep["kinds"].items():
        row(f"kind `{k}`", m)
    row("causes (micro)", rep["causes"])
    row("employer links (pairs)", rep["linking"])
    row("same story (pairs)", rep["stories"])
    lines += [
        "",
        f"kind accuracy {rep['kind_accuracy']:.3f}, macro F1 over kinds {rep['kind_macro_f1']:.3f}, "
        f"language accuracy {rep['lang_accuracy']:.3f}",
        f"linking accuracy (exact employer set on labour publications) {rep['linking']['accuracy']:.3f}",
        f"participants exact {rep['participants_accuracy']['accuracy']} (n={rep['participants_accuracy']['support']}), "
        f"amount within 1% {rep['amount_accuracy']['accuracy']} (n={rep['amount_accuracy']['support']})",
        "by language: "
        + ", ".join(
            f"{lang} kind accuracy {m['kind_accuracy']:.3f} linking {m['linking_accuracy']}"
            for lang, m in rep["by_lang"].items()
        ),
        "hard negatives rejected: "
        + ", ".join(f"{t} {v['correct']}/{v['of']}" for t, v in rep["hard_negatives"].items()),
    ]
    return "\n".join(lines)
