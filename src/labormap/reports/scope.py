"""The scope of a report: which employers it may read and count.

A report is made for one reader's access (``access``: a :class:`labormap.scope.Scope` — the country or
the union of grants, each grant an intersection; the same object the web's scope module uses) and may be
narrowed further by the report's own filters (``regions``, ``bins``, ``predicate``), which intersect
with the access. The scope is resolved once into a set of BINs (or "everything") with the Scope's SQL
adapter; every query of the report joins on it, so an employer outside the scope is neither listed nor
counted, and media items not linked to any employer appear only in a national report.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import duckdb
import pyarrow as pa

from labormap.scope import Scope


@dataclass(frozen=True, slots=True)
class EmployerInfo:
    bin: str
    region: str  # 2-digit KATO
    oked: str
    holding: str | None
    parent_bin: str | None


@dataclass(frozen=True)
class ReportScope:
    """Employers a report covers: the reader's ``access`` (None = the country) intersected with the
    report's own filters that are set; nothing set = the country."""

    label: str = "Республика Казахстан"
    label_kk: str = "Қазақстан Республикасы"
    bins: frozenset[str] | None = None
    regions: frozenset[str] | None = None  # 2-digit KATO prefixes
    predicate: Callable[[EmployerInfo], bool] | None = None
    access: Scope | None = None

    @property
    def national(self) -> bool:
        return (
            self.bins is None
            and self.regions is None
            and self.predicate is None
            and (self.access is None or self.access.unrestricted)
        )

    @classmethod
    def for_access(cls, access: Scope, label: str, label_kk: str = "") -> ReportScope:
        """A report over what ``access`` admits (labelled for the subtitle)."""
        if access.unrestricted:
            return cls()
        regions = access.regions
        only_regions = regions is not None and all(
            not (g.sectors or g.bins or g.holding) for g in access.live_grants
        )
        if only_regions and regions is not None:
            return cls.for_regions(regions)
        return cls(label=label, label_kk=label_kk or label, access=access)

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
    access = scope.access if scope.access is not None and not scope.access.unrestricted else None
    if scope.regions is None and scope.predicate is None and access is None:
        assert scope.bins is not None
        return scope.bins
    where = ["true"]
    params: list[object] = []
    if scope.regions is not None:
        where.append(f"substr(kato, 1, 2) IN ({', '.join('?' for _ in scope.regions)})")
        params.extend(sorted(scope.regions))
    if access is not None:
        from labormap.warehouse.datasets import scoped_bins

        allowed = scoped_bins(con, access) or frozenset()
        con.register("_access_in", pa.table({"b": pa.array(sorted(allowed), pa.string())}))
        where.append("bin IN (SELECT b FROM _access_in)")
    sql = f"SELECT bin, substr(kato, 1, 2), oked, holding, parent_bin FROM employers WHERE {' AND '.join(where)}"
    if scope.bins is not None:
        con.register("_scope_in", pa.table({"b": pa.array(sorted(scope.bins), pa.string())}))
        sql += " AND bin IN (SELECT b FROM _scope_in)"
    rows = con.execute(sql, params).fetchall()
    if scope.predicate is None:
        return frozenset(r[0] for r in rows)
    return frozenset(r[0] for r in rows if scope.predicate(EmployerInfo(*r)))
