"""Media pipeline benchmark: triage and full-analysis throughput, against straightforward references.

    python benchmarks/bench_media.py [--items 6000] [--full-items 3000] [--workers 2] [--json out.json]

The corpora are synthetic but made of the labelled sets' own sentences: each publication joins two to
four sentences drawn from different labelled publications (Russian and Kazakh), with fresh numbers,
so no two texts are equal. The *mixed* corpus draws from all of them (almost every publication then
holds a trigger word: the hardest case for throughput); the *news-like* one takes 15 % of its
publications from labour items and the rest from the others (hard negatives and plain news).

- **triage**: :class:`labormap.media.triage.Triage` (pre-expanded word forms, set look-ups) vs the
  straightforward reference that lemmatises every word with pymorphy3 (no cache) and looks the
  lemma up in the same lexicon.
- **full analysis**: :meth:`Analyzer.analyse` (normalise, language, stories, triage, lexicons, linking
  to 48 employers, batched NER on the Russian labour signals the name index cannot link) on one
  process and on ``--workers`` processes, vs the reference that runs natasha's full Doc pipeline
  (segmentation + NER) on every publication, one at a time, before the same analysis.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import platform
import random
import re
import sys
import time
from typing import Any

os.environ.setdefault("LABORMAP_DEMO", "1")

from labormap.media.evaluate import fixture_employers, load_set, set_path
from labormap.media.lexicon import default_lexicon
from labormap.media.linking import EmployerIndex
from labormap.media.pipeline import Analyzer
from labormap.media.text import TOKEN_RE, fold, sentences
from labormap.media.triage import SIGNAL_CONCEPTS, Triage


def corpus(n: int, labour_share: float | None = None, seed: int = 7) -> list[dict[str, Any]]:
    """``n`` publications of two to four sentences from the labelled sets, numbers refreshed.

    With ``labour_share`` a publication takes its sentences from labour publications with that
    probability and from the others (hard negatives and plain news) otherwise; without it, from all.
    """
    rng = random.Random(seed)
    pools: dict[bool, list[str]] = {True: [], False: []}
    titles: dict[bool, list[str]] = {True: [], False: []}
    for name in ("eval", "dev"):
        for it in load_set(set_path(name)):
            lab = bool(it["gold"]["labour"])
            t = it["text"]
            pools[lab] += [t[a:b] for a, b in sentences(t) if b - a > 30]
            if it["title"]:
                titles[lab].append(it["title"])
    out = []
    for i in range(n):
        lab = rng.random() < labour_share if labour_share is not None else rng.random() < 0.5
        pool = pools[lab] if labour_share is not None else pools[True] + pools[False]
        tpool = titles[lab] if labour_share is not None else titles[True] + titles[False]
        body = " ".join(rng.choice(pool) for _ in range(rng.randint(2, 4)))
        body = re.sub(r"\d+", lambda m: str(rng.randint(2, 999)), body)
        out.append(
            {
                "id": f"b{i}",
                "published_at": f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T10:00:00",
                "source": "bench",
                "title": rng.choice(tpool),
                "text": body,
            }
        )
    return out


def _rate(n: int, seconds: float) -> float:
    return n / seconds if seconds else float("inf")


def bench_triage(items: list[dict[str, Any]]) -> dict[str, float]:
    tri = Triage(default_lexicon())
    texts = [f"{it['title']}\n{it['text']}" for it in items]
    t = time.perf_counter()
    cand = sum(tri.is_candidate(x) for x in texts)
    fast = time.perf_counter() - t

    # Reference: lemmatise every word with pymorphy3, no cache, and test lemmas and Kazakh stems.
    import pymorphy3

    morph = pymorphy3.MorphAnalyzer()
    lemmas = {
        k[2:]
        for c in SIGNAL_CONCEPTS
        for p in default_lexicon().patterns.get(c, ())
        for s in p.slots
        for k in s
        if k.startswith("L:")
    }
    stems = {
        k[2:]
        for c in SIGNAL_CONCEPTS
        for p in default_lexicon().patterns.get(c, ())
        for s in p.slots
        for k in s
        if k.startswith("P:")
    }
    sample = texts[: max(200, len(texts) // 10)]
    t = time.perf_counter()
    ref_cand = 0
    for x in sample:
        hit = False
        for w in TOKEN_RE.findall(x.lower()):
            if morph.parse(w)[0].normal_form in lemmas or any(fold(w).startswith(s) for s in stems):
                hit = True
                break
        ref_cand += hit
    ref = time.perf_counter() - t
    return {
        "items": len(texts),
        "candidates": cand,
        "seconds": round(fast, 3),
        "items_per_s": round(_rate(len(texts), fast)),
        "reference_items": len(sample),
        "reference_seconds": round(ref, 3),
        "reference_items_per_s": round(_rate(len(sample), ref)),
    }


def _analyse_chunk(items: list[dict[str, Any]]) -> float:
    a = Analyzer(EmployerIndex(fixture_employers()))
    a.analyse(items[:20])  # load pymorphy3 and natasha before timing
    t = time.perf_counter()
    a.analyse(items)
    return time.perf_counter() - t


def bench_full(items: list[dict[str, Any]], workers: int) -> dict[str, Any]:
    a = Analyzer(EmployerIndex(fixture_employers()))
    a.analyse(items[:20])  # warm-up: models loaded once per process, as in a long-running job
    t = time.perf_counter()
    res = a.analyse(items)
    one = time.perf_counter() - t
    labour = sum(r.labour for r in res)

    # Several processes: each analyses its share (stories are found within a share).
    chunks = [items[i::workers] for i in range(workers)]
    ctx = mp.get_context("fork")
    t = time.perf_counter()
    with ctx.Pool(workers) as pool:
        times = pool.map(_analyse_chunk, chunks)
    wall = time.perf_counter() - t  # includes each worker's model loading and warm-up
    multi = max(times)  # the analysis proper: the slowest worker

    # Reference: natasha's whole Doc pipeline on every publication, one at a time, then the analysis.
    from natasha import Doc, NewsEmbedding, NewsNERTagger, Segmenter

    seg, ner = Segmenter(), NewsNERTagger(NewsEmbedding())
    sample = items[: max(200, len(items) // 10)]
    ref_an = Analyzer(EmployerIndex(fixture_employers()), use_ner=False)
    t = time.perf_counter()
    for it in sample:
        d = Doc(f"{it['title']}\n{it['text']}")
        d.segment(seg)
        d.tag_ner(ner)
        ref_an.analyse([it])
    ref = time.perf_counter() - t
    return {
        "items": len(items),
        "labour": labour,
        "seconds_1_process": round(one, 3),
        "items_per_s_1_process": round(_rate(len(items), one)),
        "workers": workers,
        "seconds_workers": round(multi, 3),
        "items_per_s_workers": round(_rate(len(items), multi)),
        "seconds_workers_with_startup": round(wall, 3),
        "reference_items": len(sample),
        "reference_seconds": round(ref, 3),
        "reference_items_per_s": round(_rate(len(sample), ref)),
    }


def synthetic_employers(n: int, seed: int = 3) -> list[tuple[str, str, None, str, str, None]]:
    """``n`` employer rows with invented names of one to three words (syllables and common words)."""
    rng = random.Random(seed)
    syl = [
        "ка",
        "за",
        "мұ",
        "най",
        "сер",
        "вис",
        "стр",
        "ой",
        "ал",
        "тын",
        "бе",
        "ре",
        "ке",
        "ақ",
        "жол",
        "тау",
        "кен",
        "құ",
        "рыл",
        "ыс",
        "ин",
        "вест",
        "агро",
        "транс",
        "ойл",
        "газ",
        "мет",
        "лог",
        "тех",
        "нұр",
    ]
    common = [
        "Сервис",
        "Строй",
        "Групп",
        "Плюс",
        "Компани",
        "Казахстан",
        "Мунай",
        "Агро",
        "Трейд",
        "Инвест",
        "Холдинг",
        "Логистик",
        "Курылыс",
        "Алтын",
        "Береке",
        "Восток",
        "Жол",
        "Энерго",
    ]
    katos = ["471010000", "231010000", "351010000", "751010000", "711010000", "551010000", "791010000"]
    rows = []
    for i in range(n):
        words = [
            "".join(rng.choice(syl) for _ in range(rng.randint(2, 4))).capitalize()
            if rng.random() < 0.6
            else rng.choice(common)
            for _ in range(rng.randint(1, 3))
        ]
        rows.append((f"9{i:011d}", f"ТОО «{' '.join(words)}»", None, "TOO", rng.choice(katos), None))
    return rows


def bench_national_index(n: int, items: list[dict[str, Any]]) -> dict[str, Any]:
    """Index build time and full-analysis throughput with ``n`` synthetic employers plus the 48 fixture ones."""
    rows: list[Any] = synthetic_employers(n) + fixture_employers()
    t = time.perf_counter()
    index = EmployerIndex(rows)
    build = time.perf_counter() - t
    a = Analyzer(index)
    a.analyse(items[:200])
    t = time.perf_counter()
    res = a.analyse(items)
    sec = time.perf_counter() - t
    return {
        "employers": len(index),
        "build_seconds": round(build, 1),
        "items": len(items),
        "seconds": round(sec, 3),
        "items_per_s": round(_rate(len(items), sec)),
        "links": sum(len(r.employer_bins) for r in res),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--items", type=int, default=6000, help="publications for the triage benchmark")
    ap.add_argument("--full-items", type=int, default=3000, help="publications for the full analysis")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument(
        "--national-employers",
        type=int,
        default=0,
        help="also time an employer index of this many synthetic employers (e.g. 400000)",
    )
    ap.add_argument("--json", help="write the figures here as JSON")
    args = ap.parse_args(argv)

    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    print(f"machine: {machine}")
    figures: dict[str, Any] = {"machine": machine}
    for label, share in (("mixed (labelled-set sentences)", None), ("news-like (15% labour)", 0.15)):
        items = corpus(max(args.items, args.full_items), share)
        tri = bench_triage(items[: args.items])
        full = bench_full(items[: args.full_items], args.workers)
        figures[label] = {"triage": tri, "full": full}
        print(
            f"\ncorpus {label}: {tri['items']} publications, {tri['candidates']} triage candidates "
            f"({100 * tri['candidates'] / tri['items']:.0f}%), {full['labour']} of {full['items']} labour"
        )
        print("| stage | items | seconds | items/s | reference items/s |")
        print("|---|---|---|---|---|")
        print(
            f"| triage | {tri['items']} | {tri['seconds']} | {tri['items_per_s']:,} | {tri['reference_items_per_s']:,} |"
        )
        print(
            f"| full analysis, 1 process | {full['items']} | {full['seconds_1_process']} | "
            f"{full['items_per_s_1_process']:,} | {full['reference_items_per_s']:,} |"
        )
        print(
            f"| full analysis, {full['workers']} processes | {full['items']} | "
            f"{full['seconds_workers']} | {full['items_per_s_workers']:,} | — |"
        )
        print(f"(with the workers' start-up and model loading: {full['seconds_workers_with_startup']} s)")
    if args.national_employers:
        nat = bench_national_index(args.national_employers, corpus(args.full_items, 0.15))
        figures["national_index"] = nat
        print(
            f"\nemployer index of {nat['employers']:,} names built in {nat['build_seconds']} s; full analysis "
            f"with it: {nat['items_per_s']:,} items/s ({nat['items']} news-like publications)"
        )
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(figures, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
