"""The registries as Ibis tables on one engine (DuckDB or Spark), typed exactly as their contracts say.

Feature families only see :class:`Sources`; they never know which engine runs them. Each table holds the
current rows of its registry (what the warehouse views hold), projected to the contract's columns.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import ibis
import ibis.expr.types as ir

from labormap.features.frames import small_table
from labormap.registries import REGISTRIES
from labormap.registries.schema import STORAGE_TYPES, ColumnType
from labormap.warehouse import Warehouse, datasets

ENGINES = ("duckdb", "spark")

# The media pipeline's derived dataset; when it has not been published yet the media features are zero.
MEDIA_SIGNALS_SCHEMA: dict[str, str] = {
    "item_id": "string",
    "story_id": "string",
    "published_at": "timestamp",
    "source": "string",
    "url": "string",
    "title": "string",
    "lang": "string",
    "labour": "boolean",
    "kind": "string",
    "causes": "string",
    "severity": "int64",
    "participants": "int64",
    "amount_kzt": "float64",
    "employer_bin": "string",
    "link_confidence": "float64",
}

_IBIS_TYPES: dict[str, str] = {
    "VARCHAR": "string",
    "BIGINT": "int64",
    "DOUBLE": "float64",
    "DATE": "date",
    "TIMESTAMP": "timestamp",
    "BOOLEAN": "boolean",
}


def registry_schema(name: str) -> dict[str, str]:
    """Ibis schema of a registry as stored in the warehouse (IIN columns renamed to *_pid)."""
    reg = REGISTRIES[name]
    return {
        c.storage_name: _IBIS_TYPES[STORAGE_TYPES[c.type]]
        for c in reg.columns
        if c.type is not ColumnType.TEXT
    }


@dataclass
class Sources:
    """Typed Ibis tables of every registry plus ``media_signals``, bound to one backend."""

    engine: str
    backend: Any
    tables: dict[str, ir.Table] = field(default_factory=dict)

    def __getitem__(self, name: str) -> ir.Table:
        return self.tables[name]


def _typed(t: ir.Table, schema: dict[str, str]) -> ir.Table:
    """Project to the schema's columns, casting, and add missing ones as NULL (older drops lack them)."""
    cols = []
    have = set(t.columns)
    for name, typ in schema.items():
        if name in have:
            cols.append(t[name].cast(typ).name(name))
        else:
            cols.append(ibis.null().cast(typ).name(name))
    return t.select(cols)


def _media_schema_table(backend_tables: set[str], get: Any) -> ir.Table:
    if "media_signals" in backend_tables:
        return _typed(get("media_signals"), MEDIA_SIGNALS_SCHEMA)
    return small_table({}, MEDIA_SIGNALS_SCHEMA)


def duckdb_sources(wh: Warehouse, *, memory_limit: str | None = None, threads: int | None = None) -> Sources:
    """Registries as Ibis tables over the warehouse's DuckDB views."""
    con = wh.connect(memory_limit=memory_limit, threads=threads)
    backend = ibis.duckdb.from_connection(con)
    # Not backend.list_tables(): ibis 12 calls a cursor method DuckDB 2.0 removed.
    names = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    tables = {name: _typed(backend.table(name), registry_schema(name)) for name in REGISTRIES}
    tables["media_signals"] = _media_schema_table(names, backend.table)
    return Sources("duckdb", backend, tables)


def spark_conf_from_env(env: Mapping[str, str] | None = None) -> dict[str, str]:
    """``spark.*`` settings from ``LABORMAP_SPARK_CONF`` (``key=value`` pairs separated by ``;`` or new
    lines), e.g. ``spark.executor.memory=4g;spark.executor.cores=4``; SPARK_CONF_DIR's spark-defaults.conf
    is read by Spark itself as usual."""
    raw = (env if env is not None else os.environ).get("LABORMAP_SPARK_CONF", "")
    conf: dict[str, str] = {}
    for part in raw.replace("\n", ";").split(";"):
        if not part.strip():
            continue
        key, sep, value = part.partition("=")
        if not sep or not key.strip().startswith("spark."):
            raise ValueError(f"LABORMAP_SPARK_CONF: expected spark.key=value, got {part.strip()!r}")
        conf[key.strip()] = value.strip()
    return conf


def spark_session(
    app_name: str = "labormap", *, master: str | None = None, conf: Mapping[str, str] | None = None
) -> Any:
    """A SparkSession on the cluster ``LABORMAP_SPARK_MASTER`` names (``spark://host:7077``, ``yarn``,
    ``k8s://https://…``), or in local mode on this machine when none is set.

    Resources are the cluster's business: nothing here fixes driver or executor memory; set them with
    ``LABORMAP_SPARK_CONF`` / spark-defaults.conf. The few defaults below only keep small jobs from
    spreading over 200 shuffle partitions and keep dates in UTC; ``conf`` overrides them.
    """
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    url = master or os.environ.get("LABORMAP_SPARK_MASTER", "").strip() or "local[*]"
    settings = {
        "spark.sql.shuffle.partitions": "8",
        "spark.sql.session.timeZone": "UTC",
        "spark.ui.enabled": "false",
        "spark.ui.showConsoleProgress": "false",
        "spark.sql.ansi.enabled": "false",
        **spark_conf_from_env(),
        **(conf or {}),
    }
    builder = SparkSession.builder.master(url).appName(app_name)
    for key, value in settings.items():
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def _spark_ddl(schema: dict[str, str]) -> str:
    spark_types = {
        "string": "STRING",
        "int64": "BIGINT",
        "float64": "DOUBLE",
        "date": "DATE",
        "timestamp": "TIMESTAMP",
        "boolean": "BOOLEAN",
    }
    return ", ".join(f"`{k}` {spark_types[v]}" for k, v in schema.items())


def _spark_frame(spark: Any, files: list[str], superseded: list[str], schema: dict[str, str]) -> Any:
    if not files:
        return spark.createDataFrame([], _spark_ddl(schema))
    df = spark.read.option("mergeSchema", "true").parquet(*files)
    if superseded:
        gone = spark.read.parquet(*superseded).select("_rid")
        df = df.join(gone, on="_rid", how="left_anti")
    return df


def spark_sources(wh: Warehouse, spark: Any) -> Sources:
    """Registries as Ibis tables on Spark: the warehouse's Parquet files registered as temp views."""
    backend = ibis.pyspark.connect(spark)
    for name in REGISTRIES:
        schema = registry_schema(name)
        df = _spark_frame(spark, wh.registry_files(name), wh.superseded_files(name), schema)
        df.createOrReplaceTempView(name)
    media_files = datasets.files(wh, datasets.MEDIA_SIGNALS)
    if media_files:
        spark.read.option("mergeSchema", "true").parquet(*media_files).createOrReplaceTempView(
            "media_signals"
        )
    else:
        spark.catalog.dropTempView("media_signals")
    names = set(backend.list_tables())
    tables = {name: _typed(backend.table(name), registry_schema(name)) for name in REGISTRIES}
    tables["media_signals"] = _media_schema_table(names, backend.table)
    return Sources("spark", backend, tables)


@contextmanager
def open_sources(
    wh: Warehouse,
    engine: str = "duckdb",
    *,
    spark: Any = None,
    memory_limit: str | None = None,
    threads: int | None = None,
) -> Iterator[Sources]:
    """Sources on the chosen engine; a Spark session started here is stopped on exit."""
    if engine == "duckdb":
        src = duckdb_sources(wh, memory_limit=memory_limit, threads=threads)
        try:
            yield src
        finally:
            src.backend.disconnect()
    elif engine == "spark":
        own = spark is None
        session = spark_session() if own else spark
        try:
            yield spark_sources(wh, session)
        finally:
            if own:
                session.stop()
    else:
        raise ValueError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
