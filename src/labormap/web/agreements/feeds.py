"""Atom feed of new sectoral and regional agreements (public), newest first by first publication."""

from __future__ import annotations

import datetime as dt

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language

from labormap import i18n
from labormap.web.agreements.models import Agreement

ITEMS = 50


class NewAgreementsFeed(Feed):
    feed_type = Atom1Feed

    def title(self) -> str:
        return i18n.gettext("New sectoral and regional agreements", _lang())

    def subtitle(self) -> str:
        return i18n.gettext("Labour Risk Map: public catalogue of agreements", _lang())

    def link(self) -> str:
        return reverse("agreements:public")

    def items(self) -> list[Agreement]:
        return list(
            Agreement.objects.filter(level__in=("sectoral", "regional")).order_by(
                "-published_at", "agreement_id"
            )[:ITEMS]
        )

    def item_title(self, item: Agreement) -> str:
        return item.title or item.agreement_id

    def item_description(self, item: Agreement) -> str:
        lang = _lang()
        parts = [
            i18n.label("agreement_level", item.level, lang),
            f"{item.valid_from.isoformat()} — {item.valid_to.isoformat()}",
        ]
        if item.min_tariff_kzt is not None:
            parts.append(f"{i18n.gettext('Minimum tariff rate, KZT', lang)}: {item.min_tariff_kzt:.0f}")
        if item.inter_grade_coefficient is not None:
            parts.append(f"{i18n.gettext('Inter-grade coefficient', lang)}: {item.inter_grade_coefficient:g}")
        if item.hazard_bonus_pct is not None:
            parts.append(f"{i18n.gettext('Hazard bonus, %', lang)}: {item.hazard_bonus_pct:g}")
        return "; ".join(parts)

    def item_link(self, item: Agreement) -> str:
        return reverse("agreements:public") + f"?on={item.valid_from.isoformat()}#a-{item.agreement_id}"

    def item_guid(self, item: Agreement) -> str:
        return f"labormap-agreement-{item.agreement_id}"

    def item_pubdate(self, item: Agreement) -> dt.datetime:
        return item.published_at

    def item_updateddate(self, item: Agreement) -> dt.datetime:
        return item.published_at


def _lang() -> str:
    return i18n.normalise(get_language())
