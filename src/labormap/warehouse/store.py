"""Warehouse folder, manifest and DuckDB views (see the package docstring for the layout)."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb

from labormap.registries import REGISTRIES

MANIFEST = "manifest.json"


class WarehouseError(RuntimeError):
    pass


def _sql_str(s: str) -> str:
    return "'" + s.replace("'", "''") + "'"


def atomic_write_text(path: Path, text: str) -> None:
    """Write a small file so that readers see either the old or the new content, never a mix."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


class Warehouse:
    """A warehouse folder. Cheap to construct; every read goes through :meth:`connect`."""

    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = Path(root).resolve()

    # --- manifest ------------------------------------------------------------------------------
    @property
    def manifest_path(self) -> Path:
        return self.root / MANIFEST

    def manifest(self) -> dict[str, Any]:
        if not self.manifest_path.exists():
            return {"version": 1, "runs": []}
        data: dict[str, Any] = json.loads(self.manifest_path.read_text(encoding="utf-8"))
        return data

    def exists(self) -> bool:
        return self.manifest_path.exists()

    def runs(self) -> list[dict[str, Any]]:
        runs: list[dict[str, Any]] = self.manifest()["runs"]
        return runs

    def commit_run(self, run: dict[str, Any]) -> None:
        """Append a finished run to the manifest: from this moment its files are visible."""
        m = self.manifest()
        m["runs"].append(run)
        atomic_write_text(self.manifest_path, json.dumps(m, ensure_ascii=False, indent=1, default=str))

    def new_run_id(self) -> str:
        n = len(self.runs()) + 1
        return f"{n:05d}-{uuid.uuid4().hex[:8]}"

    # --- paths ---------------------------------------------------------------------------------
    def data_dir(self, registry: str) -> Path:
        return self.root / "data" / registry

    def staging_dir(self, run_id: str) -> Path:
        return self.root / "_staging" / run_id

    def derived_dir(self, dataset: str) -> Path:
        return self.root / "derived" / dataset

    def _committed(self) -> list[str]:
        return [r["run_id"] for r in self.runs()]

    def registry_files(self, registry: str) -> list[str]:
        files: list[str] = []
        for run_id in self._committed():
            d = self.data_dir(registry) / f"run={run_id}"
            if d.exists():
                files += sorted(str(p) for p in d.rglob("*.parquet"))
        return files

    def superseded_files(self, registry: str) -> list[str]:
        d = self.data_dir(registry) / "_superseded"
        ok = set(self._committed())
        return (
            sorted(str(p) for p in d.glob("run=*.parquet") if p.stem.removeprefix("run=") in ok)
            if d.exists()
            else []
        )

    def quarantine_files(self) -> list[str]:
        files: list[str] = []
        for run_id in self._committed():
            d = self.root / "quarantine" / f"run={run_id}"
            if d.exists():
                files += sorted(str(p) for p in d.glob("*.parquet"))
        return files

    # --- derived datasets ----------------------------------------------------------------------
    @contextmanager
    def publish(self, dataset: str, name: str) -> Iterator[Path]:
        """Write a derived dataset version atomically.

        Yields an empty temporary folder; when the block ends without an error the folder becomes
        ``WH/derived/<dataset>/<name>/`` in one rename (replacing an older version of the same name);
        on an error it is removed and the previous version stays in place.
        """
        base = self.derived_dir(dataset)
        base.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(dir=base, prefix=f".{name}.tmp-"))
        try:
            yield tmp
            final = base / name
            if final.exists():
                old = base / f".{name}.old-{uuid.uuid4().hex[:6]}"
                os.replace(final, old)
                os.replace(tmp, final)
                shutil.rmtree(old, ignore_errors=True)
            else:
                os.replace(tmp, final)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise

    def derived_datasets(self) -> list[str]:
        d = self.root / "derived"
        return (
            sorted(p.name for p in d.iterdir() if p.is_dir() and not p.name.startswith("."))
            if d.exists()
            else []
        )

    def derived_files(self, dataset: str) -> list[str]:
        base = self.derived_dir(dataset)
        return sorted(
            str(p)
            for p in base.rglob("*.parquet")
            if not any(part.startswith(".") for part in p.relative_to(base).parts)
        )

    # --- DuckDB --------------------------------------------------------------------------------
    def connect(
        self, *, memory_limit: str | None = None, threads: int | None = None
    ) -> duckdb.DuckDBPyConnection:
        """An in-memory DuckDB connection with one view per registry, history, quarantine and derived dataset.

        ``<registry>``: the current version of every key; ``<registry>_history``: every version ever loaded,
        with ``_run`` (ingest run id), ``_rid`` (row id) and ``_file``/``_line`` of origin.
        """
        con = duckdb.connect()
        if memory_limit:
            con.execute(f"SET memory_limit = {_sql_str(memory_limit)}")
        if threads:
            con.execute(f"SET threads = {int(threads)}")
        self.create_views(con)
        return con

    def create_views(self, con: duckdb.DuckDBPyConnection) -> None:
        for name, reg in REGISTRIES.items():
            files = self.registry_files(name)
            if files:
                src = f"read_parquet([{', '.join(map(_sql_str, files))}], union_by_name = true, hive_partitioning = false)"
                con.execute(f"CREATE OR REPLACE VIEW {name}_history AS SELECT * FROM {src}")
            else:
                # An empty view with the contract's columns, so that queries work on an empty warehouse.
                from labormap.registries.schema import STORAGE_TYPES

                cols = ", ".join(
                    f"CAST(NULL AS {STORAGE_TYPES[c.type]}) AS {c.storage_name}" for c in reg.columns
                )
                con.execute(
                    f"CREATE OR REPLACE VIEW {name}_history AS SELECT {cols}, CAST(NULL AS VARCHAR) AS _run, "
                    "CAST(NULL AS VARCHAR) AS _rid, CAST(NULL AS VARCHAR) AS _file, CAST(NULL AS BIGINT) AS _line "
                    "WHERE false"
                )
            sup = self.superseded_files(name)
            if sup:
                sup_src = f"read_parquet([{', '.join(map(_sql_str, sup))}])"
                con.execute(
                    f"CREATE OR REPLACE VIEW {name} AS SELECT * FROM {name}_history h "
                    f"WHERE NOT EXISTS (SELECT 1 FROM {sup_src} s WHERE s._run = h._run AND s._rid = h._rid)"
                )
            else:
                con.execute(f"CREATE OR REPLACE VIEW {name} AS SELECT * FROM {name}_history")
        q = self.quarantine_files()
        if q:
            con.execute(
                "CREATE OR REPLACE VIEW quarantine AS SELECT * FROM "
                f"read_parquet([{', '.join(map(_sql_str, q))}], union_by_name = true, hive_partitioning = false)"
            )
        else:
            con.execute(
                "CREATE OR REPLACE VIEW quarantine AS SELECT CAST(NULL AS VARCHAR) AS registry, "
                "CAST(NULL AS VARCHAR) AS _run, CAST(NULL AS VARCHAR) AS file, CAST(NULL AS BIGINT) AS line, "
                "CAST(NULL AS VARCHAR[]) AS reasons, CAST(NULL AS VARCHAR) AS original WHERE false"
            )
        for ds in self.derived_datasets():
            files = self.derived_files(ds)
            if files:
                con.execute(
                    f'CREATE OR REPLACE VIEW "{ds}" AS SELECT * FROM '
                    f"read_parquet([{', '.join(map(_sql_str, files))}], union_by_name = true, hive_partitioning = false)"
                )

    def write_catalog(self) -> Path:
        """Rebuild ``catalog.duckdb`` (absolute paths) for analysts' tools; the engine does not need it."""
        path = self.root / "catalog.duckdb"
        tmp = self.root / ".catalog.duckdb.tmp"
        tmp.unlink(missing_ok=True)
        con = duckdb.connect(str(tmp))
        try:
            self.create_views(con)
        finally:
            con.close()
        os.replace(tmp, path)
        return path
