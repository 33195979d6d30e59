"""Benchmark of ``labormap.fmt.number`` and of the reason sentences against Babel's own formatter.

``fmt.number`` writes numbers with Python's formatting and the locale's CLDR symbols read once from
Babel; the reference is ``babel.numbers.format_decimal`` with the same pattern, called per number. The
script first checks that both give the same text for every value (it fails otherwise), then times them,
and times a reason sentence in three languages (what scoring writes for each distinct combination of a
reason's features).

    .venv/bin/python benchmarks/bench_fmt.py [--n 50000] [--json OUT.json]
"""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path

from babel import numbers

from labormap import fmt
from labormap.risk.reasons import render

LOCALES = {"ru": "ru_RU", "kk": "kk_KZ", "en": "en_GB"}


def reference(x: float, lang: str, digits: int) -> str:
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return numbers.format_decimal(round(x, digits), format=pattern, locale=LOCALES[lang])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=50_000)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    rng = random.Random(7)
    values = [
        (rng.uniform(-1e7, 1e7), rng.choice(list(LOCALES)), rng.choice([0, 1, 2])) for _ in range(args.n)
    ]
    values = [(x, lang, d) for x, lang, d in values if round(x, d) != 0]  # Babel writes "-0"; we write "0"
    bad = [(x, lang, d) for x, lang, d in values if fmt.number(x, lang, d) != reference(x, lang, d)]
    if bad:
        raise SystemExit(f"{len(bad)} numbers differ from Babel, e.g. {bad[:3]}")

    t = time.perf_counter()
    for x, lang, d in values:
        fmt.number(x, lang, d)
    ours = time.perf_counter() - t
    t = time.perf_counter()
    for x, lang, d in values:
        reference(x, lang, d)
    ref = time.perf_counter() - t

    rows = [
        {
            "arrears_open_cases": 1,
            "arrears_workers": rng.randint(1, 900),
            "arrears_months": rng.randint(1, 12),
        }
        for _ in range(min(args.n, 20_000))
    ]
    t = time.perf_counter()
    for r in rows:
        render("wage_arrears", r)
    sentences = time.perf_counter() - t

    out = {
        "numbers": len(values),
        "fmt_number_us": round(ours / len(values) * 1e6, 2),
        "babel_format_decimal_us": round(ref / len(values) * 1e6, 2),
        "speed_ratio": round(ref / ours, 1),
        "reason_sentence_3_langs_us": round(sentences / len(rows) * 1e6, 1),
    }
    print(json.dumps(out, indent=2))
    if args.json:
        args.json.write_text(json.dumps(out, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
