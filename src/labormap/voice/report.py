"""The survey section of the semi-annual note: the half's wave by region, with the anonymity rule."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from labormap import i18n
from labormap.voice.index import MIN_RESPONDENTS, GroupIndex


def survey_section(blocks: list[Any], rows: Sequence[GroupIndex], wave: str, lang: str) -> None:
    """Append a heading, a note on the rule and a table: region, respondents, index (or "not enough
    answers" below MIN_RESPONDENTS), change from the previous wave."""
    from labormap.reports.model import Column, Heading, Paragraph, Table

    g = i18n.gettext
    blocks.append(Heading(g("Workers' social well-being", lang)))
    blocks.append(
        Paragraph(
            g("Survey wave {wave}; no figure for a region with fewer than {n} respondents.", lang).format(
                wave=wave, n=MIN_RESPONDENTS
            ),
            note=True,
        )
    )
    out = []
    for r in rows:
        shown = r.index is not None
        out.append(
            (
                i18n.label("region", r.key, lang) if r.key != "?" else "?",
                r.respondents,
                f"{r.index:.1f}" if shown else g("not enough answers", lang),
                f"{r.change:+.1f}" if r.change is not None else "",
            )
        )
    blocks.append(
        Table(
            g("Workers' social well-being", lang),
            "surveys",
            (
                Column(g("Region", lang), "text", 28),
                Column(g("Respondents", lang), "int", 12),
                Column(g("Index", lang), "text", 14),
                Column(g("Change", lang), "text", 10),
            ),
            out,
            empty_text=g("No survey answers in this wave.", lang),
        )
    )
