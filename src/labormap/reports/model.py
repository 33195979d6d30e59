"""A report as plain data: a title and a list of blocks (headings, paragraphs, key figures, tables, charts).

The content of a report is decided once (``daily``, ``measures_note``, ``semiannual``); the DOCX and
XLSX renderers turn the same blocks into their formats, so both documents carry the same figures.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

Cell = str | int | float | date | None


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1


@dataclass(frozen=True)
class Paragraph:
    text: str
    note: bool = False  # a small-print note (sources, definitions)


@dataclass(frozen=True)
class KeyFigure:
    label: str
    value: int | float
    change: int | float | None = None  # against the previous period, when it has a meaning
    unit: str = ""
    key: str = ""  # a stable name for programs and tests (the label depends on the language)


@dataclass(frozen=True)
class KeyFigures:
    items: tuple[KeyFigure, ...]


@dataclass(frozen=True)
class Column:
    title: str
    kind: Literal["text", "int", "float", "date", "pct", "change"] = "text"
    width: int = 14  # characters, for the XLSX column and the DOCX proportions


@dataclass(frozen=True)
class Table:
    title: str
    sheet: str  # XLSX sheet name (≤ 31 characters, unique within a report)
    columns: tuple[Column, ...]
    rows: Sequence[Sequence[Cell]]
    total_rows: int | None = None  # when the DOCX shows only the first rows of a longer list
    docx_limit: int | None = None  # at most this many rows in the DOCX (the XLSX always has all of them)
    empty_text: str = ""


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float, ...]


@dataclass(frozen=True)
class Chart:
    title: str
    kind: Literal["bar", "barh", "line"]
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    y_label: str = ""


Block = Heading | Paragraph | KeyFigures | Table | Chart


@dataclass
class Report:
    kind: str  # daily | measures | semiannual
    lang: str
    title: str
    subtitle: str
    blocks: list[Block] = field(default_factory=list)
    footer: str = ""

    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    def charts(self) -> list[Chart]:
        return [b for b in self.blocks if isinstance(b, Chart)]

    def figures(self) -> dict[str, int | float]:
        """Key figures by their stable key (by label when a figure has no key)."""
        return {f.key or f.label: f.value for b in self.blocks if isinstance(b, KeyFigures) for f in b.items}
