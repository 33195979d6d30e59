"""One ingest run: every registry file of a drop folder into the warehouse or quarantine.

Order of work per registry: stage text files → validate in DuckDB → quarantine bad rows → drop exact
duplicates (within the drop and against history) → mark superseded versions of the same key → write
Parquet. Nothing is visible until the run is committed to the manifest at the very end, so a crash
mid-run leaves the warehouse exactly as it was.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from labormap.identifiers import load_pseudonym_key, pseudonymise
from labormap.ingest import clean
from labormap.ingest.readers import (
    HostileFile,
    RejectedFile,
    StagedFile,
    discover_files,
    hostile_reason,
    stage_parquet_file,
    stage_text_file,
)
from labormap.ingest.sql import id_lookup_sql, ident, original_select, q, registry_select
from labormap.registries import REGISTRIES, ColumnType, Registry
from labormap.registries.schema import STORAGE_TYPES
from labormap.warehouse import Warehouse

# Row ids are file_index * RID_FILE_STRIDE + line: unique within a run, cheap to join on.
RID_FILE_STRIDE = 10_000_000_000
# Employers first: orphan counts of the other registries need this run's employers.
ORDER = ["employers"] + [n for n in REGISTRIES if n != "employers"]


class IngestError(RuntimeError):
    pass


@dataclass
class RegistryReport:
    rows_in: int = 0
    loaded: int = 0
    quarantined: int = 0
    duplicates: int = 0
    orphans: int = 0
    superseded: int = 0
    files: list[dict[str, Any]] = field(default_factory=list)
    reasons: dict[str, int] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage: where the time goes

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def _connect(scratch: Path, memory_limit: str, threads: int) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(str(scratch / "scratch.duckdb"))
    con.execute(f"SET memory_limit = {q(memory_limit)}")
    con.execute(f"SET threads = {int(threads)}")
    con.execute(f"SET temp_directory = {q(str(scratch / 'spill'))}")
    # Row order inside a run does not matter (rows carry their file and line); not keeping it lets
    # DuckDB stream large COPYs in parallel.
    con.execute("SET preserve_insertion_order = false")
    con.execute("SET TimeZone = 'UTC'")
    return con


def _source_sql(reg: Registry, staged: list[StagedFile]) -> str | None:
    parts: list[str] = []
    for sf in staged:
        if sf.parquet is None:
            continue
        cols = []
        for c in reg.columns:
            src = sf.columns.get(c.name)
            cols.append(
                f"{ident(src)} AS {ident(c.name)}" if src else f"CAST(NULL AS VARCHAR) AS {ident(c.name)}"
            )
        missing = (
            "[" + ", ".join(q(f"missing_column:{m}") for m in sf.report.missing_columns) + "]::VARCHAR[]"
        )
        if sf.typed:
            line = "(file_row_number + 1)"
            reader = f"read_parquet({q(str(sf.parquet))}, file_row_number = true, hive_partitioning = false)"
        else:
            line = "_line"
            reader = f"read_parquet({q(str(sf.parquet))}, hive_partitioning = false)"
        parts.append(
            f"SELECT {', '.join(cols)}, {q(sf.report.path)} AS _file, CAST({line} AS BIGINT) AS _line, "
            f"CAST({sf.file_index} AS BIGINT) * {RID_FILE_STRIDE} + {line} AS _rid, {missing} AS _missing "
            f"FROM {reader}"
        )
    return " UNION ALL BY NAME ".join(parts) if parts else None


def _col_equal(names: list[str], a: str, b: str) -> str:
    return " AND ".join(f"{a}.{ident(n)} IS NOT DISTINCT FROM {b}.{ident(n)}" for n in names)


class _Timer:
    """Accumulates wall time per stage; ``lap`` charges the time since the last mark to a stage."""

    def __init__(self) -> None:
        self.items: dict[str, float] = {}
        self.mark = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.items[stage] = self.items.get(stage, 0.0) + now - self.mark
        self.mark = now

    def __call__(self, stage: str) -> _Timer:
        self.lap("staging")
        self._stage = stage
        return self

    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        self.lap(self._stage)


class IngestRun:
    def __init__(
        self,
        drop: Path,
        wh: Warehouse,
        *,
        today: dt.date | None = None,
        memory_limit: str = "6GB",
        threads: int = 2,
        progress: bool = False,
    ) -> None:
        if not drop.is_dir():
            raise IngestError(f"drop folder {drop} does not exist or is not a folder")
        self.drop = drop
        self.wh = wh
        self.today = today or dt.date.today()
        self.key = load_pseudonym_key()
        self.memory_limit = memory_limit
        self.threads = threads
        self.progress = progress
        self.run_id = wh.new_run_id()
        self.staging = wh.staging_dir(self.run_id)

    def pseudo(self, iin: str) -> str:
        return pseudonymise(iin, self.key)

    def execute(self) -> dict[str, Any]:
        started = time.time()
        self.wh.root.mkdir(parents=True, exist_ok=True)
        self._collect_garbage()
        found, unknown, rejected = discover_files(self.drop)
        self.staging.mkdir(parents=True, exist_ok=True)
        (self.staging / "spill").mkdir(exist_ok=True)
        reports: dict[str, RegistryReport] = {}
        outputs: list[tuple[Path, Path]] = []  # staged path -> final path, moved at commit
        try:
            con = _connect(self.staging, self.memory_limit, self.threads)
            clean.register(con, self.key)
            self.wh.create_views(con)
            con.execute("CREATE TEMP TABLE run_employers (bin VARCHAR)")
            file_index = 0
            from labormap.ingest.progress import IngestProgress

            with IngestProgress(self.progress, sum(len(v) for v in found.values())) as prog:
                for name in ORDER:
                    if name not in found:
                        continue
                    reg = REGISTRIES[name]
                    staged: list[StagedFile] = []
                    for path in found[name]:
                        file_index += 1
                        prog.start_file(name, path)
                        try:
                            if path.suffix.lower() == ".parquet":
                                sf = stage_parquet_file(path, reg, file_index)
                                prog.rows(sf.report.rows_in)
                            else:
                                sf = stage_text_file(
                                    path, reg, file_index, self.staging, self.pseudo, prog.rows
                                )
                            staged.append(sf)
                        except HostileFile as e:
                            rejected.append(RejectedFile(str(path), name, e.reason))
                        prog.end_file()
                    prog.status(f"validating {name}")
                    n_out = len(outputs)
                    try:
                        reports[name] = self._registry(con, reg, staged, outputs)
                    except duckdb.Error as e:
                        # A file that passed staging but that DuckDB cannot read to the end (a Parquet
                        # file with corrupt pages): this registry is not loaded, the others are.
                        del outputs[n_out:]
                        why = hostile_reason(e, "registry")
                        rejected.extend(RejectedFile(sf.report.path, name, why) for sf in staged)
                        reports[name] = RegistryReport(
                            rows_in=sum(sf.report.rows_in for sf in staged),
                            files=[sf.report.as_dict() for sf in staged],
                        )
                    for r in rejected:
                        if r.registry == name and r.path not in {f["path"] for f in reports[name].files}:
                            reports[name].files.append({"path": r.path, "rejected": r.reason})
            con.close()
            changed = any(r.loaded or r.quarantined or r.superseded for r in reports.values())
            if changed:
                for src, dst in outputs:
                    dst.parent.mkdir(parents=True, exist_ok=True)
                    shutil.move(str(src), str(dst))
            report: dict[str, Any] = {
                "run_id": self.run_id if changed else None,
                "drop": str(self.drop.resolve()),
                "warehouse": str(self.wh.root),
                "started_at": dt.datetime.fromtimestamp(started, dt.UTC).isoformat(timespec="seconds"),
                "seconds": round(time.time() - started, 3),
                "registries": {n: r.as_dict() for n, r in reports.items()},
                "unknown_files": unknown,
                "rejected_files": [r.as_dict() for r in rejected],
            }
            if changed:
                # The commit point: the run's files become visible atomically with this manifest write.
                self.wh.commit_run(
                    {
                        "run_id": self.run_id,
                        "drop": report["drop"],
                        "started_at": report["started_at"],
                        "counts": {
                            n: {k: v for k, v in r.as_dict().items() if k not in ("files", "reasons")}
                            for n, r in reports.items()
                        },
                    }
                )
                self.wh.write_catalog()
            with (self.wh.root / "ingest_log.jsonl").open("a", encoding="utf-8") as log:
                log.write(json.dumps(report, ensure_ascii=False, default=str) + "\n")
            return report
        finally:
            shutil.rmtree(self.staging, ignore_errors=True)

    def _collect_garbage(self) -> None:
        """Remove files of runs that crashed before their commit (they were never visible)."""
        committed = {r["run_id"] for r in self.wh.runs()}
        for d in (self.wh.root / "data").glob("*/run=*") if (self.wh.root / "data").exists() else []:
            if d.name.removeprefix("run=").removesuffix(".parquet") not in committed:
                shutil.rmtree(d, ignore_errors=True) if d.is_dir() else d.unlink(missing_ok=True)
        for d in (
            (self.wh.root / "quarantine").glob("run=*") if (self.wh.root / "quarantine").exists() else []
        ):
            if d.name.removeprefix("run=") not in committed:
                shutil.rmtree(d, ignore_errors=True)
        shutil.rmtree(self.wh.root / "_staging", ignore_errors=True)

    # --- one registry ----------------------------------------------------------------------------
    def _registry(
        self,
        con: duckdb.DuckDBPyConnection,
        reg: Registry,
        staged: list[StagedFile],
        outputs: list[tuple[Path, Path]],
    ) -> RegistryReport:
        rep = RegistryReport(files=[sf.report.as_dict() for sf in staged])
        timer = _Timer()
        rep.rows_in = sum(sf.report.rows_in for sf in staged)
        reasons: Counter[str] = Counter()
        name = reg.name
        out_dir = self.staging / "out"
        structural = [r for sf in staged for r in sf.rejects]
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE q_{name} (registry VARCHAR, _run VARCHAR, file VARCHAR, line BIGINT, "
            "reasons VARCHAR[], original VARCHAR)"
        )
        if structural:
            con.executemany(
                f"INSERT INTO q_{name} VALUES (?, ?, ?, ?, ?, ?)",
                [(name, self.run_id, r.file, r.line, r.reasons, r.original) for r in structural],
            )
        src = _source_sql(reg, staged)
        data_cols = list(reg.storage_names)
        key_cols = [reg.column(k).storage_name for k in reg.key]
        if src is not None:
            con.execute(f"CREATE OR REPLACE TEMP VIEW src_{name} AS {src}")
            types = {r[0]: r[1] for r in con.execute(f"DESCRIBE src_{name}").fetchall()}
            lookups: dict[str, str] = {}
            for c in reg.columns:
                if c.type in (ColumnType.BIN, ColumnType.IIN):
                    table = f"lk_{name}_{c.name}"
                    sql = id_lookup_sql(c, f"src_{name}", types.get(c.name, "VARCHAR"), self.key)
                    con.execute(f"CREATE OR REPLACE TEMP TABLE {table} AS {sql}")
                    lookups[c.name] = table
            sel = registry_select(reg, f"src_{name}", types, today=self.today, key=self.key, lookups=lookups)
            with timer("validate"):
                con.execute(f"CREATE OR REPLACE TABLE checked_{name} AS {sel}")
            orig = original_select(reg, f"src_{name}", types, today=self.today, key=self.key)
            con.execute(
                f"INSERT INTO q_{name} SELECT {q(name)}, {q(self.run_id)}, c._file, c._line, c._reasons, o.original "
                f"FROM checked_{name} c JOIN ({orig} WHERE _rid IN (SELECT _rid FROM checked_{name} "
                f"WHERE len(_reasons) > 0)) o USING (_rid) WHERE len(c._reasons) > 0"
            )
        # Bad rows seen in an earlier run are duplicates, not new quarantine entries.
        con.execute(f"ALTER TABLE q_{name} ADD COLUMN row_hash VARCHAR")
        con.execute(
            f"UPDATE q_{name} SET row_hash = md5(coalesce(original, '') || '|' || array_to_string(reasons, ','))"
        )
        old_q = (
            f"SELECT row_hash FROM quarantine WHERE registry = {q(name)}"
            if self.wh.quarantine_files()
            and "row_hash" in {r[0] for r in con.execute("DESCRIBE quarantine").fetchall()}
            else "SELECT NULL::VARCHAR AS row_hash WHERE false"
        )
        q_dups = con.execute(f"SELECT count(*) FROM q_{name} WHERE row_hash IN ({old_q})").fetchone()[0]  # type: ignore[index]
        con.execute(f"DELETE FROM q_{name} WHERE row_hash IN ({old_q})")
        rep.quarantined = con.execute(f"SELECT count(*) FROM q_{name}").fetchone()[0]  # type: ignore[index]
        for (rs,) in con.execute(f"SELECT reasons FROM q_{name}").fetchall():
            reasons.update(r.split(":", 1)[0] for r in rs)
        rep.reasons = dict(sorted(reasons.items()))
        rep.duplicates += q_dups
        if rep.quarantined:
            qdir = self.staging / "quarantine" / f"run={self.run_id}"
            qdir.mkdir(parents=True, exist_ok=True)
            con.execute(
                f"COPY q_{name} TO {q(str(qdir / (name + '.parquet')))} (FORMAT parquet, COMPRESSION zstd)"
            )
            outputs.append(
                (
                    qdir / f"{name}.parquet",
                    self.wh.root / "quarantine" / f"run={self.run_id}" / f"{name}.parquet",
                )
            )

        if src is None:
            return rep
        # Valid rows stay in the one materialised table; views select from it (a second copy of a
        # national registry would cost as much as the validation itself).
        con.execute(
            f"CREATE OR REPLACE TEMP VIEW ok_{name} AS SELECT * EXCLUDE (_reasons) FROM checked_{name} "
            "WHERE len(_reasons) = 0"
        )
        keys = ", ".join(ident(k) for k in key_cols)
        # Several rows with one key in this drop: identical ones are duplicates; of differing ones the
        # last (highest file, then line) is current and the earlier ones are kept as superseded history.
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE multi_{name} AS SELECT v.* FROM ok_{name} v SEMI JOIN "
            f"(SELECT {keys} FROM ok_{name} GROUP BY ALL HAVING count(*) > 1) k USING ({keys})"
        )
        timer.lap("quarantine")
        part = ", ".join(ident(c) for c in data_cols)
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE dup_{name} AS SELECT _rid FROM (SELECT _rid, row_number() OVER "
            f"(PARTITION BY {part} ORDER BY _rid) AS rn FROM multi_{name}) WHERE rn > 1"
        )
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE sup_{name} AS SELECT {q(self.run_id)} AS _run, _rid FROM "
            f"(SELECT _rid, row_number() OVER (PARTITION BY {keys} ORDER BY _rid DESC) AS rn FROM multi_{name} "
            f"WHERE _rid NOT IN (SELECT _rid FROM dup_{name})) WHERE rn > 1"
        )
        # Against rows loaded by earlier runs.
        has_history = bool(self.wh.registry_files(name))
        if has_history:
            eq = _col_equal(data_cols, "n", "h")
            on = " AND ".join(f"n.{ident(k)} = h.{ident(k)}" for k in key_cols)
            con.execute(
                f"INSERT INTO dup_{name} SELECT DISTINCT n._rid FROM ok_{name} n JOIN {name}_history h ON {on} "
                f"WHERE {eq}"
            )
            con.execute(
                f"INSERT INTO sup_{name} SELECT DISTINCT h._run, h._rid FROM {name} h JOIN ok_{name} n ON {on} "
                f"WHERE n._rid NOT IN (SELECT _rid FROM dup_{name})"
            )
        timer.lap("dedupe")
        rep.duplicates += con.execute(f"SELECT count(DISTINCT _rid) FROM dup_{name}").fetchone()[0]  # type: ignore[index]
        con.execute(
            f"CREATE OR REPLACE TEMP VIEW valid_{name} AS SELECT o.* FROM ok_{name} o ANTI JOIN dup_{name} d USING (_rid)"
        )
        rep.loaded = con.execute(f"SELECT count(*) FROM valid_{name}").fetchone()[0]  # type: ignore[index]
        rep.superseded = con.execute(f"SELECT count(*) FROM sup_{name}").fetchone()[0]  # type: ignore[index]

        if name == "employers":
            con.execute(f"INSERT INTO run_employers SELECT bin FROM valid_{name}")
        elif reg.employer_columns:
            known = "(SELECT bin FROM employers UNION SELECT bin FROM run_employers)"
            cond = " OR ".join(
                f"({ident(c)} IS NOT NULL AND {ident(c)} NOT IN {known})" for c in reg.employer_columns
            )
            rep.orphans = con.execute(f"SELECT count(*) FROM valid_{name} WHERE {cond}").fetchone()[0]  # type: ignore[index]

        timer.lap("orphans")
        if rep.loaded:
            ddir = out_dir / name / f"run={self.run_id}"
            ddir.mkdir(parents=True, exist_ok=True)
            cols = ", ".join(ident(c) for c in data_cols)
            sel = f"SELECT {cols}, {q(self.run_id)} AS _run, _rid, _file, _line FROM valid_{name}"
            if reg.partition_month_of:
                mcol = reg.column(reg.partition_month_of)
                month = (
                    ident(mcol.storage_name)
                    if STORAGE_TYPES[mcol.type] == "VARCHAR"
                    else f"strftime({ident(mcol.storage_name)}, '%Y-%m')"
                )
                con.execute(
                    f"COPY (SELECT *, {month} AS month FROM ({sel})) TO {q(str(ddir))} "
                    "(FORMAT parquet, COMPRESSION zstd, PARTITION_BY (month), WRITE_PARTITION_COLUMNS false)"
                )
            else:
                con.execute(
                    f"COPY ({sel}) TO {q(str(ddir / 'part-0.parquet'))} (FORMAT parquet, COMPRESSION zstd)"
                )
            outputs.append((ddir, self.wh.data_dir(name) / f"run={self.run_id}"))
        if rep.superseded:
            sdir = out_dir / name / "_superseded"
            sdir.mkdir(parents=True, exist_ok=True)
            sfile = sdir / f"run={self.run_id}.parquet"
            con.execute(f"COPY sup_{name} TO {q(str(sfile))} (FORMAT parquet)")
            outputs.append((sfile, self.wh.data_dir(name) / "_superseded" / f"run={self.run_id}.parquet"))
        timer.lap("write")
        con.execute(f"DROP VIEW valid_{name}")
        con.execute(f"DROP VIEW ok_{name}")
        con.execute(f"DROP TABLE checked_{name}")
        rep.timings = {k: round(v, 2) for k, v in timer.items.items()}
        return rep


def ingest_drop(
    drop: Path | str,
    wh: Warehouse,
    *,
    today: dt.date | None = None,
    memory_limit: str = "6GB",
    threads: int = 2,
    progress: bool = False,
) -> dict[str, Any]:
    """Ingest every registry file in ``drop`` into ``wh``; returns the report (see docs/ingest.md)."""
    return IngestRun(
        Path(drop), wh, today=today, memory_limit=memory_limit, threads=threads, progress=progress
    ).execute()
