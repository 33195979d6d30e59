"""Paging with a capped count: counting 400k matching rows on every page view costs more than the page.

Beyond ``CAP`` rows the list says "10 000+" (people refine the filter; exports still hold every row).
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.utils.functional import cached_property

CAP = 10_000


def capped_count(qs: Any, cap: int = CAP) -> tuple[int, bool]:
    """(count, exact): the number of rows, or ``cap`` and False when there are more."""
    n = int(qs.order_by()[: cap + 1].count())  # the order does not change the count; sorting would
    return (cap, False) if n > cap else (n, True)


class CappedPaginator(Paginator):
    capped = False

    @cached_property
    def count(self) -> int:
        n, exact = capped_count(self.object_list)
        self.capped = not exact
        return n
