"""Paging with a capped count: counting 400k matching rows on every page view costs more than the page.

Beyond ``CAP`` rows the list says "10 000+" (people refine the filter; exports still hold every row).
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.utils.functional import cached_property

CAP = 10_000


def capped_count(qs: Any, cap: int = CAP, *, published: bool = False) -> tuple[int, bool]:
    """(count, exact): the number of rows, or ``cap`` and False when there are more.

    ``published``: ``qs`` reads only published tables (employers, their reasons and links), so the count
    is kept until the next publish, keyed by its SQL — which holds the scope (core.pubcache). Counting
    10 001 index entries costs a few ms; the same count is asked for on every page of a list.
    """

    def count() -> tuple[int, bool]:
        n = int(qs.order_by()[: cap + 1].count())  # the order does not change the count; sorting would
        return (cap, False) if n > cap else (n, True)

    if not published:
        return count()
    from labormap.web.core import pubcache

    n, exact = pubcache.remember("count", (pubcache.query_key(qs.order_by()), str(cap)), count)
    return int(n), bool(exact)


class CappedPaginator(Paginator):
    """A paginator whose count stops at ``CAP``; ``published=True`` caches it per publish (see above)."""

    capped = False

    def __init__(self, object_list: Any, per_page: int, *, published: bool = False) -> None:
        super().__init__(object_list, per_page)
        self.published = published

    @cached_property
    def count(self) -> int:
        n, exact = capped_count(self.object_list, published=self.published)
        self.capped = not exact
        return n
