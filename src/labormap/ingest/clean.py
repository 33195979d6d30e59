"""Free text made safe at ingest: worker IINs pseudonymised, control characters refused.

Registries carry free text written by people — media titles and articles, a conflict's demands, an
employer's name — and people paste identifiers into it. A worker's IIN in such text would otherwise
reach every page and API that shows the text, so every valid IIN (12 digits, a correct check digit and
a day's tens digit 0–3 in fifth place, which BINs never have) is replaced by the worker's keyed
pseudonym — the same one the worker's identifier columns get, so analysts can still join on it.

Control characters (NUL and the other C0 codes except tab, line feed and carriage return, plus DEL)
have no business in a registry value; PostgreSQL cannot even store NUL in text, so one such byte would
stop ``web publish``. Rows holding them go to quarantine with the reason ``control_character``.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable

import duckdb

from labormap.identifiers import is_valid_kz_id, looks_like_iin, pseudonymise

IIN_RUN = re.compile(r"(?<![0-9])[0-9]{12}(?![0-9])")
# RE2 (DuckDB) and Python agree on this class.
CONTROL_CLASS = "[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]"
CONTROL_RE = re.compile(CONTROL_CLASS)
SCRUB_UDF = "lm_scrub_iins"


def is_iin(value: str) -> bool:
    """A valid IIN (not a BIN): 12 digits, a correct check digit, 0–3 as the fifth digit."""
    return looks_like_iin(value) and is_valid_kz_id(value)


def scrub_iins(text: str, pseudo: Callable[[str], str]) -> str:
    """Every valid IIN in ``text`` replaced by its pseudonym; BINs and other numbers stay."""
    return IIN_RUN.sub(lambda m: pseudo(m.group()) if is_iin(m.group()) else m.group(), text)


def scrub_controls(text: str) -> str:
    """Control characters replaced by U+FFFD (for quarantine copies, which must stay storable)."""
    return CONTROL_RE.sub("\ufffd", text)


def register(con: duckdb.DuckDBPyConnection, key: bytes) -> None:
    """Make :func:`scrub_sql` usable on ``con`` (a Python UDF called only on text holding 12 digits)."""

    def scrub(text: str) -> str:
        return scrub_iins(text, lambda iin: pseudonymise(iin, key))

    with contextlib.suppress(duckdb.CatalogException):  # already registered on this connection
        con.create_function(SCRUB_UDF, scrub, ["VARCHAR"], "VARCHAR", side_effects=False)


def scrub_sql(expr: str) -> str:
    """SQL: ``expr`` with valid IINs pseudonymised. The regex guard keeps the Python UDF off the vast
    majority of values, which hold no 12-digit run at all."""
    return f"(CASE WHEN regexp_matches({expr}, '[0-9]{{12}}') THEN {SCRUB_UDF}({expr}) ELSE {expr} END)"


def control_sql(expr: str) -> str:
    """SQL boolean: ``expr`` holds a control character."""
    return f"regexp_matches({expr}, '{CONTROL_CLASS}')"
