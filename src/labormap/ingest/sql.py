"""Contract → SQL: DuckDB expressions that parse, validate and pseudonymise one registry's rows.

Validation runs as set-based SQL inside DuckDB rather than row by row in Python, so a
170-million-row registry streams through at DuckDB's speed. Every expression takes the source column
as it arrives (VARCHAR from text formats, or a typed Parquet column) and yields the stored value plus
the reasons it fails, if any.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from labormap.csvsafe import formula_sql
from labormap.ingest.clean import control_sql, scrub_sql
from labormap.reference.oked import VALID_DIVISIONS
from labormap.reference.regions import REGIONS
from labormap.registries.schema import MAX_STR_LEN, MAX_TEXT_LEN, STORAGE_TYPES, Column, NotBefore, Registry
from labormap.registries.schema import ColumnType as T

TRUE_WORDS = ("true", "t", "1", "yes", "y", "да", "д", "иә", "ия", "+")
FALSE_WORDS = ("false", "f", "0", "no", "n", "нет", "н", "жоқ", "-")
MIN_DATE = dt.date(1990, 1, 1)


def q(s: str) -> str:
    """A SQL string literal."""
    return "'" + s.replace("'", "''") + "'"


def ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _list(values: tuple[str, ...] | list[str]) -> str:
    return "[" + ", ".join(q(v) for v in values) + "]"


def blob_literal(b: bytes) -> str:
    return "'" + "".join(f"\\x{c:02X}" for c in b) + "'::BLOB"


def hmac_sql(expr: str, key: bytes) -> str:
    """HMAC-SHA256 of a VARCHAR expression, computed in SQL (RFC 2104), as the project's pseudonym.

    Equal to :func:`labormap.identifiers.pseudonymise` (a test holds them together).
    """
    import hashlib

    from labormap.identifiers import PSEUDONYM_HEX, PSEUDONYM_PREFIX

    k = hashlib.sha256(key).digest() if len(key) > 64 else key
    k = k.ljust(64, b"\0")
    ipad = bytes(b ^ 0x36 for b in k)
    opad = bytes(b ^ 0x5C for b in k)
    inner = f"unhex(sha256({blob_literal(ipad)} || encode(trim({expr}))))"
    return f"({q(PSEUDONYM_PREFIX)} || left(sha256({blob_literal(opad)} || {inner}), {PSEUDONYM_HEX}))"


def kz_id_valid_sql(s: str) -> str:
    """SQL boolean: ``s`` is 12 digits with a valid BIN/IIN check digit (mirrors identifiers.is_valid_kz_id).

    Digits are taken arithmetically from the number rather than by twelve substring casts: on a
    170-million-row registry that is the difference between seconds and minutes.
    """
    n = f"TRY_CAST({s} AS UBIGINT)"
    d = [f"(({n} // {10 ** (11 - i)}) % 10)" for i in range(12)]
    s1 = " + ".join(f"{d[i]} * {i + 1}" for i in range(11))
    w2 = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)
    s2 = " + ".join(f"{d[i]} * {w2[i]}" for i in range(11))
    return (
        f"coalesce(regexp_full_match({s}, '[0-9]{{12}}') AND "
        f"CASE WHEN ({s1}) % 11 <> 10 THEN ({s1}) % 11 = {d[11]} "
        f"WHEN ({s2}) % 11 <> 10 THEN ({s2}) % 11 = {d[11]} ELSE false END, false)"
    )


@dataclass
class ColumnSql:
    """SQL for one column: the stored value and a list of (condition, reason) checks."""

    value: str
    checks: list[tuple[str, str]]
    original: str  # the value as text, for quarantine


def _is_text_type(duck_type: str) -> bool:
    return duck_type.upper() in {
        "VARCHAR",
        "TEXT",
        "STRING",
        '"NULL"',
        "NULL",
    } or duck_type.upper().startswith("VARCHAR")


def id_raw_sql(src: str, duck_type: str) -> str:
    """A BIN/IIN column as 12-character text. Numbers typed into spreadsheets lose leading zeros, so a
    numeric source is padded back to 12 digits."""
    if _is_text_type(duck_type):
        return f"nullif(trim(CAST({src} AS VARCHAR)), '')"
    return f"lpad(CAST(TRY_CAST({src} AS BIGINT) AS VARCHAR), 12, '0')"


def id_lookup_sql(col: Column, source: str, duck_type: str, key: bytes) -> str:
    """Validity (and, for IINs, the pseudonym) of every distinct value of an identifier column.

    A registry holds far fewer distinct workers and employers than rows (7 million IINs in 170 million
    payments), so checking and hashing each distinct value once and joining is several times cheaper
    than doing it on every row.
    """
    raw = id_raw_sql(ident(col.name), duck_type)
    pid = hmac_sql("_raw", key) if col.type is T.IIN else "CAST(NULL AS VARCHAR)"
    return (
        f"SELECT _raw, {kz_id_valid_sql('_raw')} AS _ok, {pid} AS _pid "
        f"FROM (SELECT DISTINCT {raw} AS _raw FROM {source} WHERE {raw} IS NOT NULL)"
    )


def column_sql(
    col: Column, src: str, duck_type: str, *, today: dt.date, key: bytes, lookup: str | None = None
) -> ColumnSql:
    """Expressions for column ``col`` read from source expression ``src`` of DuckDB type ``duck_type``.

    ``lookup`` names the joined :func:`id_lookup_sql` table of a BIN/IIN column, when there is one.
    """
    text_in = _is_text_type(duck_type)
    s = f"nullif(trim(CAST({src} AS VARCHAR)), '')"
    present = f"({s} IS NOT NULL)"
    checks: list[tuple[str, str]] = []
    t = col.type
    num_s = f"replace(replace(replace({s}, ' ', ''), chr(160), ''), ',', '.')"
    max_day = today + dt.timedelta(days=col.future_days if t is T.DATE else 366)
    original = s

    if t in (T.STR, T.TEXT):
        text = s if t is T.STR else f"nullif(CAST({src} AS VARCHAR), '')"
        limit = MAX_STR_LEN if t is T.STR else MAX_TEXT_LEN
        checks.append((f"length({text}) > {limit}", "field_too_large"))
        # NUL and other control characters: PostgreSQL refuses NUL, and none belongs in a registry.
        checks.append((control_sql(text), "control_character"))
        if t is T.STR:
            # A cell that a spreadsheet would run as a formula (CSV injection); plain numbers are fine.
            checks.append((formula_sql(text), "formula"))
        # Worker IINs pasted into free text are pseudonymised like the IIN columns (ingest/clean.py).
        value = scrub_sql(text)
        original = f"left({text}, 2000)"
    elif t is T.INT:
        if text_in:
            d = f"TRY_CAST({num_s} AS DOUBLE)"
            value = f"CASE WHEN {d} = floor({d}) AND abs({d}) < 9e15 THEN CAST({d} AS BIGINT) END"
        else:
            value = f"TRY_CAST({src} AS BIGINT)"
        checks.append((f"{present} AND ({value}) IS NULL", "wrong_type"))
    elif t in (T.FLOAT, T.MONEY):
        value = f"TRY_CAST({num_s} AS DOUBLE)" if text_in else f"TRY_CAST({src} AS DOUBLE)"
        value = f"CASE WHEN isfinite({value}) THEN {value} END"
        checks.append((f"{present} AND ({value}) IS NULL", "wrong_type"))
        if t is T.MONEY:
            checks.append((f"({value}) < 0", "negative_money"))
    elif t is T.DATE:
        if text_in:
            value = (
                f"coalesce(TRY_CAST({s} AS DATE), CAST(TRY_STRPTIME({s}, '%d.%m.%Y') AS DATE), "
                f"CAST(TRY_STRPTIME({s}, '%d/%m/%Y') AS DATE), CAST(TRY_CAST({s} AS TIMESTAMP) AS DATE))"
            )
        else:
            value = f"TRY_CAST({src} AS DATE)"
        checks.append((f"{present} AND ({value}) IS NULL", "wrong_type"))
        checks.append(
            (
                f"({value}) < DATE '{MIN_DATE.isoformat()}' OR ({value}) > DATE '{max_day.isoformat()}'",
                "date_out_of_range",
            )
        )
    elif t is T.TIMESTAMP:
        if text_in:
            value = (
                f"coalesce(CAST(timezone('UTC', TRY_CAST({s} AS TIMESTAMPTZ)) AS TIMESTAMP), TRY_CAST({s} AS TIMESTAMP), "
                f"TRY_STRPTIME({s}, '%d.%m.%Y %H:%M'), TRY_STRPTIME({s}, '%d.%m.%Y'))"
            )
        else:
            value = f"TRY_CAST({src} AS TIMESTAMP)"
        checks.append((f"{present} AND ({value}) IS NULL", "wrong_type"))
        checks.append(
            (
                f"({value}) < TIMESTAMP '{MIN_DATE.isoformat()} 00:00:00' OR "
                f"({value}) > TIMESTAMP '{max_day.isoformat()} 00:00:00'",
                "date_out_of_range",
            )
        )
    elif t is T.PERIOD:
        if text_in:
            value = (
                f"CASE WHEN regexp_full_match({s}, '[0-9]{{4}}-(0[1-9]|1[0-2])') THEN {s} "
                f"WHEN regexp_full_match({s}, '(0[1-9]|1[0-2])\\.[0-9]{{4}}') THEN substr({s}, 4, 4) || '-' || substr({s}, 1, 2) "
                f"WHEN TRY_CAST({s} AS DATE) IS NOT NULL THEN strftime(TRY_CAST({s} AS DATE), '%Y-%m') END"
            )
        else:
            value = f"strftime(TRY_CAST({src} AS DATE), '%Y-%m')"
        checks.append((f"{present} AND ({value}) IS NULL", "wrong_type"))
        checks.append(
            (
                f"({value}) < '{MIN_DATE.strftime('%Y-%m')}' OR ({value}) > '{max_day.strftime('%Y-%m')}'",
                "date_out_of_range",
            )
        )
    elif t is T.BOOL:
        if text_in:
            ls = f"lower({s})"
            value = f"CASE WHEN {ls} IN {tuple(TRUE_WORDS)} THEN true WHEN {ls} IN {tuple(FALSE_WORDS)} THEN false END"
        else:
            value = f"TRY_CAST({src} AS BOOLEAN)"
        checks.append((f"{present} AND ({value}) IS NULL", "wrong_type"))
    elif t in (T.BIN, T.IIN):
        raw = id_raw_sql(src, duck_type)
        if lookup is not None:
            checks.append((f"{present} AND NOT coalesce({lookup}._ok, false)", "bad_check_digit"))
            value = f"{lookup}._pid" if t is T.IIN else raw
        else:
            checks.append((f"{present} AND NOT {kz_id_valid_sql(raw)}", "bad_check_digit"))
            value = hmac_sql(raw, key) if t is T.IIN else raw
        original = hmac_sql(s, key) if t is T.IIN else s
    elif t is T.KATO:
        raw = s if text_in else f"CAST(TRY_CAST({src} AS BIGINT) AS VARCHAR)"
        value = raw
        checks.append((f"{present} AND NOT regexp_full_match({raw}, '[0-9]{{9}}')", "wrong_type"))
        checks.append(
            (
                f"regexp_full_match({raw}, '[0-9]{{9}}') AND NOT list_contains({_list(sorted(REGIONS))}, substr({raw}, 1, 2))",
                "unknown_code",
            )
        )
    elif t is T.OKED:
        raw = s if text_in else f"CAST(TRY_CAST({src} AS BIGINT) AS VARCHAR)"
        # Division 01–03 codes lose their leading zero in spreadsheets: pad four digits back to five.
        value = f"CASE WHEN regexp_full_match({raw}, '[0-9]{{4}}') THEN '0' || {raw} ELSE {raw} END"
        divisions = sorted(f"{d:02d}" for d in VALID_DIVISIONS)
        checks.append((f"{present} AND NOT regexp_full_match({value}, '[0-9]{{5}}')", "wrong_type"))
        checks.append(
            (
                f"regexp_full_match({value}, '[0-9]{{5}}') AND NOT list_contains({_list(divisions)}, substr({value}, 1, 2))",
                "unknown_code",
            )
        )
    elif t is T.CODE:
        upper = all(c == c.upper() for c in col.codes)
        norm = f"upper({s})" if upper else f"lower({s})"
        if col.aliases:
            cases = " ".join(f"WHEN {q(a.upper())} THEN {q(v)}" for a, v in col.aliases.items())
            norm = f"(CASE upper({s}) {cases} ELSE {norm} END)"
        value = f"CASE WHEN list_contains({_list(col.codes)}, {norm}) THEN {norm} END"
        checks.append((f"{present} AND ({value}) IS NULL", "unknown_code"))
    elif t is T.CODES:
        parts = f"list_filter(list_transform(string_split_regex({s}, '[;|,]'), lambda x: lower(trim(x))), lambda x: x <> '')"
        ok = f"len(list_filter({parts}, lambda x: NOT list_contains({_list(col.codes)}, x))) = 0"
        value = f"CASE WHEN len({parts}) > 0 AND {ok} THEN array_to_string({parts}, ';') END"
        checks.append((f"{present} AND ({value}) IS NULL", "unknown_code"))
    else:  # pragma: no cover - every type is handled above
        raise AssertionError(t)

    if col.min is not None and t in (T.INT, T.FLOAT):
        checks.append((f"({value}) < {col.min}", "out_of_range"))
    if col.max is not None and t in (T.INT, T.FLOAT):
        checks.append((f"({value}) > {col.max}", "out_of_range"))
    if col.required:
        checks.insert(0, (f"NOT {present}", "missing_value"))
    cast_value = f"CAST({value} AS {STORAGE_TYPES[t]})"
    return ColumnSql(cast_value, checks, original)


def registry_select(
    reg: Registry,
    source: str,
    types: dict[str, str],
    *,
    today: dt.date,
    key: bytes,
    lookups: dict[str, str] | None = None,
) -> str:
    """A SELECT over ``source`` (with every contract column, ``_file``, ``_line``, ``_rid``) giving each
    stored column and ``_reasons``, the list of ``reason:column`` a row fails (empty for a valid row).

    ``lookups`` maps identifier columns to tables built with :func:`id_lookup_sql`, joined here."""
    lookups = lookups or {}
    aliases = {name: f"_lk{i}" for i, name in enumerate(lookups)}
    cols = {
        c.name: column_sql(
            c,
            f"_s.{ident(c.name)}",
            types.get(c.name, "VARCHAR"),
            today=today,
            key=key,
            lookup=aliases.get(c.name),
        )
        for c in reg.columns
    }
    reason_items: list[str] = []
    for name, cs in cols.items():
        for cond, reason in cs.checks:
            reason_items.append(f"CASE WHEN coalesce({cond}, false) THEN '{reason}:{name}' END")
    for chk in reg.checks:
        a, b = cols[chk.column].value, cols[chk.other].value
        if isinstance(chk, NotBefore):
            cond = f"({a}) < ({b})"
        else:
            cond = f"({b}) IS NOT NULL AND ({a}) IS NULL"
        reason_items.append(f"CASE WHEN coalesce({cond}, false) THEN '{chk.reason}:{chk.column}' END")
    # ``_missing`` lists the required columns the row's file lacks (one reason per column, per row).
    # A missing column is reported once as such, not again as a missing value.
    implied = "list_transform(_s._missing, lambda m: replace(m, 'missing_column:', 'missing_value:'))"
    reasons = (
        f"list_concat(_s._missing, list_filter([{', '.join(reason_items)}], "
        f"lambda r: r IS NOT NULL AND NOT list_contains({implied}, r)))"
    )
    values = ", ".join(
        f"{cs.value} AS {ident(c.storage_name)}" for c, cs in zip(reg.columns, cols.values(), strict=True)
    )
    joins = " ".join(
        f"LEFT JOIN {table} AS {aliases[name]} ON {aliases[name]}._raw = "
        f"{id_raw_sql(f'_s.{ident(name)}', types.get(name, 'VARCHAR'))}"
        for name, table in lookups.items()
    )
    return f"SELECT {values}, _s._file, _s._line, _s._rid, {reasons} AS _reasons FROM {source} AS _s {joins}"


def original_select(reg: Registry, source: str, types: dict[str, str], *, today: dt.date, key: bytes) -> str:
    """``_rid`` and the row's original values as JSON text (IINs pseudonymised), for quarantine."""
    cols = {
        c.name: column_sql(c, ident(c.name), types.get(c.name, "VARCHAR"), today=today, key=key)
        for c in reg.columns
    }
    original = (
        "to_json(struct_pack(" + ", ".join(f"{ident(n)} := {cs.original}" for n, cs in cols.items()) + "))"
    )
    # An IIN may sit in any column of a bad row (a shifted field, a name typed into a code column).
    return f"SELECT _rid, {scrub_sql(f'CAST({original} AS VARCHAR)')} AS original FROM {source}"
