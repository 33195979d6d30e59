"""The building blocks of a registry contract: columns, their types and rules, row-level checks.

A contract is data, not code: ingest turns it into SQL, the docs are generated from it, and the
simulator writes exactly what it describes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class ColumnType(StrEnum):
    STR = "str"  # short text (names, numbers of documents); checked for spreadsheet formulas
    TEXT = "text"  # free text (articles, demands); may be long
    INT = "int"
    FLOAT = "float"
    MONEY = "money"  # KZT, never negative
    DATE = "date"  # YYYY-MM-DD; DD.MM.YYYY and DD/MM/YYYY are accepted too
    TIMESTAMP = "timestamp"  # ISO 8601 date and time; stored in UTC without zone
    PERIOD = "period"  # income month, YYYY-MM
    BOOL = "bool"  # true/false, 1/0, да/нет, иә/жоқ, yes/no
    BIN = "bin"  # 12-digit business identification number with check digit
    IIN = "iin"  # 12-digit individual identification number with check digit; pseudonymised at ingest
    CODE = "code"  # one value from a closed list
    CODES = "codes"  # several values from a closed list, separated by ';', '|' or ','
    KATO = "kato"  # 9-digit КАТО code whose first two digits are a region
    OKED = "oked"  # 5-digit ОКЭД code whose division exists


# The DuckDB type each column type is stored as in the warehouse.
STORAGE_TYPES: dict[ColumnType, str] = {
    ColumnType.STR: "VARCHAR",
    ColumnType.TEXT: "VARCHAR",
    ColumnType.INT: "BIGINT",
    ColumnType.FLOAT: "DOUBLE",
    ColumnType.MONEY: "DOUBLE",
    ColumnType.DATE: "DATE",
    ColumnType.TIMESTAMP: "TIMESTAMP",
    ColumnType.PERIOD: "VARCHAR",
    ColumnType.BOOL: "BOOLEAN",
    ColumnType.BIN: "VARCHAR",
    ColumnType.IIN: "VARCHAR",
    ColumnType.CODE: "VARCHAR",
    ColumnType.CODES: "VARCHAR",
    ColumnType.KATO: "VARCHAR",
    ColumnType.OKED: "VARCHAR",
}


# The rule every value of a type obeys, in words (for the generated docs).
TYPE_RULES: dict[ColumnType, str] = {
    ColumnType.BIN: "12 digits, valid check digit",
    ColumnType.IIN: "12 digits, valid check digit; stored only as a keyed pseudonym",
    ColumnType.KATO: "9 digits, known region prefix",
    ColumnType.OKED: "5 digits, known division",
    ColumnType.PERIOD: "YYYY-MM",
    ColumnType.MONEY: "KZT, ≥ 0",
    ColumnType.DATE: "date between 1990-01-01 and one year after ingest",
    ColumnType.TIMESTAMP: "ISO 8601 date-time",
    ColumnType.STR: "no spreadsheet formula",
}


@dataclass(frozen=True)
class Column:
    name: str
    type: ColumnType
    required: bool
    meaning: str
    codes: tuple[str, ...] = ()  # allowed values for CODE / CODES
    aliases: dict[str, str] = field(default_factory=dict)  # accepted spellings -> canonical code
    min: float | None = None
    max: float | None = None
    rule: str = ""  # extra rule in words, for the docs
    # how many days after the ingest date a DATE may lie: a year for events, more for an agreement's end
    future_days: int = 366

    @property
    def storage_name(self) -> str:
        """Name in the warehouse: IIN columns hold pseudonyms there, so they are renamed to say so."""
        return self.name.removesuffix("_iin") + "_pid" if self.type is ColumnType.IIN else self.name

    def describe_rule(self) -> str:
        t = self.type
        parts: list[str] = [TYPE_RULES[t]] if t in TYPE_RULES else []
        if t is ColumnType.DATE and self.future_days != 366:
            parts = [f"date between 1990-01-01 and {self.future_days} days after ingest"]
        if self.codes:
            parts.append("one of " if t is ColumnType.CODE else "list of ")
            parts[-1] += ", ".join(f"`{c}`" for c in self.codes)
        if self.min is not None or self.max is not None:
            lo = "" if self.min is None else f"{self.min:g} ≤ "
            hi = "" if self.max is None else f" ≤ {self.max:g}"
            parts.append(f"{lo}value{hi}")
        if self.rule:
            parts.append(self.rule)
        return "; ".join(parts)


@dataclass(frozen=True)
class NotBefore:
    """Row check: ``column`` (when present) is not earlier than ``other``."""

    column: str
    other: str
    reason: str = "end_before_start"


@dataclass(frozen=True)
class RequiredWith:
    """Row check: ``column`` must be present whenever ``other`` is."""

    column: str
    other: str
    reason: str = "missing_value"


@dataclass(frozen=True)
class Registry:
    name: str
    source: str
    row_is: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    # the column saying when a row became known to the state (as-of semantics of features)
    known_on: str
    employer_columns: tuple[str, ...] = ("employer_bin",)
    # partition large registries by the month of this column in the warehouse
    partition_month_of: str | None = None
    checks: tuple[NotBefore | RequiredWith, ...] = ()

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(f"{self.name} has no column {name!r}")

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def storage_names(self) -> tuple[str, ...]:
        return tuple(c.storage_name for c in self.columns)


# Quarantine reason codes, each with its meaning (documented in docs/registries.md).
REASONS: dict[str, str] = {
    "missing_value": "a required value is empty",
    "wrong_type": "the value cannot be read as the column's type",
    "bad_check_digit": "a BIN or IIN is not 12 digits with a valid check digit",
    "unknown_code": "the value is not in the column's list of codes (or region / ОКЭД division)",
    "out_of_range": "a number outside the column's allowed range",
    "date_out_of_range": "a date before 1990-01-01 or more than a year after ingest",
    "negative_money": "a money amount below zero",
    "end_before_start": "an end date earlier than the start date it belongs to",
    "formula": "a short text a spreadsheet would evaluate: starting with =, +, -, @, tab or CR, unless it is a plain number",
    "control_character": "a text holding NUL or another control character (tab and line breaks are allowed)",
    "field_too_large": "a field longer than the column allows",
    "field_count": "the row has more or fewer fields than the header",
    "missing_column": "the file lacks a required column, so none of its rows can be read",
    "bad_json": "a JSON Lines line that is not a JSON object",
    "bad_encoding": "the row holds bytes that are not text in the file's encoding",
}

# Longest value accepted in a short text (STR) column and in a free text (TEXT) column.
MAX_STR_LEN = 1_000
MAX_TEXT_LEN = 200_000
