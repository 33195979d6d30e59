"""Which employers someone may see: one value object, one SQL adapter (the ORM adapter is in the web).

Semantics (the one definition; ``docs/architecture.md`` points here):

* A :class:`Scope` is either the whole **country** or a **union of grants**: an employer is in scope when
  at least one grant admits it. No grant (and not the country) admits nothing.
* Within one :class:`Grant` the dimensions that are set **intersect**: a grant of region 47 with sector B
  is mining in Mangystau — not every mining employer plus every Mangystau employer. A dimension left
  empty does not restrict; a grant with no dimension set admits nothing (an empty form must not open
  the country).
* Dimensions: ``regions`` (2-digit KATO), ``sectors`` (ОКЭД section letters), ``bins`` (listed
  employers; an employer account's own BIN is a grant of that one BIN), ``holding`` (the group's
  employers *and* the contractors those employers buy services from).

Adapters: :meth:`Scope.sql_filter` (DuckDB / any SQL with ``?`` parameters, used by reports and the
engine's scope filters) and ``labormap.web.accounts.scope.employer_q`` (Django ORM). Both are tested to
give the same employer set for every demo role (``tests/web/accounts/test_one_scope.py``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field


def _codes(values: Iterable[str] | str | None, *, upper: bool = False) -> frozenset[str]:
    """Codes from a list or from text typed by people (commas, semicolons, spaces or new lines)."""
    if values is None:
        return frozenset()
    if isinstance(values, str):
        values = values.replace(";", ",").replace("\n", ",").replace(" ", ",").split(",")
    out = (v.strip() for v in values)
    return frozenset((v.upper() if upper else v) for v in out if v)


@dataclass(frozen=True)
class Grant:
    """One grant of access; the dimensions that are set intersect (see the module docstring)."""

    regions: frozenset[str] = frozenset()
    sectors: frozenset[str] = frozenset()
    bins: frozenset[str] = frozenset()
    holding: str = ""

    @classmethod
    def of(
        cls,
        regions: Iterable[str] | str | None = None,
        sectors: Iterable[str] | str | None = None,
        bins: Iterable[str] | str | None = None,
        holding: str | None = None,
    ) -> Grant:
        return cls(
            regions=_codes(regions),
            sectors=_codes(sectors, upper=True),
            bins=_codes(bins),
            holding=(holding or "").strip(),
        )

    @property
    def empty(self) -> bool:
        return not (self.regions or self.sectors or self.bins or self.holding)


@dataclass(frozen=True)
class SqlFilter:
    """A WHERE condition and its positional (``?``) parameters."""

    sql: str
    params: list[object] = field(default_factory=list)


@dataclass(frozen=True)
class EmployerColumns:
    """How the employer dimensions are spelled in the table the SQL filter runs over.

    ``{a}`` is replaced by the table alias. The defaults fit a table with ``region``/``sector``/``bin``/
    ``holding`` columns (the web's employers table, the warehouse's ``employer_scope`` view); the
    contractor table has one row per (customer, contractor) link.
    """

    bin: str = "{a}.bin"
    region: str = "{a}.region"
    sector: str = "{a}.sector"
    holding: str = "{a}.holding"
    employers_table: str = "employer_scope"
    contractors_table: str = "contractor_links"
    customer_col: str = "customer_bin"
    contractor_col: str = "contractor_bin"


@dataclass(frozen=True)
class Scope:
    """The whole country, or the union of ``grants`` (each an intersection of its dimensions)."""

    country: bool = False
    grants: tuple[Grant, ...] = ()

    @classmethod
    def everything(cls) -> Scope:
        return cls(country=True)

    @classmethod
    def nothing(cls) -> Scope:
        return cls()

    @classmethod
    def of(cls, *grants: Grant) -> Scope:
        return cls(grants=tuple(g for g in grants if not g.empty))

    @property
    def unrestricted(self) -> bool:
        return self.country

    @property
    def live_grants(self) -> tuple[Grant, ...]:
        return tuple(g for g in self.grants if not g.empty)

    @property
    def regions(self) -> frozenset[str] | None:
        """The regions every grant is bound to (None when some grant is not region-bound, or the country)."""
        gs = self.live_grants
        if self.country or not gs or any(not g.regions for g in gs):
            return None
        return frozenset().union(*(g.regions for g in gs))

    def key(self) -> str:
        """A stable text of the scope (sorted), for cache keys shared between processes."""
        if self.country:
            return "country"
        grants = sorted(
            "r="
            + ",".join(sorted(g.regions))
            + ";s="
            + ",".join(sorted(g.sectors))
            + ";b="
            + ",".join(sorted(g.bins))
            + ";h="
            + g.holding
            for g in self.live_grants
        )
        return "|".join(grants) or "nothing"

    def sql_filter(
        self, alias: str = "e", cols: EmployerColumns | None = None, placeholder: str = "?"
    ) -> SqlFilter:
        """The condition on the employer row ``alias`` that admits exactly this scope.

        Values go in as parameters (``placeholder``: ``?`` for DuckDB and sqlite3, ``%s`` for a Django
        cursor), never into the SQL text; the holding dimension reads the contractor table (customers of
        the holding's employers → their contractors).
        """
        c = cols or EmployerColumns()
        if self.country:
            return SqlFilter("TRUE")
        gs = self.live_grants
        if not gs:
            return SqlFilter("FALSE")
        col = {k: getattr(c, k).format(a=alias) for k in ("bin", "region", "sector", "holding")}
        parts: list[str] = []
        params: list[object] = []

        def in_list(expr: str, values: frozenset[str]) -> str:
            vals = sorted(values)
            params.extend(vals)
            return f"{expr} IN ({', '.join(placeholder for _ in vals)})"

        for g in gs:
            conds: list[str] = []
            if g.regions:
                conds.append(in_list(col["region"], g.regions))
            if g.sectors:
                conds.append(in_list(col["sector"], g.sectors))
            if g.bins:
                conds.append(in_list(col["bin"], g.bins))
            if g.holding:
                conds.append(
                    f"({col['holding']} = {placeholder} OR {col['bin']} IN (SELECT l.{c.contractor_col} "
                    f"FROM {c.contractors_table} l WHERE l.{c.customer_col} IN "
                    f"(SELECT h.bin FROM {c.employers_table} h WHERE h.holding = {placeholder})))"
                )
                params.extend([g.holding, g.holding])
            parts.append("(" + " AND ".join(conds) + ")")
        return SqlFilter("(" + " OR ".join(parts) + ")", params)


__all__ = ["EmployerColumns", "Grant", "Scope", "SqlFilter"]
