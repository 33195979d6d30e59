"""Template helpers: region and sector names in the current language, levels, reasons, numbers."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import template
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

    return json.dumps(levels.as_data(lang()), ensure_ascii=False)


@register.filter
def region_name(kato: str) -> str:
    r = REGIONS.get(str(kato or "")[:2])
    return r.name(lang()) if r else "—"


@register.filter
def sector_name(code: str) -> str:
    s = OKED_SECTIONS.get(str(code or ""))
    return f"{s.code} — {s.name(lang())}" if s else "—"


@register.filter
def reason_text(reason: dict[str, Any]) -> str:
    """A reason in the current language (falls back to Russian, then to the code)."""
    if not isinstance(reason, dict):
        return ""
    return str(reason.get(f"text_{lang()}") or reason.get("text_ru") or reason.get("code") or "")


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
    if value is None:
        return "—"
    s = f"{value * 100:.{digits}f}"
    return (s.replace(".", ",") if lang() in ("ru", "kk") else s) + " %"


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
