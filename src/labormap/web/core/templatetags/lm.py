"""Template helpers: region and sector names in the current language, levels, reasons, numbers."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from labormap.reference import OKED_SECTIONS, REGIONS

register = template.Library()


def lang() -> str:
    return (get_language() or "ru")[:2]


@register.filter
def label(code: Any, domain: str) -> str:
    """The label of a code in the reader's language: ``{{ e.level|label:"level" }}``.

    Every code shown on a page goes through this filter (labormap.i18n), never printed raw.
    """
    from labormap import i18n

    return i18n.label(domain, None if code is None else str(code), lang())


@register.simple_tag
def levels_json() -> str:
    """The risk levels (codes, colours, labels) as JSON for the page's scripts (labormap.levels)."""
    import json

    from labormap import levels

    # for a <script type="application/json"> block: not HTML-escaped, but "<", ">" and "&" as \\u escapes
    # so the JSON can never close the script element
    text = json.dumps(levels.as_data(lang()), ensure_ascii=False)
    return mark_safe(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))  # noqa: S308


@register.filter
def region_name(kato: str) -> str:
    code = str(kato or "")[:2]
    return REGIONS[code].name(lang()) if code in REGIONS else "—"


@register.filter
def sector_name(code: str) -> str:
    code = str(code or "")
    return f"{code} — {OKED_SECTIONS[code].name(lang())}" if code in OKED_SECTIONS else "—"


@register.filter
def reason_text(reason: dict[str, Any]) -> str:
    """A reason's sentence in the current language, as scoring rendered it from the catalogue
    (labormap.risk.reasons); without a sentence, the reason's label — never its code."""
    from labormap import i18n

    if not isinstance(reason, dict):
        return ""
    text = reason.get(f"text_{lang()}") or (reason.get("text_ru") if lang() == "ru" else None)
    return str(text or i18n.label("reason", reason.get("code"), lang()))


@register.filter
def employer_name(employer: Any) -> str:
    return str(employer.display_name(lang()))


@register.simple_tag
def query(params: dict[str, str], **override: Any) -> str:
    d = {k: v for k, v in params.items() if v}
    for k, v in override.items():
        if v in (None, ""):
            d.pop(k, None)
        else:
            d[k] = str(v)
    return urlencode(d)


@register.filter
def pct(value: float | None, digits: int = 1) -> str:
    """A share (0..1) as a percentage in the reader's convention (labormap.fmt)."""
    from labormap import fmt

    return fmt.percent(value, lang(), digits)


@register.filter
def num(value: float | None, digits: int = 0) -> str:
    """A number in the reader's convention: ``1 234,5`` / ``1,234.5`` (labormap.fmt)."""
    from labormap import fmt

    return fmt.number(value, lang(), digits)


@register.filter
def money(value: float | None) -> str:
    from labormap import fmt

    return fmt.money(value, lang())


@register.filter
def fdate(value: Any) -> str:
    """A date in the reader's convention (``25.11.2026`` / ``25 Nov 2026``); inputs keep ISO values."""
    from labormap import fmt

    return fmt.date(value, lang()) if value else fmt.DASH


@register.filter
def get_item(mapping: Any, key: str) -> Any:
    return mapping.get(key) if isinstance(mapping, dict) else None


SAFE_URL_SCHEMES = ("http", "https")


@register.filter
def safe_url(url: Any) -> str:
    """``url`` when it is an absolute http(s) address, else "" — so ``javascript:``, ``data:`` and other
    schemes from registry text are never rendered as links: ``{% with u=m.url|safe_url %}``."""
    from urllib.parse import urlsplit

    text = str(url or "").strip()
    if not text or any(ord(ch) < 32 for ch in text):
        return ""
    try:
        parts = urlsplit(text)
    except ValueError:
        return ""
    return text if parts.scheme.lower() in SAFE_URL_SCHEMES and parts.netloc else ""


@register.filter
def audit_action(action: str) -> str:
    """An audit action in words (accounts.audit_text, from the catalogue)."""
    from labormap.web.accounts.audit_text import action_label

    return action_label(str(action or ""), lang())


@register.filter
def audit_details(details: Any) -> list[tuple[str, str]]:
    """An audit event's details as ``(label, value)`` pairs, never a dict."""
    from labormap.web.accounts.audit_text import details_text

    return details_text(details, lang())


@register.filter
def region_names(codes: str) -> str:
    """A typed list of region codes (``"47, 23"``) as names in the reader's language."""
    parts = [c for c in str(codes or "").replace(";", ",").replace(" ", ",").split(",") if c]
    return ", ".join(region_name(c) for c in parts)


@register.filter
def sector_names(codes: str) -> str:
    parts = [c for c in str(codes or "").replace(";", ",").replace(" ", ",").split(",") if c]
    return ", ".join(sector_name(c) for c in parts)


@register.simple_tag
def levels_data() -> list[dict[str, object]]:
    """The risk levels for a template loop (legends, tiles): ``{% levels_data as lvs %}`` (labormap.levels)."""
    from labormap import levels

    return levels.as_data(lang())


@register.filter
def half_year(wave: str) -> str:
    """A half-year wave code (``2026-H2``) in the reader's language (labormap.fmt.half_year)."""
    from labormap import fmt

    return fmt.half_year(str(wave), lang())
