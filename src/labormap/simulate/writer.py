"""Deterministic writing of registry and truth tables (Parquet parts or CSV).

Same tables in, same bytes out: fixed column order, no clock-derived metadata, fixed Parquet settings.
Large registries become folders of Parquet parts (``payments/part-00000-000.parquet``…); in CSV each
registry is one file, written part after part.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from labormap.registries import REGISTRIES
from labormap.registries.schema import ColumnType

# Registries written as folders of Parquet parts.
PARTED = ("contracts", "contract_events", "payments", "media_items")
FORMATS = ("parquet", "csv")


ARROW_TYPES: dict[ColumnType, pa.DataType] = {
    ColumnType.INT: pa.int64(),
    ColumnType.FLOAT: pa.float64(),
    ColumnType.MONEY: pa.float64(),
    ColumnType.DATE: pa.date32(),
    ColumnType.TIMESTAMP: pa.timestamp("ms"),
    ColumnType.BOOL: pa.bool_(),
}


def contract_schema(name: str) -> pa.Schema:
    """The Arrow schema a registry is written with: its contract's columns, in order, with natural types."""
    return pa.schema([(c.name, ARROW_TYPES.get(c.type, pa.string())) for c in REGISTRIES[name].columns])


def _conform(name: str, table: pa.Table) -> pa.Table:
    """Columns in the contract's order and types (a mismatch is a simulator bug, so it fails loudly)."""
    schema = contract_schema(name)
    if sorted(table.column_names) != sorted(schema.names):
        raise RuntimeError(
            f"simulator bug: {name} has columns {table.column_names}, the contract says {schema.names}"
        )
    return table.select(schema.names).cast(schema)


def write_parquet(table: pa.Table, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(
        table,
        path,
        compression="zstd",
        compression_level=1,
        row_group_size=500_000,
        write_statistics=True,
        store_schema=True,
    )


def _csv_ready(table: pa.Table) -> pa.Table:
    cols = []
    for field, col in zip(table.schema, table.columns, strict=True):
        if pa.types.is_timestamp(field.type):
            col = pc.strftime(col, format="%Y-%m-%dT%H:%M:%S")
        cols.append(col)
    return pa.table(cols, names=table.column_names)


class RegistrySink:
    """Where the registries go: ``out/registries/<name>.<ext>`` or ``out/registries/<name>/part-*.parquet``."""

    def __init__(self, root: Path, fmt: str) -> None:
        if fmt not in FORMATS:
            raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
        self.root = root
        self.fmt = fmt
        self.root.mkdir(parents=True, exist_ok=True)
        self._csv: dict[str, pacsv.CSVWriter] = {}
        self._files: dict[str, object] = {}
        self.rows: dict[str, int] = {name: 0 for name in REGISTRIES}
        self._written: set[str] = set()
        # Parquet parts are written on a second thread (Arrow releases the GIL) while the next block is
        # generated; at most two parts wait, so memory stays bounded. Each part is its own file, so the
        # order of writing never changes the bytes.
        self._pool = ThreadPoolExecutor(max_workers=1)
        self._pending: list[Future[None]] = []

    def write(self, name: str, table: pa.Table, part: str | None = None) -> None:
        table = _conform(name, table)
        self.rows[name] += table.num_rows
        self._written.add(name)
        if self.fmt == "parquet":
            path = (
                self.root / name / f"part-{part or '00000'}.parquet"
                if name in PARTED
                else self.root / f"{name}.parquet"
            )
            while len(self._pending) >= 2:
                self._pending.pop(0).result()
            self._pending.append(self._pool.submit(write_parquet, table, path))
            return
        table = _csv_ready(table)
        if name not in self._csv:
            f = open(self.root / f"{name}.csv", "wb")  # noqa: SIM115 - closed in close()
            self._files[name] = f
            self._csv[name] = pacsv.CSVWriter(f, table.schema)
        self._csv[name].write_table(table)

    def ensure_all(self) -> None:
        """Registries that got no rows still get a file with the contract's header (an empty drop is valid)."""
        for name in REGISTRIES:
            if self.rows[name] == 0:
                empty = contract_schema(name).empty_table()
                if name not in self._written:
                    self.write(name, empty)

    def close(self) -> None:
        for pending in self._pending:
            pending.result()
        self._pending.clear()
        self._pool.shutdown()
        for w in self._csv.values():
            w.close()
        for handle in self._files.values():
            handle.close()  # type: ignore[attr-defined]
        self._csv.clear()
        self._files.clear()
