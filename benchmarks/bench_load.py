"""Load: N concurrent users for a fixed time against gunicorn (`labormap serve`) and PostgreSQL, on loopback.

    flock /tmp/labormap-heavy.lock .venv/bin/python benchmarks/bench_load.py \\
        [--employers 400000] [--users 50] [--duration 300] [--workers 4] [--think 1,5] [--json F.json] \\
        [--db lm_load_keep --dir /tmp/load400]   # keep and reuse the published database (publish ~2 min)

What it does: builds the synthetic warehouse of benchmarks/bench_web.py (``--employers`` × ``--snapshots``),
creates a throw-away PostgreSQL database on 127.0.0.1:5432 (dropped at the end), migrates and publishes into
it, starts `labormap serve` on a free loopback port, and runs ``--users`` threads — each a logged-in analyst
(whole country) with its own session — that loop over the four request kinds (list, map, card, API) until
``--duration`` seconds have passed, pausing a random ``--think`` time (uniform between MIN and MAX seconds,
default 1–5 s) after each answer. Real users read a page before the next click; a closed loop without pauses
(``--think 0``) measures the server's capacity (requests per second at saturation) rather than what 50 people
see, so both are reported: the think-time run is the figure for "50 concurrent users", the closed loop the
capacity figure. 1–5 s is the range Locust's examples use (``between(1, 5)``) and short for someone reading
an employer card, so it errs on the side of more load. Every loop is bounded: it stops at the deadline, each request has a
30 s timeout, and a thread stops after 100 000 requests. Reported per kind: requests, errors (non-200 or
exceptions), p50 and p95 in ms, as a Markdown table for docs/web.md (and JSON with ``--json``).

Reference measured in the same run: the same requests by one user alone (sequential, 40 per kind, after a
warm-up of 8 per kind so each gunicorn worker has loaded its templates and caches), so the ratio shows what
the concurrency costs. Also reported: throughput, the load average before and after, the machine's CPU use
during the load (from /proc/stat) and the CPU seconds spent by gunicorn (master and workers), by PostgreSQL
backends of the database and by this script's own client threads.

``--db NAME`` keeps the database (created and published if it has no employers yet, reused otherwise) and
``--dir`` the warehouse folder, so repeated runs at 400 000 employers skip the ~2 min publish.
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


def _psql_cmd(db: str, sql: str, *flags: str) -> list[str]:
    """psql against the loopback server as ``postgres``, one statement."""
    return [shutil.which("psql") or "psql", "-h", "127.0.0.1", "-U", "postgres", "-d", db, *flags, "-c", sql]


def _psql(sql: str) -> None:
    subprocess.run(_psql_cmd("postgres", sql, "-q"), check=True)


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


def _think(raw: str) -> tuple[float, float]:
    """``MIN,MAX`` seconds (or one number for a fixed pause, ``0`` for none)."""
    try:
        parts = [float(x) for x in raw.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError(f"--think {raw!r}: give MIN,MAX seconds, e.g. 1,5") from None
    lo, hi = (
        (parts[0], parts[0]) if len(parts) == 1 else (parts[0], parts[1]) if len(parts) == 2 else (-1, -1)
    )
    if not 0 <= lo <= hi:
        raise argparse.ArgumentTypeError(f"--think {raw!r}: give MIN,MAX seconds with 0 <= MIN <= MAX")
    return lo, hi


def _cpu_busy() -> tuple[float, float]:
    """(busy, total) jiffies of the whole machine from /proc/stat."""
    v = [float(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = v[3] + (v[4] if len(v) > 4 else 0.0)  # idle + iowait
    return sum(v) - idle, sum(v)


def _tree_cpu_s(pid: int) -> float:
    """CPU seconds (user + system) of a process and its live descendants (gunicorn master and workers)."""
    tick = os.sysconf("SC_CLK_TCK")
    total, todo = 0.0, [pid]
    while todo:
        p = todo.pop()
        try:
            stat = Path(f"/proc/{p}/stat").read_text()
            fields = stat[stat.rindex(")") + 2 :].split()
            total += (int(fields[11]) + int(fields[12])) / tick
            todo += [int(c) for c in Path(f"/proc/{p}/task/{p}/children").read_text().split()]
        except (OSError, ValueError, IndexError):
            continue  # the process ended meanwhile
    return total


class _PgSampler(threading.Thread):
    """CPU seconds of the PostgreSQL backends serving ``db``, sampled every second from /proc (same machine).

    Backends come and go (Django closes a connection after CONN_MAX_AGE), so one reading at the end would
    miss the ones that ended: each backend's last reading counts, less what it had used before the load.
    A backend that lived less than a second between two samples is missed, so the figure is a lower bound.
    """

    def __init__(self, db: str) -> None:
        super().__init__(daemon=True)
        self.tag = f" {db} "
        self.first: dict[int, float] = {}
        self.last: dict[int, float] = {}
        self.stop = threading.Event()
        self.first = self._read()

    def _read(self) -> dict[int, float]:
        tick = os.sysconf("SC_CLK_TCK")
        out: dict[int, float] = {}
        for d in Path("/proc").iterdir():
            if not d.name.isdigit():
                continue
            try:
                if self.tag not in (d / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace"):
                    continue
                stat = (d / "stat").read_text()
                f = stat[stat.rindex(")") + 2 :].split()
                out[int(d.name)] = (int(f[11]) + int(f[12])) / tick
            except (OSError, ValueError, IndexError):
                continue
        return out

    def run(self) -> None:
        while not self.stop.wait(1.0):
            self.last.update(self._read())

    def cpu_s(self) -> float:
        self.stop.set()
        self.last.update(self._read())
        return sum(v - self.first.get(pid, 0.0) for pid, v in self.last.items())


def _db_employers(db: str) -> int:
    """Employers published in ``db`` (0 when the database or the table does not exist)."""
    r = subprocess.run(
        _psql_cmd(db, "SELECT count(*) FROM employers_employer", "-Atq"),
        capture_output=True,
        text=True,
        check=False,
    )
    return int(r.stdout.strip()) if r.returncode == 0 and r.stdout.strip().isdigit() else 0


def main() -> None:  # noqa: C901  (one script, read top to bottom)
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--employers", type=int, default=400_000)
    ap.add_argument("--snapshots", type=int, default=2)
    ap.add_argument("--users", type=int, default=50)
    ap.add_argument("--duration", type=float, default=300.0, help="seconds of load (default 300)")
    ap.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    ap.add_argument(
        "--think",
        type=_think,
        default=(1.0, 5.0),
        help="pause after each answer, MIN,MAX seconds uniform (default 1,5; 0 = closed loop, capacity)",
    )
    ap.add_argument("--db", default=None, help="database name to keep and reuse (default: throw-away)")
    ap.add_argument("--dir", type=Path, default=None, help="warehouse folder to keep and reuse (with --db)")
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args()
    think_lo, think_hi = args.think

    from benchmarks.bench_web import build_warehouse

    work = args.dir.resolve() if args.dir else Path(tempfile.mkdtemp(prefix="bench-load-"))
    work.mkdir(parents=True, exist_ok=True)
    db = args.db or f"lm_load_{uuid.uuid4().hex[:8]}"
    env = dict(os.environ, DATABASE_URL=PG + db, LABORMAP_DEMO="1", LABORMAP_DATA_DIR=str(work / "data"))
    env.pop("DJANGO_SETTINGS_MODULE", None)
    server: subprocess.Popen[bytes] | None = None
    published = _db_employers(db) if args.db else 0
    if not published:
        _psql(f"DROP DATABASE IF EXISTS {db} WITH (FORCE)")
        _psql(f"CREATE DATABASE {db}")
    try:
        t = time.perf_counter()
        whroot = work / "wh"
        if published == args.employers and (whroot / "manifest.json").exists():
            print(f"reusing database {db} ({published} employers) and {whroot}", file=sys.stderr)
        else:
            if published:
                raise SystemExit(f"database {db} holds {published} employers, not {args.employers}: drop it")
            shutil.rmtree(whroot, ignore_errors=True)
            build_warehouse(whroot, args.employers, args.snapshots)
            _lm(env, "web", "migrate")
            _lm(env, "web", "publish", "--warehouse", str(whroot))
            print(f"warehouse + publish: {time.perf_counter() - t:.0f} s", file=sys.stderr)
        env["LABORMAP_WAREHOUSE"] = str(whroot)
        _lm(env, "web", "migrate")  # a kept database may predate a migration added since
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

        # reference: one user alone, 40 sequential requests per kind after a warm-up (each worker's first
        # request of a kind loads templates and fills its caches: a cost paid once per worker, not per user)
        alone: dict[str, list[float]] = {k: [] for k in KINDS}
        s0, r0 = session(args.users), random.Random(0)
        for kind in KINDS:
            for _ in range(2 * args.workers):
                request(s0, kind, r0)
            for _ in range(40):
                t0 = time.perf_counter()
                request(s0, kind, r0)
                alone[kind].append((time.perf_counter() - t0) * 1000)

        lat: dict[str, list[float]] = {k: [] for k in KINDS}
        errors: dict[str, int] = dict.fromkeys(KINDS, 0)
        lock = threading.Lock()
        load_before = os.getloadavg()
        pg = _PgSampler(db)
        pg.start()
        cpu0, srv0, me0 = _cpu_busy(), _tree_cpu_s(server.pid), time.process_time()
        deadline = time.monotonic() + args.duration

        def user(i: int) -> None:
            s, rnd = session(i), random.Random(i + 1)
            kinds = itertools.cycle(KINDS[i % 4 :] + KINDS[: i % 4])
            # users arrive spread over the first pause, not all in the same millisecond
            time.sleep(rnd.uniform(0, think_hi))
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
                if think_hi > 0:
                    time.sleep(max(0.0, min(rnd.uniform(think_lo, think_hi), deadline - time.monotonic())))

        threads = [threading.Thread(target=user, args=(i,), daemon=True) for i in range(args.users)]
        t = time.perf_counter()
        for th in threads:
            th.start()
        for th in threads:
            th.join(timeout=args.duration + 60)
        wall = time.perf_counter() - t
        cpu1, srv1, me1, pg_s = _cpu_busy(), _tree_cpu_s(server.pid), time.process_time(), pg.cpu_s()
        load_after = os.getloadavg()
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
        if not args.db:
            _psql(f"DROP DATABASE IF EXISTS {db} WITH (FORCE)")
            if not args.dir:
                shutil.rmtree(work, ignore_errors=True)

    cores = os.cpu_count() or 1
    total = sum(len(v) for v in lat.values())
    result: dict[str, Any] = {
        "employers": args.employers,
        "users": args.users,
        "think_s": [think_lo, think_hi],
        "duration_s": round(wall, 1),
        "workers": args.workers,
        "requests": total,
        "rps": round(total / wall, 1),
        "load_avg_before": [round(x, 2) for x in load_before],
        "load_avg_after": [round(x, 2) for x in load_after],
        "cores": cores,
        # share of all cores busy (every process on the machine, other jobs included)
        "machine_cpu_busy": round((cpu1[0] - cpu0[0]) / max(1.0, cpu1[1] - cpu0[1]), 3),
        "gunicorn_cpu_s": round(srv1 - srv0, 1),
        # sampled every second (a backend shorter than that is missed): a lower bound
        "postgres_cpu_s_min": round(pg_s, 1),
        "client_cpu_s": round(me1 - me0, 1),
        "kinds": {
            k: {
                "n": len(lat[k]),
                "errors": errors[k],
                "p50_ms": round(statistics.median(lat[k]), 1) if lat[k] else None,
                "p95_ms": round(_pct(lat[k], 0.95), 1),
                "p99_ms": round(_pct(lat[k], 0.99), 1),
                "alone_p50_ms": round(statistics.median(alone[k]), 1),
                "alone_p95_ms": round(_pct(alone[k], 0.95), 1),
            }
            for k in KINDS
        },
    }
    think = "no think time (closed loop)" if think_hi == 0 else f"think {think_lo:g}–{think_hi:g} s"
    print(
        f"\n{args.users} users, {think}, × {wall:.0f} s, {args.employers} employers, gunicorn {args.workers} "
        f"workers, PostgreSQL, loopback: {total} requests ({result['rps']}/s); load average "
        f"{load_before[0]:.2f} before, {load_after[0]:.2f} after; CPU busy {result['machine_cpu_busy']:.0%} of "
        f"{cores} cores; CPU s: gunicorn {result['gunicorn_cpu_s']}, PostgreSQL ≥{result['postgres_cpu_s_min']}, "
        f"client {result['client_cpu_s']}\n"
    )
    print("| request | n | errors | p50 ms | p95 ms | p99 ms | alone p50 | alone p95 |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for k, v in result["kinds"].items():
        print(
            f"| {k} | {v['n']} | {v['errors']} | {v['p50_ms']} | {v['p95_ms']} | {v['p99_ms']} | "
            f"{v['alone_p50_ms']} | {v['alone_p95_ms']} |"
        )
    if args.json:
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
