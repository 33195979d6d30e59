"""The engine (``labormap.layoffs``) on the warehouse, limited to a user's scope.

Pages and the API call these functions only. The warehouse (``LABORMAP_WAREHOUSE``) is read with DuckDB
on each request and the results are cached for a few minutes per scope; nothing is written to it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import duckdb
from django.conf import settings
from django.core.cache import cache

from labormap.layoffs.common import LayoffsError, default_as_of
from labormap.layoffs.expected import ContractRow, Expected, expected_releases
from labormap.layoffs.lowpay import LowPay, low_pay
from labormap.layoffs.plans import Plan, PlanActual, track_plans
from labormap.layoffs.terms import Terms, contract_terms
from labormap.warehouse import Warehouse
from labormap.web.accounts.scope import restrict, scoped_employers, sees_country
from labormap.web.employers.models import ContractorLink, Employer
from labormap.web.layoffs.models import WagePlan

CACHE_SECONDS = 300
T = TypeVar("T")


class Unavailable(RuntimeError):
    """No warehouse configured or readable: the pages say so instead of failing."""


def connect() -> duckdb.DuckDBPyConnection:
    path = getattr(settings, "LABORMAP_WAREHOUSE", None)
    if not path:
        raise Unavailable("LABORMAP_WAREHOUSE is not set")
    wh = Warehouse(path)
    if not wh.exists():
        raise Unavailable(f"{wh.root} is not a warehouse")
    return wh.connect()


def scope_bins(user: Any) -> list[str] | None:
    """None for a country-wide user, else every BIN in the user's scope (contracts touching them count)."""
    if sees_country(user):
        return None
    return list(scoped_employers(user).values_list("bin", flat=True))


def _cached(kind: str, user: Any, extra: str, compute: Callable[[], T]) -> T:
    bins = scope_bins(user)
    key_src = f"{kind}|{extra}|{getattr(settings, 'LABORMAP_WAREHOUSE', '')}|" + (
        "*" if bins is None else ",".join(sorted(bins))
    )
    key = "layoffs:" + hashlib.sha1(key_src.encode(), usedforsecurity=False).hexdigest()
    hit = cache.get(key)
    if hit is not None:
        return hit
    value = compute()
    cache.set(key, value, CACHE_SECONDS)
    return value


def as_of() -> dt.date:
    con = connect()
    try:
        return default_as_of(con)
    except LayoffsError as e:
        raise Unavailable(str(e)) from None
    finally:
        con.close()


def expected_for(user: Any) -> Expected:
    def run() -> Expected:
        con = connect()
        try:
            return expected_releases(con, default_as_of(con), bins=scope_bins(user))
        except LayoffsError as e:
            raise Unavailable(str(e)) from None
        finally:
            con.close()

    return _cached("expected", user, "", run)


def lowpay_for(user: Any) -> LowPay:
    def run() -> LowPay:
        con = connect()
        try:
            return low_pay(con, default_as_of(con), bins=scope_bins(user))
        except LayoffsError as e:
            raise Unavailable(str(e)) from None
        finally:
            con.close()

    return _cached("lowpay", user, "", run)


def terms_for(user: Any) -> Terms:
    def run() -> Terms:
        con = connect()
        try:
            return contract_terms(con, default_as_of(con), bins=scope_bins(user))
        except LayoffsError as e:
            raise Unavailable(str(e)) from None
        finally:
            con.close()

    return _cached("terms", user, "", run)


def plans_for(user: Any) -> Any:
    return restrict(WagePlan.objects.select_related("employer"), user, "employer__")


def track(plans: list[WagePlan]) -> dict[int, PlanActual]:
    """Plan against actual for ``plans`` (already limited to the user's scope)."""
    if not plans:
        return {}
    con = connect()
    try:
        d = default_as_of(con)
        specs = [
            Plan(
                str(p.pk),
                p.employer_id,
                p.target_raise_pct,
                p.base_period,
                p.due_on,
                p.workers_covered,
                p.employer.region,
            )
            for p in plans
        ]
        return {int(a.plan_id): a for a in track_plans(con, specs, d)}
    except LayoffsError as e:
        raise Unavailable(str(e)) from None
    finally:
        con.close()


# --- the group view --------------------------------------------------------------------------------------
@dataclass
class ContractorNode:
    employer: Employer
    workers: int  # on contracts in force with this company
    ending: list[ContractRow] = field(default_factory=list)  # ending within 12 months

    @property
    def ending_workers(self) -> int:
        return sum(c.workers for c in self.ending if c.releases)


@dataclass
class CompanyNode:
    employer: Employer
    contractors: list[ContractorNode]

    @property
    def contractor_workers(self) -> int:
        return sum(c.workers for c in self.contractors)

    @property
    def ending_workers(self) -> int:
        return sum(c.ending_workers for c in self.contractors)


@dataclass
class Tree:
    title: str
    as_of: dt.date
    companies: list[CompanyNode]

    @property
    def contractors(self) -> int:
        return len({c.employer.bin for co in self.companies for c in co.contractors})

    @property
    def ending_workers(self) -> int:
        return sum(co.ending_workers for co in self.companies)


def group_tree(user: Any, root: Employer | None, holding: str | None) -> Tree:
    """The companies of a holding (or one operator) and their contractors, each node within the scope.

    ``root`` is an operator the caller may see (its holding's tree when it has one); ``holding`` a
    holding name. Contractors out of the caller's scope are left out (an akimat sees its region's).
    """
    visible = scoped_employers(user)
    name = holding or (root.holding if root is not None and root.holding else "")
    if name:
        companies = list(visible.filter(holding=name).order_by("-headcount", "bin"))
        title = name
    else:
        assert root is not None
        companies, title = [root], root.name
    exp = expected_for(user)
    d = exp.as_of
    ending_by_pair: dict[tuple[str, str], list[ContractRow]] = {}
    for c in exp.contracts:
        ending_by_pair.setdefault((c.customer_bin, c.contractor_bin), []).append(c)
    bins = [c.bin for c in companies]
    links = ContractorLink.objects.filter(customer_bin__in=bins, ends_on__gte=d, started_on__lte=d)
    workers: dict[tuple[str, str], int] = {}
    for lk in links:
        key = (lk.customer_bin, lk.contractor_bin)
        workers[key] = workers.get(key, 0) + (lk.workers or 0)
    contractor_bins = {k[1] for k in workers} | {k[1] for k in ending_by_pair if k[0] in bins}
    emps = {e.bin: e for e in restrict(Employer.objects.filter(bin__in=contractor_bins), user)}
    nodes = []
    for co in companies:
        kids = [
            ContractorNode(emps[kb], workers.get((co.bin, kb), 0), ending_by_pair.get((co.bin, kb), []))
            for kb in sorted({k[1] for k in list(workers) + list(ending_by_pair) if k[0] == co.bin})
            if kb in emps
        ]
        kids.sort(key=lambda n: (-n.ending_workers, -(n.employer.score or 0), n.employer.bin))
        nodes.append(CompanyNode(co, kids))
    return Tree(title, d, nodes)


def scope_label(user: Any, lang: str) -> str:
    """How the note names the reader's scope ('' = the whole country)."""
    from labormap.i18n import label
    from labormap.web.accounts.scope import profile_of

    p = profile_of(user)
    if p is None or p.scope_kind == "country":
        return ""
    parts = [label("region", r, lang) for r in p.region_list()]
    if p.holding:
        parts.append(p.holding)
    if not parts:
        parts.append(str(scoped_employers(user).count()))
    return ", ".join(parts)


def note_for(user: Any, lang: str) -> bytes:
    from labormap.layoffs.note import build_note

    plans = list(plans_for(user))
    actuals = list(track(plans).values()) if plans else []
    con = connect()
    try:
        return build_note(
            con,
            default_as_of(con),
            lang=lang,
            bins=scope_bins(user),
            plans=actuals,
            scope_label=scope_label(user, lang),
        )
    except LayoffsError as e:
        raise Unavailable(str(e)) from None
    finally:
        con.close()
