"""Publishing the engine's results from the warehouse into the app database, in one transaction.

What is loaded: employers (``employers`` view) with their current score and level streak; every
``scores`` snapshot not yet loaded (history for the card chart); the latest ``features`` as key figures
and their medians by region × sector; labour media signals linked to employers; contractor links; then
alerts for the new snapshots. The heavy lifting (joins, windows, medians, JSON) runs in DuckDB and rows
stream into the database in batches, so a national snapshot never sits in Python memory at once. A crash
anywhere rolls the transaction back and the pages keep showing the previous state.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone

from labormap import levels
from labormap.warehouse import Warehouse, datasets
from labormap.web.conf import UserError
from labormap.web.core.bulk import column, delete_all, insert_rows, table, upsert_rows
from labormap.web.employers.models import (
    LEVELS,
    ContractorLink,
    Employer,
    EmployerFigures,
    EmployerReason,
    MediaSignal,
    PeerMedian,
    PublishRun,
    ScoreHistory,
    Snapshot,
)

log = logging.getLogger("labormap.web.publish")

BATCH = 20_000
Progress = Callable[[str], None]


class PublishError(UserError):
    """The warehouse cannot be published (no scores, a missing dataset): the operator fixes the input."""


def _views(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {r[0] for r in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}


def _columns(con: duckdb.DuckDBPyConnection, view: str) -> dict[str, str]:
    return {r[0]: r[1] for r in con.execute(f'DESCRIBE "{view}"').fetchall()}


def _batches(
    con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None
) -> Iterator[list[tuple]]:
    reader = con.sql(sql, params=params).to_arrow_reader(BATCH)
    for batch in reader:
        if batch.num_rows:
            yield list(zip(*(c.to_pylist() for c in batch.columns), strict=True))


def _snapshot_meta(wh: Warehouse, as_of: dt.date) -> dict[str, Any]:
    try:
        return datasets.snapshot_meta(wh, as_of)
    except FileNotFoundError:
        return {}
    except ValueError:
        log.warning("unreadable %s", datasets.snapshot_meta_path(wh, as_of))
    return {}


def latest_backtest(wh: Warehouse) -> dict[str, Any] | None:
    """The newest ``backtests/<id>/backtest.json`` (by modification time), if any."""
    found = datasets.backtest_files(wh)
    if not found:
        return None
    try:
        data: dict[str, Any] = json.loads(found[-1].read_text(encoding="utf-8"))
    except ValueError:
        return None
    # the dashboard needs the headline metrics, not the curves and breakdowns
    keep = ("roc_auc", "pr_auc", "brier", "high_precision", "high_flags")
    out: dict[str, Any] = {"id": found[-1].parent.name}
    for k in ("data_end", "horizon_days", "created_at", "samples", "positives", "scorecard_version"):
        if k in data:
            out[k] = data[k]
    for side in ("model", "scorecard"):
        if isinstance(data.get(side), dict):
            out[side] = {k: data[side][k] for k in keep if k in data[side]}
    return out


def _headcount_sql(con: duckdb.DuckDBPyConnection, views: set[str], as_of: dt.date | None) -> str:
    """Headcount per employer: the ``headcount`` feature when the feature table has it, else contracts
    in force on the snapshot date (registered by then)."""
    if "features" in views and "headcount" in _columns(con, "features"):
        return (
            "SELECT employer_bin AS bin, CAST(headcount AS BIGINT) AS headcount FROM features "
            "WHERE as_of = (SELECT max(as_of) FROM features"
            + (f" WHERE as_of <= DATE '{as_of.isoformat()}'" if as_of else "")
            + ")"
        )
    d = f"DATE '{as_of.isoformat()}'" if as_of else "current_date"
    return (
        "SELECT employer_bin AS bin, count(*) AS headcount FROM contracts "
        f"WHERE start_on <= {d} AND (terminated_on IS NULL OR terminated_on > {d}) "
        f"AND (registered_on IS NULL OR registered_on <= {d}) GROUP BY 1"
    )


EMPLOYER_FIELDS = [
    "bin",
    "name",
    "name_kk",
    "legal_form",
    "oked",
    "sector",
    "kato",
    "region",
    "lat",
    "lon",
    "status",
    "parent_bin",
    "holding",
    "union_present",
    "accident_insurance",
    "headcount",
    "size",
    "search",
    "score",
    "level",
    "score_prev",
    "level_prev",
    "score_change",
    "method",
    "model_version",
    "reasons",
    "top_reason",
    "level_since",
    "level_before",
    "ever_high",
]


def _section_case() -> str:
    return datasets.section_case_sql("e.oked")


def _employers_sql(con: duckdb.DuckDBPyConnection, views: set[str], latest: dt.date | None) -> str:
    has_scores = latest is not None
    streak = (
        f"""
        , s AS (SELECT employer_bin, as_of, level,
                       lag(level) OVER (PARTITION BY employer_bin ORDER BY as_of) AS prev FROM scores),
          streak AS (SELECT employer_bin,
                        max(as_of) FILTER (WHERE prev IS NULL OR prev <> level) AS level_since,
                        arg_max(prev, as_of) FILTER (WHERE prev IS NULL OR prev <> level) AS level_before,
                        bool_or(level = '{levels.HIGH}') AS ever_high
                     FROM s GROUP BY employer_bin),
          cur AS (SELECT * FROM scores WHERE as_of = DATE '{latest.isoformat()}')
        """
        if latest is not None
        else ""
    )
    # scores at the precision the pages show (whole points), the change as the difference of those: a
    # move too small to see leaves the row, and its hash, as it was
    score_cols = (
        f"""round(cur.score), CASE WHEN {levels.sql_known("cur.level")} THEN cur.level END,
           round(cur.score_prev), cur.level_prev, round(cur.score) - round(cur.score_prev),
           coalesce(cur.method, ''),
           coalesce(cur.model_version, ''), coalesce(CAST(to_json(cur.reasons) AS VARCHAR), '[]'),
           coalesce(cur.reasons[1].code, ''), CAST(streak.level_since AS VARCHAR), streak.level_before,
           coalesce(streak.ever_high, false)"""
        if has_scores
        else "NULL, NULL, NULL, NULL, NULL, '', '', '[]', '', NULL, NULL, false"
    )
    joins = (
        "LEFT JOIN cur ON cur.employer_bin = e.bin LEFT JOIN streak ON streak.employer_bin = e.bin"
        if has_scores
        else ""
    )
    return f"""
        WITH hc AS ({_headcount_sql(con, views, latest)}) {streak}
        SELECT e.bin, e.name, coalesce(e.name_kk, ''), coalesce(e.legal_form, ''), coalesce(e.oked, ''),
               {_section_case()}, coalesce(e.kato, ''), coalesce(substr(e.kato, 1, 2), ''), e.lat, e.lon,
               coalesce(e.status, ''), coalesce(e.parent_bin, ''), coalesce(e.holding, ''), e.union_present,
               e.accident_insurance, hc.headcount,
               CASE WHEN hc.headcount IS NULL THEN '' WHEN hc.headcount <= 15 THEN 'micro'
                    WHEN hc.headcount <= 100 THEN 'small' WHEN hc.headcount <= 250 THEN 'medium' ELSE 'large' END,
               lower(e.name || ' ' || coalesce(e.name_kk, '') || ' ' || e.bin),
               {score_cols}
        FROM employers e LEFT JOIN hc ON hc.bin = e.bin {joins}
    """


def _numeric_feature_columns(con: duckdb.DuckDBPyConnection) -> list[str]:
    numeric = (
        "DOUBLE",
        "FLOAT",
        "BIGINT",
        "INTEGER",
        "SMALLINT",
        "TINYINT",
        "HUGEINT",
        "BOOLEAN",
        "UBIGINT",
        "UINTEGER",
        "USMALLINT",
        "UTINYINT",
        "REAL",
    )
    return [
        c
        for c, t in _columns(con, "features").items()
        if c not in ("employer_bin", "as_of") and (t in numeric or t.startswith("DECIMAL"))
    ]


def _json_object(cols: list[str], agg: str | None = None) -> str:
    parts = []
    for c in cols:
        v = f'CAST("{c}" AS DOUBLE)'
        if agg:
            v = f"{agg}({v})"
        parts.append(f"'{c}', CASE WHEN isfinite({v}) THEN round({v}, 4) END")
    return f"CAST(json_object({', '.join(parts)}) AS VARCHAR)" if parts else "'{}'"


def _published(model: type[Model], key: str, extra: str = "false") -> pa.Table:
    """``(key, row_hash, flag)`` of every published row, for DuckDB to compare with the new rows."""
    qn = connection.ops.quote_name
    with connection.cursor() as cur:
        cur.execute(f"SELECT {qn(column(model, key))}, row_hash, {extra} FROM {qn(table(model))}")
        rows = cur.fetchall()
    keys, hashes, flags = (list(c) for c in zip(*rows, strict=True)) if rows else ([], [], [])
    return pa.table(
        {
            "bin": pa.array(keys, pa.string()),
            "row_hash": pa.array(hashes, pa.string()),
            "flag": pa.array([bool(f) for f in flags], pa.bool_()),
        }
    )


def _app_bins(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    """Fill the app database's temporary table ``_pub_bins`` with the keys ``sql`` selects in DuckDB."""
    with connection.cursor() as cur:
        cur.execute("DROP TABLE IF EXISTS _pub_bins")
        cur.execute("CREATE TEMP TABLE _pub_bins (bin varchar(12) PRIMARY KEY)")
        n = 0
        for batch in _batches(con, sql):
            if connection.vendor == "postgresql":
                with cur.cursor.copy("COPY _pub_bins (bin) FROM STDIN") as cp:
                    for row in batch:
                        cp.write_row(row)
            else:
                cur.executemany("INSERT INTO _pub_bins (bin) VALUES (%s)", batch)
            n += len(batch)
    return n


def _delete_for(model: type[Model], key: str) -> None:
    """Delete the rows of ``model`` whose ``key`` is in ``_pub_bins``."""
    qn = connection.ops.quote_name
    with connection.cursor() as cur:
        cur.execute(
            f"DELETE FROM {qn(table(model))} WHERE {qn(column(model, key))} IN (SELECT bin FROM _pub_bins)"
        )


def _publish_employers(
    con: duckdb.DuckDBPyConnection, views: set[str], latest: dt.date | None, *, full: bool, say: Progress
) -> tuple[int, int]:
    """Write the employers whose published fields changed (all of them when ``full``); returns
    (employers in the warehouse, rows written). DuckDB computes every row and its md5, compares it with
    the hashes read back from the app database, and only the differing rows travel and are rewritten.
    Leaves ``pub_chg`` (DuckDB) and ``_pub_bins`` (app database) naming the employers whose reasons
    must be rewritten."""
    names = ", ".join(EMPLOYER_FIELDS)
    con.execute(f"""CREATE OR REPLACE TEMP TABLE pub_emp AS
        SELECT q.*, md5(CAST(to_json(q) AS VARCHAR)) AS row_hash
        FROM (SELECT DISTINCT ON (bin) * FROM ({_employers_sql(con, views, latest)}) AS e({names})) q""")
    first_load = not Employer.objects.exists()
    con.register("published", _published(Employer, "bin", "score IS NOT NULL"))
    same = "false" if full else "p.row_hash = n.row_hash"  # full: every row counts as changed
    con.execute(f"""CREATE OR REPLACE TEMP TABLE pub_chg AS
        SELECT n.bin FROM pub_emp n ANTI JOIN published p ON p.bin = n.bin AND {same}""")
    # published employers the warehouse no longer has keep no stale score (the flag: they have one)
    con.execute("""INSERT INTO pub_chg SELECT p.bin FROM published p ANTI JOIN pub_emp n ON n.bin = p.bin
                   WHERE p.flag""").fetchall()
    n_emp = int(con.execute("SELECT count(*) FROM pub_emp").fetchall()[0][0])
    gone = [r[0] for r in con.execute("SELECT bin FROM pub_chg ANTI JOIN pub_emp USING (bin)").fetchall()]
    con.unregister("published")
    n_changed = int(con.execute("SELECT count(*) FROM pub_chg").fetchall()[0][0])
    say(f"employers write ({n_changed} rows)")
    if not n_changed:
        return n_emp, 0
    if not full:
        _app_bins(con, "SELECT bin FROM pub_chg")
    rows = _batches(
        con,
        f"SELECT {names}, row_hash FROM pub_emp WHERE bin IN (SELECT bin FROM pub_chg)",
    )
    fields = [*EMPLOYER_FIELDS, "row_hash"]
    if first_load:
        insert_rows(Employer, fields, rows)  # an empty table: plain COPY, no conflict to resolve
    else:
        upsert_rows(Employer, fields, "bin", rows)
    for i in range(0, len(gone), 500):
        Employer.objects.filter(bin__in=gone[i : i + 500]).update(
            score=None,
            level=None,
            score_prev=None,
            level_prev=None,
            score_change=None,
            reasons=[],
            top_reason="",
            row_hash="",
        )
    return n_emp, n_changed


def _publish_figures(
    con: duckdb.DuckDBPyConnection, views: set[str], latest: dt.date | None, *, full: bool
) -> int:
    """Key figures (the latest features) of the employers whose figures changed, and the peer medians;
    returns the number of employers whose figures were rewritten or removed."""
    delete_all(PeerMedian)  # a few hundred rows: rewritten every time
    cols = _numeric_feature_columns(con) if "features" in views else []
    f_as_of = (
        con.execute(
            "SELECT max(as_of) FROM features"
            + (f" WHERE as_of <= DATE '{latest.isoformat()}'" if latest else "")
        ).fetchall()[0]
        if cols
        else None
    )
    if not (f_as_of and f_as_of[0] is not None):
        delete_all(EmployerFigures)
        return 1
    fd = f_as_of[0].isoformat()
    con.execute(f"CREATE OR REPLACE TEMP TABLE lf AS SELECT * FROM features WHERE as_of = DATE '{fd}'")
    con.execute(f"""CREATE OR REPLACE TEMP TABLE pub_fig AS
        SELECT employer_bin AS bin, '{fd}' AS as_of, {_json_object(cols)} AS data FROM lf""")
    con.execute("ALTER TABLE pub_fig ADD COLUMN row_hash VARCHAR")
    # The hash covers the figures, not their date: the feature table has a new date every day, but most
    # employers' figures are monthly and unchanged, and hashing the date would rewrite all 400,000 rows
    # daily (the national publish spent 27 s here). A kept row's ``as_of`` is then the date its figures
    # last changed.
    con.execute("UPDATE pub_fig SET row_hash = md5(data)").fetchall()
    if full:
        delete_all(EmployerFigures)
        con.execute("CREATE OR REPLACE TEMP TABLE fig_chg AS SELECT bin FROM pub_fig")
    else:
        con.register("published", _published(EmployerFigures, "employer"))
        con.execute("""CREATE OR REPLACE TEMP TABLE fig_chg AS
            SELECT n.bin FROM pub_fig n ANTI JOIN published p ON p.bin = n.bin AND p.row_hash = n.row_hash
            UNION ALL SELECT p.bin FROM published p ANTI JOIN pub_fig n ON n.bin = p.bin""")
        con.unregister("published")
        if _app_bins(con, "SELECT bin FROM fig_chg"):
            _delete_for(EmployerFigures, "employer")
    n = insert_rows(
        EmployerFigures,
        ["employer", "as_of", "data", "row_hash"],
        _batches(
            con,
            "SELECT bin, as_of, data, row_hash FROM pub_fig WHERE bin IN (SELECT bin FROM fig_chg)",
        ),
    )
    insert_rows(
        PeerMedian,
        ["region", "sector", "employers", "data"],
        _batches(
            con,
            f"""
            SELECT coalesce(substr(e.kato, 1, 2), ''), coalesce(sec, ''), count(*), {_json_object(cols, "median")}
            FROM lf JOIN (SELECT bin, kato, {_section_case()} AS sec FROM employers e) e ON e.bin = lf.employer_bin
            GROUP BY GROUPING SETS ((substr(e.kato, 1, 2), sec), (substr(e.kato, 1, 2)), (sec), ())""",
        ),
    )
    gone = int(con.execute("SELECT count(*) FROM fig_chg").fetchall()[0][0])
    return max(n, gone)


def _publish_reasons(
    con: duckdb.DuckDBPyConnection, latest: dt.date | None, *, full: bool, changed: int
) -> None:
    """The reason codes of the employers in ``pub_chg`` (lists and the map filter by them)."""
    if full:
        delete_all(EmployerReason)
    elif changed:
        _delete_for(EmployerReason, "employer")
    if latest is None or not changed:
        return
    insert_rows(
        EmployerReason,
        ["employer", "code"],
        _batches(
            con,
            f"""SELECT DISTINCT employer_bin, r.code FROM
            (SELECT employer_bin, unnest(reasons) AS r FROM scores WHERE as_of = DATE '{latest.isoformat()}'
               AND employer_bin IN (SELECT bin FROM pub_chg))
            WHERE r.code IS NOT NULL""",
        ),
    )


def _statistics(touched: set[type[Model]], *, full: bool) -> None:
    """Planner statistics after the commit: everything after a full publish, else the touched tables."""
    with connection.cursor() as cur:
        if connection.vendor == "sqlite":
            cur.execute("ANALYZE")
            cur.execute("PRAGMA optimize")
        elif connection.vendor == "postgresql":
            if full:
                if not connection.in_atomic_block:
                    # sets the visibility map, so that counts become index-only scans (VACUUM cannot run
                    # in a transaction: skipped when the caller wraps publish in one)
                    for m in (Employer, EmployerReason, ScoreHistory, EmployerFigures):
                        cur.execute(f"VACUUM ANALYZE {m._meta.db_table}")
                cur.execute("ANALYZE")
            else:
                # statistics only where rows changed; autovacuum keeps the visibility map of a table
                # that a daily publish touches in a small part
                for model in sorted(touched | {PeerMedian}, key=lambda m: m._meta.db_table):
                    cur.execute(f"ANALYZE {model._meta.db_table}")


def _publish_history(con: duckdb.DuckDBPyConnection, wh: Warehouse, new: list[dt.date]) -> None:
    """One history row per employer for each new snapshot (COPY), and the snapshot's own row."""
    for d in new:
        n = insert_rows(
            ScoreHistory,
            ["employer", "as_of", "score", "probability", "level"],
            _batches(
                con,
                f"""SELECT employer_bin, CAST(as_of AS VARCHAR), score, probability, level FROM scores
                WHERE as_of = DATE '{d.isoformat()}' AND score IS NOT NULL AND {levels.sql_known("level")}""",
            ),
        )
        meta = _snapshot_meta(wh, d)
        counts = meta.get("counts") or {
            lv: c
            for lv, c in con.execute(
                f"SELECT level, count(*) FROM scores WHERE as_of = DATE '{d.isoformat()}' GROUP BY 1"
            ).fetchall()
        }
        Snapshot.objects.create(
            as_of=d,
            method=str(meta.get("method", "")),
            model_version=str(meta.get("model_version", "")),
            data_cutoff=str(meta.get("data_cutoff", "")),
            code_version=str(meta.get("code_version", "")),
            thresholds=meta.get("thresholds") or {},
            counts={lv: counts.get(lv, 0) for lv in LEVELS},
            created_at=str(meta.get("created_at", "")),
            employers=n,
        )


PUBLISH_MEMORY = "6GB"


def publish_connection(wh: Warehouse) -> duckdb.DuckDBPyConnection:
    """A warehouse connection for publishing: DuckDB limited to :data:`PUBLISH_MEMORY`, so that a national
    publish leaves the server its memory, spilling beyond it into the system's temporary folder — not
    DuckDB's default ``.tmp`` in the working directory, which under a service may not be writable, and never
    into the warehouse, which only ingest writes."""
    import tempfile

    con = wh.connect(memory_limit=PUBLISH_MEMORY)
    spill = Path(tempfile.gettempdir()) / "labormap-publish-spill"
    con.execute("SET temp_directory = ?", [str(spill)])
    return con


def publish(
    wh: Warehouse, *, progress: Progress | None = None, full: bool = False, agreements: str = "auto"
) -> dict[str, Any]:
    """Load the warehouse's results into the app database (see the module docstring); returns a summary.

    Rows are compared with what is published and only the changed ones are written; ``full`` rewrites
    every employer, reason and key figure (the straightforward path, kept as the benchmark's reference
    and as a repair). ``agreements``: ``auto`` recomputes the agreements results only when the registries
    they read changed since the last computation (:mod:`labormap.web.agreements.publish`), ``always``, or
    ``skip`` (leave the published ones)."""
    from labormap.web.agreements.publish import MODES as AGREEMENT_MODES
    from labormap.web.agreements.publish import inputs_fingerprint, needs_publish

    report = progress or (lambda msg: log.info("%s", msg))
    steps: dict[str, float] = {}
    clock: list[Any] = [time.perf_counter(), ""]  # [when the step started, its name]

    def say(msg: str) -> None:
        """Report the step starting now and remember how long the previous one took."""
        now = time.perf_counter()
        if clock[1]:
            steps[str(clock[1])] = round(now - float(clock[0]), 2)
        clock[0], clock[1] = now, msg.split(" (")[0]
        report(msg)

    if not wh.exists():
        raise PublishError(f"{wh.root} is not a warehouse (no manifest.json): run `labormap ingest` first")
    if agreements not in AGREEMENT_MODES:
        raise PublishError(f"--agreements must be one of {', '.join(AGREEMENT_MODES)}, not {agreements!r}")
    t0 = time.perf_counter()
    started = timezone.now()
    con = publish_connection(wh)
    views = _views(con)
    snapshots: list[dt.date] = (
        [r[0] for r in con.execute("SELECT DISTINCT as_of FROM scores ORDER BY 1").fetchall()]
        if "scores" in views
        else []
    )
    latest = snapshots[-1] if snapshots else None
    loaded = set(Snapshot.objects.values_list("as_of", flat=True))
    new = [d for d in snapshots if d not in loaded]
    run = PublishRun(warehouse=str(wh.root), snapshots=[d.isoformat() for d in new])
    summary: dict[str, Any] = {
        "latest": latest.isoformat() if latest else None,
        "new_snapshots": run.snapshots,
    }

    touched: set[type[Model]] = set()
    with transaction.atomic():
        say("employers compare")
        n_emp, n_changed = _publish_employers(con, views, latest, full=full, say=say)
        summary["employers"] = n_emp
        summary["employers_changed"] = n_changed
        if n_changed:
            touched |= {Employer, EmployerReason}
            from labormap.web.employers import search

            search.rebuild()

        say("reasons")
        _publish_reasons(con, latest, full=full, changed=n_changed)

        say(f"history ({len(new)} new snapshots)")
        if new:
            touched.add(ScoreHistory)
            _publish_history(con, wh, new)
        if latest is not None:
            Snapshot.objects.filter(as_of=latest).update(backtest=latest_backtest(wh))

        say("key figures")
        summary["figures_changed"] = _publish_figures(con, views, latest, full=full)
        if summary["figures_changed"]:
            touched.add(EmployerFigures)

        say("media signals")
        delete_all(MediaSignal)
        if "media_signals" in views:
            insert_rows(
                MediaSignal,
                [
                    "item_id",
                    "employer",
                    "published_at",
                    "source",
                    "url",
                    "title",
                    "lang",
                    "kind",
                    "severity",
                    "participants",
                    "amount_kzt",
                    "link_confidence",
                ],
                _batches(
                    con,
                    """
                    SELECT CAST(item_id AS VARCHAR), employer_bin, strftime(published_at, '%Y-%m-%dT%H:%M:%S+00:00'),
                           coalesce(source, ''), coalesce(url, ''), coalesce(title, ''), coalesce(lang, ''),
                           coalesce(kind, ''), coalesce(severity, 0), participants, amount_kzt, link_confidence
                    FROM media_signals WHERE employer_bin IS NOT NULL AND coalesce(labour, true)
                      AND employer_bin IN (SELECT bin FROM employers)
                    QUALIFY row_number() OVER (PARTITION BY item_id, employer_bin ORDER BY published_at DESC) = 1""",
                ),
            )

        say("contractor links")
        delete_all(ContractorLink)
        insert_rows(
            ContractorLink,
            ["customer_bin", "contractor_bin", "started_on", "ends_on", "workers"],
            _batches(
                con,
                "SELECT customer_bin, employer_bin, CAST(start_on AS VARCHAR), CAST(end_on AS VARCHAR), "
                "workers FROM contractor_links",
            ),
        )

        say("alerts")
        from labormap.web.alerts.compute import compute_alerts

        n_alerts = compute_alerts(new, since=_previous_publish_time())
        say("agreements")
        from labormap.web.agreements.publish import publish_agreements

        fingerprint = inputs_fingerprint(wh)
        last = (
            PublishRun.objects.exclude(agreements_inputs="")
            .order_by("-started_at", "-pk")
            .values_list("agreements_inputs", flat=True)
            .first()
        )
        if needs_publish(agreements, fingerprint, last):
            summary["agreements"] = publish_agreements(wh)
            run.agreements_inputs = fingerprint
        else:
            summary["agreements"] = {}
            summary["agreements_kept"] = "asked" if agreements == "skip" else "inputs unchanged"
            if agreements == "auto":
                run.agreements_inputs = fingerprint  # still what the published results were computed from
        say("commit and statistics")
        summary["alerts"] = n_alerts
        run.employers = n_emp
        run.alerts = n_alerts
        run.seconds = round(time.perf_counter() - t0, 2)
        run.finished_at = timezone.now()
        run.save()

    _statistics(touched, full=full)
    con.close()

    from labormap.web.alerts.notify import send_new_alert_emails

    say("e-mail")
    summary["emails"] = send_new_alert_emails(started)
    say("done")
    summary["steps"] = steps
    summary["seconds"] = round(time.perf_counter() - t0, 2)
    return summary


def _previous_publish_time() -> dt.datetime | None:
    prev = PublishRun.objects.filter(finished_at__isnull=False).first()
    return prev.finished_at if prev else None


def warehouse_from(path: str | Path) -> Warehouse:
    return Warehouse(path)
