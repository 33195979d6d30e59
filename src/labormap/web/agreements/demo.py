"""Demo: what a union account sees on the agreements page — the violators among its employers."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Sum

from labormap.web.agreements.views import scoped_findings


def union_view(limit: int = 5) -> list[str]:
    users = get_user_model().objects.filter(profile__role="union").order_by("username")
    lines: list[str] = []
    for u in users[:1]:
        qs = scoped_findings(u)
        half = qs.order_by("-half").values_list("half", flat=True).first()
        if half is None:
            lines.append(f"{u.username}: no pay findings in scope")
            continue
        qs = qs.filter(half=half)
        employers = qs.values("employer_id").distinct().count()
        total = qs.aggregate(s=Sum("shortfall_kzt_month"))["s"] or 0
        lines.append(
            f"{u.username} sees {employers} employers paying below agreements in {half} "
            f"(monthly shortfall {total:,.0f} KZT) at /agreements/"
        )
        for f in qs.order_by("-shortfall_kzt_month")[:limit]:
            lines.append(f"  {f.employer_id} {f.employer.name[:40]}: {f.kind}, {f.workers} workers")
    return lines
