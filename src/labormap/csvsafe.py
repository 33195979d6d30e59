"""Cells a spreadsheet would evaluate (CSV/formula injection), and one CSV writer that neutralises them.

A spreadsheet opening a CSV treats a cell beginning with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return as a formula (OWASP "CSV Injection"). ``-2+3+cmd|' /C calc'!A0`` is the classic case that slips
through a filter which only looks for ``=``: it starts like a negative number. A plain number — ``-12``,
``+7``, ``-1 250,50`` — is not dangerous and stays as it is.

Used by every CSV export of the web (through :func:`writer`) and by the ingest's formula check
(through :data:`FORMULA_SQL_REGEX` / :func:`is_formula`), so the two cannot drift apart.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from typing import Any, Protocol

# Characters that make a spreadsheet parse the cell as a formula when they come first.
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# A signed number in any spelling registries use (spaces/NBSP as thousands separators, comma or point).
_NUMBER = r"[+-]?[0-9][0-9 \x{00A0}]*([.,][0-9]+)?([eE][+-]?[0-9]+)?"  # RE2 syntax (DuckDB)
_NUMBER_RE = re.compile(_NUMBER.replace("\\x{00A0}", "\u00a0"))
# The same rule in RE2 syntax for DuckDB: a trigger first, unless the whole value is a plain number.
FORMULA_SQL_REGEX = "^[=+@\\t\\r-]"
NUMBER_SQL_REGEX = _NUMBER


def is_formula(value: str) -> bool:
    """True when a spreadsheet would evaluate ``value`` (see the module docstring)."""
    if not value or value[0] not in TRIGGERS:
        return False
    return not (value[0] in "+-" and _NUMBER_RE.fullmatch(value) is not None)


def neutralise(value: Any) -> Any:
    """A cell safe to put in a CSV: a dangerous text gets a leading apostrophe, which spreadsheets
    show as text and do not evaluate; numbers, dates and harmless text pass unchanged."""
    if isinstance(value, str) and is_formula(value):
        return "'" + value
    return value


def formula_sql(expr: str) -> str:
    """SQL boolean (DuckDB): the text ``expr`` is a formula by :func:`is_formula`'s rule."""
    return (
        f"(regexp_matches({expr}, '{FORMULA_SQL_REGEX}') AND NOT "
        f"regexp_full_match({expr}, '{NUMBER_SQL_REGEX}'))"
    )


class _Writable(Protocol):
    def write(self, s: str, /) -> Any: ...


class SafeWriter:
    """``csv.writer`` whose every cell goes through :func:`neutralise` first."""

    def __init__(self, fh: _Writable, **fmtparams: Any) -> None:
        self._w = csv.writer(fh, **fmtparams)

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._w.writerow([neutralise(v) for v in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for r in rows:
            self.writerow(r)


def writer(fh: _Writable, **fmtparams: Any) -> SafeWriter:
    """The only CSV writer exports should use."""
    return SafeWriter(fh, **fmtparams)


class Echo:
    """A file-like object whose ``write`` returns the line: streams CSV rows from a generator."""

    def write(self, value: str) -> str:
        return value
