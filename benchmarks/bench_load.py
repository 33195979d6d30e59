"""Load: N concurrent users for a fixed time against gunicorn (`labormap serve`) and PostgreSQL, on loopback.

    flock /tmp/labormap-heavy.lock .venv/bin/python benchmarks/bench_load.py \\
        [--employers 400000] [--users 50] [--duration 300] [--workers 4] [--json F.json]

What it does: builds the synthetic warehouse of benchmarks/bench_web.py (``--employers`` × ``--snapshots``),
creates a throw-away PostgreSQL database on 127.0.0.1:5432 (dropped at the end), migrates and publishes into
it, starts `labormap serve` on a free loopback port, and runs ``--users`` threads — each a logged-in analyst
(whole country) with its own session — that loop over the four request kinds (list, map, card, API) until
``--duration`` seconds have passed. Every loop is bounded: it stops at the deadline, each request has a
30 s timeout, and a thread stops after 100 000 requests. Reported per kind: requests, errors (non-200 or
exceptions), p50 and p95 in ms, as a Markdown table for docs/web.md (and JSON with ``--json``).

Reference measured in the same run: the same requests by one user alone (sequential, 40 per kind), so the
ratio shows what the concurrency costs.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
BIN = Path(sys.executable).parent
PG = "postgres://postgres@127.0.0.1:5432/"
KINDS = ("list", "map", "card", "api")

SESSIONS = """
import json, sys
from labormap.web import ops
ops.setup()
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.sessions.backends.db import SessionStore
from labormap.web.accounts.models import Profile
from labormap.web.accounts.tokens import issue
u, _ = get_user_model().objects.get_or_create(username="load-analyst")
Profile.objects.update_or_create(user=u, defaults={"role": "analyst", "scope_kind": "country"})
keys = []
for _ in range(int(sys.argv[1])):
    s = SessionStore()
    s[SESSION_KEY] = str(u.pk)
    s[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    s[HASH_SESSION_KEY] = u.get_session_auth_hash()
    s.create()
    keys.append(s.session_key)
print(json.dumps({"cookie": settings.SESSION_COOKIE_NAME, "keys": keys, "token": issue(u)[0]}))
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _psql(sql: str) -> None:
    subprocess.run(
        [
            shutil.which("psql") or "psql",
            "-h",
            "127.0.0.1",
            "-U",
            "postgres",
            "-d",
            "postgres",
            "-q",
            "-c",
            sql,
        ],
        check=True,
    )


def _lm(env: dict[str, str], *args: str) -> str:
    r = subprocess.run([str(BIN / "labormap"), *args], env=env, capture_output=True, text=True, check=False)
    if r.returncode != 0:
        raise SystemExit(f"labormap {' '.join(args)} failed: {r.stderr[-1500:]}")
    return r.stdout


def _pct(xs: list[float], q: float) -> float:
    if not xs:
        return float("nan")
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(q * (len(xs) - 1)))]


def main() -> None:  # noqa: C901  (one script, read top to bottom)
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--employers", type=int, default=400_000)
    ap.add_argument("--snapshots", type=int, default=2)
    ap.add_argument("--users", type=int, default=50)
    ap.add_argument("--duration", type=float, default=300.0, help="seconds of load (default 300)")
    ap.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args()

    from benchmarks.bench_web import build_warehouse

    work = Path(tempfile.mkdtemp(prefix="bench-load-"))
    db = f"lm_load_{uuid.uuid4().hex[:8]}"
    env = dict(os.environ, DATABASE_URL=PG + db, LABORMAP_DEMO="1", LABORMAP_DATA_DIR=str(work / "data"))
    env.pop("DJANGO_SETTINGS_MODULE", None)
    _psql(f"CREATE DATABASE {db}")
    server: subprocess.Popen[bytes] | None = None
    try:
        t = time.perf_counter()
        wh = build_warehouse(work / "wh", args.employers, args.snapshots)
        env["LABORMAP_WAREHOUSE"] = str(wh.root)
        _lm(env, "web", "migrate")
        _lm(env, "web", "publish", "--warehouse", str(wh.root))
        print(f"warehouse + publish: {time.perf_counter() - t:.0f} s", file=sys.stderr)
        out = subprocess.run(
            [sys.executable, "-c", SESSIONS, str(args.users + 1)],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        auth = json.loads(out)
        port = _free_port()
        server = subprocess.Popen(
            [str(BIN / "labormap"), "serve", "--port", str(port), "--workers", str(args.workers)],
            env=env,
            stdout=(work / "serve.log").open("wb"),
            stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}"
        for _ in range(120):
            try:
                if requests.get(base + "/healthz", timeout=2).status_code == 200:
                    break
            except requests.RequestException:
                time.sleep(0.5)
        else:
            raise SystemExit("labormap serve did not start; see " + str(work / "serve.log"))

        regions = ["11", "47", "75", "35", "63", "71"]

        def request(s: requests.Session, kind: str, rnd: random.Random) -> int:
            params: dict[str, Any]
            if kind == "list":
                url, params = "/employers/", {"page": rnd.randint(1, 20)}
            elif kind == "map":
                url, params = "/map/regions.json", {"sector": rnd.choice(["", "B", "G", "C"])}
            elif kind == "card":
                url, params = f"/employers/{rnd.randint(1, args.employers):012d}/", {}
            else:
                url, params = "/api/v1/employers", {"region": rnd.choice(regions), "level": "high"}
            return s.get(base + url, params=params, timeout=30).status_code

        def session(i: int) -> requests.Session:
            s = requests.Session()
            s.cookies.set(auth["cookie"], auth["keys"][i], domain="127.0.0.1")
            s.headers["Authorization"] = f"Bearer {auth['token']}"
            return s

        # reference: one user alone, 40 sequential requests per kind
        alone: dict[str, list[float]] = {k: [] for k in KINDS}
        s0, r0 = session(args.users), random.Random(0)
        for kind in KINDS:
            for _ in range(40):
                t0 = time.perf_counter()
                request(s0, kind, r0)
                alone[kind].append((time.perf_counter() - t0) * 1000)

        lat: dict[str, list[float]] = {k: [] for k in KINDS}
        errors: dict[str, int] = dict.fromkeys(KINDS, 0)
        lock = threading.Lock()
        deadline = time.monotonic() + args.duration

        def user(i: int) -> None:
            s, rnd = session(i), random.Random(i + 1)
            kinds = itertools.cycle(KINDS[i % 4 :] + KINDS[: i % 4])
            for _n in range(100_000):  # bounded even if the clock misbehaves
                if time.monotonic() >= deadline:
                    return
                kind = next(kinds)
                t0 = time.perf_counter()
                try:
                    ok = request(s, kind, rnd) == 200
                except requests.RequestException:
                    ok = False
                ms = (time.perf_counter() - t0) * 1000
                with lock:
                    lat[kind].append(ms)
                    errors[kind] += not ok

        threads = [threading.Thread(target=user, args=(i,), daemon=True) for i in range(args.users)]
        t = time.perf_counter()
        for th in threads:
            th.start()
        for th in threads:
            th.join(timeout=args.duration + 60)
        wall = time.perf_counter() - t
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
        _psql(f"DROP DATABASE IF EXISTS {db} WITH (FORCE)")

    total = sum(len(v) for v in lat.values())
    result: dict[str, Any] = {
        "employers": args.employers,
        "users": args.users,
        "duration_s": round(wall, 1),
        "workers": args.workers,
        "requests": total,
        "rps": round(total / wall, 1),
        "kinds": {
            k: {
                "n": len(lat[k]),
                "errors": errors[k],
                "p50_ms": round(statistics.median(lat[k]), 1) if lat[k] else None,
                "p95_ms": round(_pct(lat[k], 0.95), 1),
                "alone_p50_ms": round(statistics.median(alone[k]), 1),
                "alone_p95_ms": round(_pct(alone[k], 0.95), 1),
            }
            for k in KINDS
        },
    }
    print(
        f"\n{args.users} users × {wall:.0f} s, {args.employers} employers, gunicorn {args.workers} workers, "
        f"PostgreSQL, loopback: {total} requests ({result['rps']}/s)\n"
    )
    print("| request | n | errors | p50 ms | p95 ms | alone p50 | alone p95 | p95 ratio |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for k, v in result["kinds"].items():
        ratio = v["p95_ms"] / v["alone_p95_ms"] if v["alone_p95_ms"] else float("nan")
        print(
            f"| {k} | {v['n']} | {v['errors']} | {v['p50_ms']} | {v['p95_ms']} | {v['alone_p50_ms']} | "
            f"{v['alone_p95_ms']} | {ratio:.1f}× |"
        )
    if args.json:
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
