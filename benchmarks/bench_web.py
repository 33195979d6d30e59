"""Web benchmark at national scale: publish a synthetic 400k-employer warehouse, then time the list, map,
card and API (p50/p95) against straightforward reference implementations in the same run.

    LABORMAP_DEMO=1 .venv/bin/python benchmarks/bench_web.py [--employers 400000] [--snapshots 4] [--n 40]

References compared in the same run:
- map: counting employers per region in a Python loop over the scoped queryset (vs one GROUP BY, cold,
  and the per-publish cache);
- list: the current score looked up in the history table for each row (N+1, no denormalised score);
- indexes: the same list and map queries after dropping the employer indexes.
Requests go through Django's test client in-process (no network), logged in as the ministry (whole
country) and as a regional akimat. Figures are written to stdout as a Markdown table for docs/web.md.
"""

from __future__ import annotations

import argparse
import functools
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import duckdb

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def build_warehouse(root: Path, n: int, snapshots: int) -> Any:
    """A schema-correct warehouse: employers, ``snapshots`` weekly score snapshots with reasons, features."""
    import datetime as dt
    import json

    from labormap.reference import REGIONS
    from labormap.warehouse import Warehouse

    wh = Warehouse(root)
    root.mkdir(parents=True, exist_ok=True)
    run = wh.new_run_id()
    d = wh.data_dir("employers") / f"run={run}"
    d.mkdir(parents=True)
    katos = [k + "1010000" for k in REGIONS]
    okeds = [
        "01110",
        "06100",
        "10110",
        "35110",
        "41200",
        "47110",
        "49410",
        "55100",
        "62010",
        "85310",
        "86100",
    ]
    con = duckdb.connect()
    con.execute(f"""COPY (SELECT lpad(CAST(i AS VARCHAR), 12, '0') AS bin,
            'ТОО «Предприятие ' || i || '»' AS name, 'Кәсіпорын ' || i AS name_kk, 'TOO' AS legal_form,
            ({okeds!r})[1 + (i * 7) % {len(okeds)}] AS oked,
            ({katos!r})[1 + (hash(i) % 20)::INT] AS kato,
            40.5 + (hash(i * 3) % 1500) / 100.0 AS lat, 47.0 + (hash(i * 5) % 4000) / 100.0 AS lon,
            'active' AS status, DATE '2010-01-01' AS registered_on,
            CAST(NULL AS VARCHAR) AS parent_bin,
            CASE WHEN i % 500 = 0 THEN 'Холдинг ' || (i % 7) END AS holding,
            i % 5 = 0 AS union_present, i % 9 <> 0 AS accident_insurance
        FROM range(1, {n + 1}) t(i)) TO '{d}/part-0.parquet' (FORMAT parquet)""")
    wh.commit_run({"run_id": run, "registries": ["employers"]})
    last = dt.date(2025, 12, 31)
    dates = [last - dt.timedelta(days=7 * k) for k in range(snapshots)][::-1]
    for k, day in enumerate(dates):
        with wh.publish("scores", f"as_of={day.isoformat()}") as tmp:
            con.execute(f"""COPY (SELECT bin AS employer_bin, DATE '{day}' AS as_of, s / 100 AS probability, s AS score,
                    CASE WHEN s >= 85 THEN 'high' WHEN s >= 65 THEN 'elevated' WHEN s >= 40 THEN 'moderate' ELSE 'low' END AS level,
                    NULL::DOUBLE AS score_prev, NULL::VARCHAR AS level_prev, NULL::DOUBLE AS score_change,
                    'scorecard' AS method, 'bench-1' AS model_version,
                    [{{'code': 'contrib_late_share_12m', 'contribution': 10.0, 'value': 0.3, 'text_ru': 'Взносы с опозданием',
                       'text_kk': 'Жарналар кешігеді', 'text_en': 'Late contributions'}},
                     {{'code': CASE WHEN s > 70 THEN 'arrears_open_cases' ELSE 'turnover_12m' END, 'contribution': 5.0,
                       'value': 1.0, 'text_ru': 'Причина', 'text_kk': 'Себеп', 'text_en': 'Reason'}}] AS reasons
                FROM (SELECT lpad(CAST(i AS VARCHAR), 12, '0') AS bin,
                             least(99.0, greatest(1.0, 30 + (hash(i) % 50) + (hash(i * 31 + {k}) % 25) - 12)) AS s
                      FROM range(1, {n + 1}) t(i))) TO '{tmp}/scores.parquet' (FORMAT parquet)""")
            (tmp / "meta.json").write_text(
                json.dumps(
                    {
                        "as_of": day.isoformat(),
                        "method": "scorecard",
                        "model_version": "bench-1",
                        "thresholds": {"high": 85},
                    }
                )
            )
    cols = ", ".join(f"((hash(i * {j + 11}) % 1000) / 1000.0) AS f{j}" for j in range(14))
    with wh.publish("features", f"as_of={last.isoformat()}") as tmp:
        con.execute(f"""COPY (SELECT lpad(CAST(i AS VARCHAR), 12, '0') AS employer_bin, DATE '{last}' AS as_of,
                5 + (hash(i) % 400) AS headcount, 200000 + (hash(i * 7) % 400000)::DOUBLE AS median_wage,
                (hash(i * 3) % 100) / 100.0 AS contrib_late_share_12m, (hash(i) % 3) AS arrears_open_cases, {cols}
            FROM range(1, {n + 1}) t(i)) TO '{tmp}/features.parquet' (FORMAT parquet)""")
    con.close()
    return wh


def timed(fn: Callable[[], Any], n: int) -> tuple[float, float]:
    fn()  # warm-up
    xs = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        xs.append((time.perf_counter() - t) * 1000)
    xs.sort()
    return statistics.median(xs), xs[min(len(xs) - 1, round(0.95 * (len(xs) - 1)))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--employers", type=int, default=400_000)
    ap.add_argument("--snapshots", type=int, default=4)
    ap.add_argument("--n", type=int, default=40, help="requests per measurement")
    ap.add_argument("--dir", type=Path, default=None, help="work folder (default: a temporary one)")
    ap.add_argument("--reuse", action="store_true", help="time the app database already published in --dir")
    args = ap.parse_args()

    work = args.dir or Path(tempfile.mkdtemp(prefix="bench-web-"))
    os.environ.setdefault("LABORMAP_DEMO", "1")
    os.environ["LABORMAP_DATA_DIR"] = str(work / "data")
    from labormap.web import ops

    publish_s = float("nan")
    if args.reuse and (work / "data").exists():
        ops.migrate()
        from django.db import connection as _c

        with _c.cursor() as cur:  # publish ends with ANALYZE; an index added since needs its statistics too
            cur.execute("VACUUM ANALYZE" if _c.vendor == "postgresql" else "ANALYZE")
    else:
        t = time.perf_counter()
        wh = build_warehouse(work / "wh", args.employers, args.snapshots)
        print(
            f"synthetic warehouse: {args.employers} employers × {args.snapshots} snapshots "
            f"in {time.perf_counter() - t:.1f} s",
            file=sys.stderr,
        )
        ops.migrate()
        t = time.perf_counter()
        summary = ops.publish(wh)
        publish_s = time.perf_counter() - t
        print(f"publish: {summary} in {publish_s:.1f} s", file=sys.stderr)

    import logging

    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client

    from labormap.web.accounts.models import Profile
    from labormap.web.accounts.scope import scoped_employers
    from labormap.web.employers.filters import EmployerFilter
    from labormap.web.employers.models import Employer, ScoreHistory, Snapshot
    from labormap.web.maps.summary import region_summary

    User = get_user_model()
    users: dict[str, tuple[Any, Client]] = {}
    for name, kind, regions in [("bench-ministry", "country", ""), ("bench-akimat", "region", "47")]:
        u, _created = User.objects.get_or_create(username=name)
        Profile.objects.update_or_create(
            user=u,
            defaults={
                "role": "analyst" if kind == "country" else "akimat",
                "scope_kind": kind,
                "regions": regions,
            },
        )
        c = Client()
        c.force_login(u)
        users[name] = (u, c)
    from labormap.web.accounts.tokens import issue

    api = Client(headers={"Authorization": f"Bearer {issue(users['bench-ministry'][0])[0]}"})
    logging.getLogger("django.request").setLevel(logging.ERROR)
    rnd = random.Random(1)
    bins = [f"{rnd.randint(1, args.employers):012d}" for _ in range(1000)]
    it = iter(bins * 10)
    # the akimat opens cards of its own region (others answer 404, which would flatter the timing)
    own = list(Employer.objects.filter(region="47").values_list("bin", flat=True)[:1000])
    it47 = iter(own * 10)
    rows: list[tuple[str, str, float, float]] = []

    def measure(label: str, who: str, fn: Callable[[], Any], n: int = args.n) -> None:
        p50, p95 = timed(fn, n)
        rows.append((label, who, p50, p95))
        print(f"{label:<55} {who:<10} p50 {p50:8.1f} ms  p95 {p95:8.1f} ms", file=sys.stderr)

    def ok(c: Client, url: str, **params: Any) -> Any:
        r = c.get(url, params)
        assert r.status_code == 200, (url, r.status_code)
        return r

    for who in ("bench-ministry", "bench-akimat"):
        _u, c = users[who]
        short = who.split("-")[1]
        measure("list: first page, sorted by score", short, functools.partial(ok, c, "/employers/"))
        measure(
            "list: region + level + sector filter",
            short,
            functools.partial(ok, c, "/employers/", region="47", level="elevated", sector="B"),
        )
        measure("list: page 50", short, functools.partial(ok, c, "/employers/", page=50))
        measure("list: search by name", short, functools.partial(ok, c, "/employers/", q="предприятие 12345"))
        measure(
            "list: filter by reason",
            short,
            functools.partial(ok, c, "/employers/", reason="arrears_open_cases"),
        )
        measure("map: page (cached summary)", short, functools.partial(ok, c, "/map/"))

        def cold_map(c: Client = c) -> None:
            cache.clear()
            ok(c, "/map/regions.json", sector="G")

        measure("map: regions.json, cold (GROUP BY)", short, cold_map)
        measure(
            "map: drill-down points/clusters of a region",
            short,
            functools.partial(ok, c, "/map/region/47/points.json", zoom=7),
        )
        cards = it if who == "bench-ministry" else it47

        def card(c: Client = c, cards: Iterator[str] = cards) -> Any:
            return ok(c, f"/employers/{next(cards)}/")

        measure("card", short, card)
    measure(
        "API: employers, filtered page",
        "ministry",
        lambda: ok(api, "/api/v1/employers", region="75", level="high"),
    )
    measure("API: employer detail", "ministry", lambda: ok(api, f"/api/v1/employers/{next(it)}"))
    measure("API: regions", "ministry", lambda: ok(api, "/api/v1/regions"))

    # --- reference implementations -----------------------------------------------------------------
    ministry = users["bench-ministry"][0]
    latest = Snapshot.objects.order_by("-as_of").values_list("as_of", flat=True).first()
    assert latest is not None

    def naive_map() -> None:
        counts: dict[str, list[int]] = {}
        for region, level in (
            scoped_employers(ministry)
            .filter(sector="G")
            .values_list("region", "level")
            .iterator(chunk_size=10_000)
        ):
            cnt = counts.setdefault(region, [0, 0])
            cnt[0] += 1
            cnt[1] += level == "high"

    def naive_list() -> None:
        top = (
            ScoreHistory.objects.filter(as_of=latest)
            .order_by("-score")
            .values_list("employer_id", "score")[:50]
        )
        for b, _s in top:
            Employer.objects.get(bin=b)

    def ours_map() -> None:
        cache.clear()
        region_summary(ministry, EmployerFilter(sector="G"))

    def ours_list() -> None:
        list(EmployerFilter().ordered(scoped_employers(ministry))[:50])

    measure("reference map: Python loop over employers", "ministry", naive_map, n=min(args.n, 10))
    measure("ours map: GROUP BY (no cache)", "ministry", ours_map)
    measure("reference list: score looked up in history, N+1", "ministry", naive_list, n=min(args.n, 20))
    measure("ours list: denormalised current score", "ministry", ours_list)
    from labormap.web.employers.models import Employer as E

    with connection.cursor() as cur:
        for idx in E._meta.indexes:
            cur.execute(f"DROP INDEX {connection.ops.quote_name(idx.name)}")
    try:
        measure(
            "unindexed: list region + level filter",
            "ministry",
            lambda: ok(users["bench-ministry"][1], "/employers/", region="47", level="elevated", sector="B"),
            n=min(args.n, 10),
        )
        measure(
            "unindexed: list first page",
            "ministry",
            lambda: ok(users["bench-ministry"][1], "/employers/"),
            n=min(args.n, 10),
        )
    finally:
        with connection.schema_editor() as ed:
            for idx in E._meta.indexes:
                ed.add_index(E, idx)

    print(
        f"\nMachine: {os.cpu_count()} cores; database: {connection.vendor}; employers: {args.employers}; "
        f"snapshots: {args.snapshots}; publish: {publish_s:.1f} s\n"
    )
    print("| request | account | p50 ms | p95 ms |\n|---|---|---:|---:|")
    for label, who, p50, p95 in rows:
        print(f"| {label} | {who} | {p50:.1f} | {p95:.1f} |")


if __name__ == "__main__":
    main()
