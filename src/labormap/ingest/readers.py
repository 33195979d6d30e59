"""Reading registry files of any accepted format into staged Parquet, streaming in batches.

Text formats (CSV, XLSX, JSON Lines) are read here in Python — they need encoding and delimiter
detection, exact line numbers and per-row structural checks (field counts, JSON syntax) that a bulk
reader would either hide or fail on — and staged as all-VARCHAR Parquet. Parquet inputs are typed
already and are read by DuckDB directly, without staging.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import json
import os
import re
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from labormap.identifiers import looks_like_iin
from labormap.registries.schema import MAX_TEXT_LEN, Registry

BATCH_ROWS = 100_000
SUPPORTED_SUFFIXES = (".csv", ".txt", ".tsv", ".xlsx", ".jsonl", ".ndjson", ".parquet")
# A field may be at most this long before the CSV parser refuses it; longer rows go to quarantine.
CSV_FIELD_LIMIT = 4 * MAX_TEXT_LEN


@dataclass
class FileReport:
    path: str
    format: str
    rows_in: int = 0
    encoding: str | None = None
    delimiter: str | None = None
    extra_columns: list[str] = field(default_factory=list)
    missing_columns: list[str] = field(default_factory=list)
    note: str | None = None

    def as_dict(self) -> dict[str, Any]:
        d = {k: v for k, v in self.__dict__.items() if v not in (None, [])}
        return d


@dataclass
class StructuralReject:
    """A row that could not even be split into the contract's columns."""

    file: str
    line: int
    reasons: list[str]
    original: str


@dataclass
class StagedFile:
    report: FileReport
    file_index: int
    parquet: Path | None  # staged all-VARCHAR Parquet (text formats) or the original Parquet file
    typed: bool  # True for original Parquet files
    columns: dict[str, str]  # contract column -> column name in the file
    rejects: list[StructuralReject]


_IIN_RE = re.compile(r"(?<!\d)\d{12}(?!\d)")


def scrub_iins(text: str, pseudo: Callable[[str], str]) -> str:
    """Replace every IIN-shaped number in free text by its pseudonym (BINs, with 4–6 as fifth digit, stay)."""
    return _IIN_RE.sub(lambda m: pseudo(m.group()) if looks_like_iin(m.group()) else m.group(), text)


def normalise_header(name: object) -> str:
    return str(name or "").replace("\ufeff", "").strip().strip('"').strip().lower()


def map_columns(reg: Registry, header: list[str]) -> tuple[dict[str, str], list[str], list[str]]:
    """Contract column -> header name; extra header names; missing required columns."""
    by_norm = {normalise_header(h): h for h in header if normalise_header(h)}
    mapping = {c.name: by_norm[c.name] for c in reg.columns if c.name in by_norm}
    extra = [h for n, h in by_norm.items() if n not in reg.column_names]
    missing = [c.name for c in reg.columns if c.required and c.name not in mapping]
    return mapping, extra, missing


@dataclass
class RejectedFile:
    """A file of the drop that was not read, or could not be read, as a whole."""

    path: str
    registry: str | None
    reason: str

    def as_dict(self) -> dict[str, Any]:
        return {"path": self.path, "registry": self.registry, "reason": self.reason}


class HostileFile(Exception):
    """Raised while staging a file that cannot be read safely; the file is rejected, the run goes on."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _kind(st: os.stat_result) -> str | None:
    """Why a file is not read, from its ``lstat``; None for a regular file."""
    if stat.S_ISLNK(st.st_mode):
        return "symlink"
    if stat.S_ISREG(st.st_mode):
        return None
    if stat.S_ISFIFO(st.st_mode):
        return "not_regular_file:fifo"
    if stat.S_ISSOCK(st.st_mode):
        return "not_regular_file:socket"
    if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode):
        return "not_regular_file:device"
    return "not_regular_file"


def discover_files(drop: Path) -> tuple[dict[str, list[Path]], list[str], list[RejectedFile]]:
    """Registry name -> its files in a drop folder; files that match no registry; rejected files.

    Only regular files inside the drop are read: nothing is opened before its ``lstat`` says it is a
    regular file, so a FIFO named like a registry cannot hang the run, and symlinks (which could point
    out of the drop, at ``/etc/passwd`` say) are rejected rather than followed.
    """
    from labormap.registries import REGISTRIES

    found: dict[str, list[Path]] = {}
    unknown: list[str] = []
    rejected: list[RejectedFile] = []
    for p in sorted(drop.iterdir()):
        if p.name.startswith("."):
            continue
        st = p.lstat()
        if stat.S_ISDIR(st.st_mode):
            if p.name not in REGISTRIES:
                unknown.append(str(p))
                continue
            for root, dirs, files in os.walk(p, followlinks=False):
                dirs.sort()
                for d in list(dirs):
                    if (Path(root) / d).is_symlink():
                        rejected.append(RejectedFile(str(Path(root) / d), p.name, "symlink"))
                        dirs.remove(d)
                for f in sorted(files):
                    x = Path(root) / f
                    if f.startswith(".") or x.suffix.lower() not in SUPPORTED_SUFFIXES:
                        continue
                    why = _kind(x.lstat())
                    if why:
                        rejected.append(RejectedFile(str(x), p.name, why))
                    else:
                        found.setdefault(p.name, []).append(x)
            continue
        stem, suffix = p.stem.lower(), p.suffix.lower()
        if stat.S_ISLNK(st.st_mode) and (p.name in REGISTRIES or stem in REGISTRIES):
            rejected.append(RejectedFile(str(p), p.name if p.name in REGISTRIES else stem, "symlink"))
        elif stem in REGISTRIES and suffix in SUPPORTED_SUFFIXES:
            why = _kind(st)
            if why:
                rejected.append(RejectedFile(str(p), stem, why))
            else:
                found.setdefault(stem, []).append(p)
        else:
            unknown.append(str(p))
    for v in found.values():
        v.sort()
    return found, unknown, rejected


def discover(drop: Path) -> tuple[dict[str, list[Path]], list[str]]:
    """Registry name -> its regular files in a drop folder; plus files that match no registry."""
    found, unknown, _ = discover_files(drop)
    return found, unknown


def ensure_regular(path: Path) -> None:
    """Check again just before reading (the drop may change between discovery and staging)."""
    why = _kind(path.lstat())
    if why:
        raise HostileFile(why)


def hostile_reason(exc: BaseException, fmt: str) -> str:
    """A short, file-level reason for an exception raised while reading a file of format ``fmt``."""
    if isinstance(exc, HostileFile):
        return exc.reason
    if isinstance(exc, RecursionError):
        return "nested_too_deep"
    if isinstance(exc, ValueError) and "integer string conversion" in str(exc):
        return "number_too_long"
    if isinstance(exc, MemoryError):
        return "too_large"
    text = " ".join(str(exc).split())[:200]
    return f"unreadable_{fmt}: {type(exc).__name__}" + (f": {text}" if text else "")


# --- text decoding ---------------------------------------------------------------------------------


def detect_encoding(sample: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 by BOM, otherwise Windows-1251 — the encodings registries use."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        sample.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as e:
        # A multi-byte character cut by the end of the sample is not evidence against UTF-8.
        if e.start >= len(sample) - 3:
            return "utf-8"
    from charset_normalizer import from_bytes

    best = from_bytes(sample, cp_isolation=["cp1251", "koi8_r", "cp866", "utf_8"]).best()
    return best.encoding if best is not None else "cp1251"


def detect_delimiter(header_line: str) -> str:
    counts = {d: header_line.count(d) for d in (";", ",", "\t", "|")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > 0 else ","


# --- writers -----------------------------------------------------------------------------------------


class _StagingWriter:
    """Accumulate string rows and write them as all-VARCHAR Parquet batches."""

    def __init__(self, path: Path, columns: list[str]) -> None:
        self.path = path
        self.columns = columns
        self.schema = pa.schema([(c, pa.string()) for c in columns] + [("_line", pa.int64())])
        self.buf: list[list[str | None]] = [[] for _ in columns]
        self.lines: list[int] = []
        self.writer: pq.ParquetWriter | None = None

    def add(self, values: list[str | None], line: int) -> None:
        for i, v in enumerate(values):
            self.buf[i].append(v)
        self.lines.append(line)
        if len(self.lines) >= BATCH_ROWS:
            self.flush()

    def flush(self) -> None:
        if not self.lines and self.writer is not None:
            return
        arrays = [pa.array(col, pa.string()) for col in self.buf] + [pa.array(self.lines, pa.int64())]
        table = pa.Table.from_arrays(arrays, schema=self.schema)
        if self.writer is None:
            self.writer = pq.ParquetWriter(self.path, self.schema, compression="zstd")
        self.writer.write_table(table)
        self.buf = [[] for _ in self.columns]
        self.lines = []

    def close(self) -> None:
        self.flush()
        if self.writer is not None:
            self.writer.close()


def _cell_to_text(v: object) -> str | None:
    if v is None:
        return None
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, dt.datetime):
        return v.date().isoformat() if v.time() == dt.time(0) else v.isoformat()
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e15:
        return str(int(v))
    if isinstance(v, (dict, list)):
        return json.dumps(v, ensure_ascii=False)
    return str(v)


# --- per-format readers ------------------------------------------------------------------------------

RowIter = Iterator[tuple[int, list[str | None] | None, str | None, str]]
# (line, values or None when structurally bad, reason when bad, raw text for quarantine)


def _csv_rows(path: Path, rep: FileReport) -> tuple[list[str], RowIter]:
    with path.open("rb") as f:
        sample = f.read(1 << 16)
    if not sample.strip():
        rep.note = "empty file"
        return [], iter(())
    enc = detect_encoding(sample)
    rep.encoding = enc
    fh = path.open("r", encoding=enc, errors="replace", newline="")
    first = fh.readline()
    delim = "\t" if path.suffix.lower() == ".tsv" else detect_delimiter(first)
    rep.delimiter = delim
    header = next(csv.reader([first], delimiter=delim), [])
    csv.field_size_limit(CSV_FIELD_LIMIT)

    def rows() -> RowIter:
        reader = csv.reader(fh, delimiter=delim)
        last_line = 1
        try:
            while True:
                start = last_line + 1
                try:
                    row = next(reader)
                except StopIteration:
                    return
                except csv.Error as e:
                    last_line = reader.line_num + 1
                    reason = "field_too_large" if "field larger" in str(e) else "field_count"
                    yield start, None, reason, f"<unparseable row: {e}>"
                    continue
                last_line = reader.line_num + 1
                if not row or all(not c.strip() for c in row):
                    continue  # blank lines are not rows
                raw = delim.join(row)
                if "\ufffd" in raw:
                    yield start, None, "bad_encoding", raw
                elif len(row) != len(header):
                    yield start, None, "field_count", raw
                else:
                    yield start, [c if c != "" else None for c in row], None, raw
        finally:
            fh.close()

    return header, rows()


def _xlsx_rows(path: Path, rep: FileReport) -> tuple[list[str], RowIter]:
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True, data_only=True)
    ws = wb.worksheets[0]
    it = ws.iter_rows(values_only=True)
    header: list[str] = []
    header_row = 0
    for i, r in enumerate(it, start=1):
        if r and any(v is not None and str(v).strip() for v in r):
            header = [str(v) if v is not None else "" for v in r]
            while header and not header[-1].strip():
                header.pop()  # read-only sheets pad every row to the widest one
            header_row = i
            break
    rep.encoding = "xlsx"

    def rows() -> RowIter:
        try:
            for i, r in enumerate(it, start=header_row + 1):
                vals = [_cell_to_text(v) for v in r]
                if all(v is None or not str(v).strip() for v in vals):
                    continue
                # Trailing empty cells are formatting, not data; a real extra value is a field-count error.
                while len(vals) > len(header) and (vals[-1] is None or not str(vals[-1]).strip()):
                    vals.pop()
                raw = json.dumps(vals, ensure_ascii=False)
                if len(vals) > len(header):
                    yield i, None, "field_count", raw
                else:
                    yield i, vals + [None] * (len(header) - len(vals)), None, raw
        finally:
            wb.close()

    return header, rows()


def _jsonl_rows(path: Path, rep: FileReport, reg: Registry) -> tuple[list[str], RowIter]:
    with path.open("rb") as f:
        sample = f.read(1 << 16)
    enc = detect_encoding(sample)
    rep.encoding = enc
    header = list(reg.column_names)
    extra: set[str] = set()

    def rows() -> RowIter:
        with path.open("r", encoding=enc, errors="replace") as fh:
            for i, line in enumerate(fh, start=1):
                if not line.strip():
                    continue
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError:
                    yield i, None, "bad_json", line[:2000]
                    continue
                if not isinstance(obj, dict):
                    yield i, None, "bad_json", line[:2000]
                    continue
                norm = {normalise_header(k): v for k, v in obj.items()}
                extra.update(k for k in norm if k not in reg.column_names)
                if "\ufffd" in line:
                    yield i, None, "bad_encoding", line[:2000]
                    continue
                yield i, [_cell_to_text(norm.get(c)) for c in header], None, line
        rep.extra_columns = sorted(extra)

    return header, rows()


def stage_text_file(
    path: Path,
    reg: Registry,
    file_index: int,
    staging: Path,
    pseudo: Callable[[str], str],
    on_rows: Callable[[int], None] | None = None,
) -> StagedFile:
    """Stage one CSV / XLSX / JSON Lines file as all-VARCHAR Parquet with the contract's column names."""
    suffix = path.suffix.lower()
    fmt = {".xlsx": "xlsx", ".jsonl": "jsonl", ".ndjson": "jsonl"}.get(suffix, "csv")
    rep = FileReport(str(path), fmt)
    out = staging / f"{reg.name}-{file_index:04d}.parquet"
    writer = _StagingWriter(out, list(reg.column_names))
    rejects: list[StructuralReject] = []
    n = 0
    try:
        ensure_regular(path)
        if fmt == "csv":
            header, rows = _csv_rows(path, rep)
        elif fmt == "xlsx":
            header, rows = _xlsx_rows(path, rep)
        else:
            header, rows = _jsonl_rows(path, rep, reg)

        mapping, extra, missing = map_columns(reg, header)
        if fmt != "jsonl":
            rep.extra_columns = extra
        rep.missing_columns = missing
        positions = {c: header.index(h) for c, h in mapping.items()}
        for line, values, reason, raw in rows:
            n += 1
            if values is None:
                rejects.append(
                    StructuralReject(
                        str(path), line, [reason or "field_count"], scrub_iins(raw[:2000], pseudo)
                    )
                )
            else:
                writer.add([values[positions[c]] if c in positions else None for c in reg.column_names], line)
            if on_rows is not None and n % 10_000 == 0:
                on_rows(10_000)
        writer.close()
    except Exception as e:
        # A hostile or broken file (deep nesting, huge numbers, a fake zip, bad XML…) is rejected as a
        # whole, with its reason, and the rest of the drop is loaded.
        if writer.writer is not None:
            writer.writer.close()
        out.unlink(missing_ok=True)
        raise HostileFile(hostile_reason(e, fmt)) from e
    finally:
        if on_rows is not None:
            on_rows(n % 10_000)
    rep.rows_in = n
    staged = out if writer.writer is not None else None
    return StagedFile(rep, file_index, staged, False, {c: c for c in reg.column_names}, rejects)


def stage_parquet_file(path: Path, reg: Registry, file_index: int) -> StagedFile:
    """A Parquet input is read in place by DuckDB; here only its columns are mapped and rows counted."""
    try:
        ensure_regular(path)
        pf = pq.ParquetFile(path)
    except Exception as e:
        raise HostileFile(hostile_reason(e, "parquet")) from e
    header = pf.schema_arrow.names
    mapping, extra, missing = map_columns(reg, header)
    rep = FileReport(
        str(path), "parquet", rows_in=pf.metadata.num_rows, extra_columns=extra, missing_columns=missing
    )
    return StagedFile(rep, file_index, path if rep.rows_in else None, True, mapping, [])
