"""The scope of a report: which employers it may read and count.

A report is made for one user's scope (a region for an akimat, member employers for an association…).
The scope is resolved once into a set of BINs (or "everything"); every query of the report joins on
it, so an employer outside the scope is neither listed nor counted, and media items not linked to any
employer appear only in a national report.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import duckdb
import pyarrow as pa


@dataclass(frozen=True, slots=True)
class EmployerInfo:
    bin: str
    region: str  # 2-digit KATO
    oked: str
    holding: str | None
    parent_bin: str | None


@dataclass(frozen=True)
class ReportScope:
    """Employers a report covers: the intersection of the filters that are set; nothing set = the country."""

    label: str = "Республика Казахстан"
    label_kk: str = "Қазақстан Республикасы"
    bins: frozenset[str] | None = None
    regions: frozenset[str] | None = None  # 2-digit KATO prefixes
    predicate: Callable[[EmployerInfo], bool] | None = None

    @property
    def national(self) -> bool:
        return self.bins is None and self.regions is None and self.predicate is None

    def name(self, lang: str) -> str:
        """The scope as the report's subtitle names it, in ``lang`` (regions and the country from the catalogue)."""
        from labormap import i18n

        if self.national:
            return i18n.gettext("Republic of Kazakhstan", lang)
        if self.regions is not None and self.bins is None and self.predicate is None:
            return ", ".join(i18n.label("region", r, lang) for r in sorted(self.regions))
        return self.label_kk if lang == "kk" and self.label_kk else self.label

    @classmethod
    def for_bins(cls, bins: Iterable[str], label: str, label_kk: str = "") -> ReportScope:
        return cls(label=label, label_kk=label_kk or label, bins=frozenset(bins))

    @classmethod
    def for_regions(cls, regions: Iterable[str]) -> ReportScope:
        from labormap.reference import REGIONS

        regs = frozenset(regions)
        unknown = sorted(r for r in regs if r not in REGIONS)
        if unknown:
            raise ValueError(f"unknown region code {unknown[0]!r}")
        names = sorted(regs)
        return cls(
            label=", ".join(REGIONS[r].name_ru for r in names),
            label_kk=", ".join(REGIONS[r].name_kk for r in names),
            regions=regs,
        )


def resolve(scope: ReportScope, con: duckdb.DuckDBPyConnection) -> frozenset[str] | None:
    """The BINs inside ``scope`` (None: no restriction), reading the ``employers`` view of ``con``."""
    if scope.national:
        return None
    if scope.regions is None and scope.predicate is None:
        assert scope.bins is not None
        return scope.bins
    where = ["true"]
    params: list[object] = []
    if scope.regions is not None:
        where.append("substr(kato, 1, 2) IN (SELECT unnest($1::VARCHAR[]))")
        params.append(sorted(scope.regions))
    sql = f"SELECT bin, substr(kato, 1, 2), oked, holding, parent_bin FROM employers WHERE {' AND '.join(where)}"
    if scope.bins is not None:
        con.register("_scope_in", pa.table({"b": pa.array(sorted(scope.bins), pa.string())}))
        sql += " AND bin IN (SELECT b FROM _scope_in)"
    rows = con.execute(sql, params).fetchall()
    if scope.predicate is None:
        return frozenset(r[0] for r in rows)
    return frozenset(r[0] for r in rows if scope.predicate(EmployerInfo(*r)))
