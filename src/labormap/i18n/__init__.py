"""The one translation mechanism of LaborMap: gettext catalogues, for the engine and the web app alike.

Every text a person reads — a sentence in a report, a reason on a card, the label of a code such as a
risk level, a finding kind or a case status — comes from a gettext catalogue (``.po`` compiled to
``.mo``). Source strings (msgids) are English; catalogues exist for ``ru`` (the default), ``kk`` and
``en``. A *code* a person can see is translated with its domain as the gettext context:
``label("level", "high", "kk")`` is ``pgettext("level", "high")`` in Kazakh. So a code and its three
labels live in one place, and the English catalogue turns ``high`` into "High".

Catalogues: the engine's own is ``labormap/locale``; an engine package may keep its own
``labormap/<package>/locale`` (found automatically, so packages edited in parallel do not share a
file). Catalogue files are named ``django.po`` because the web app reads the very same files through
``LOCALE_PATHS`` — that is what makes this one mechanism and not two. ``labormap i18n compile`` (run by
``make install``) compiles them; a test fails when a ``.mo`` is older than its ``.po``.

Missing labels: in strict mode (``LABORMAP_I18N_STRICT=1``, set by the test suite) an untranslated
code raises :class:`MissingLabel`, so a raw code cannot reach a page unnoticed; otherwise the code is
returned as it is.
"""

from __future__ import annotations

import gettext as _gettext
import os
from collections.abc import Iterable
from functools import cache
from pathlib import Path

LANGS: tuple[str, ...] = ("ru", "kk", "en")  # Russian first, Kazakh second, English third
DEFAULT_LANG = "ru"
DOMAIN = "django"  # shared with Django, which only reads catalogues of this domain
PACKAGE_DIR = Path(__file__).resolve().parent.parent  # src/labormap


class MissingLabel(KeyError):
    """A code with no label in a language (raised in strict mode only)."""


def normalise(lang: str | None) -> str:
    """``lang`` as one of :data:`LANGS` (``kk-KZ`` → ``kk``); Russian for anything unknown."""
    if not lang:
        return DEFAULT_LANG
    short = lang.replace("_", "-").split("-")[0].lower()
    return short if short in LANGS else DEFAULT_LANG


def catalogue_dirs() -> list[Path]:
    """Every engine ``locale`` folder: ``labormap/locale`` first, then packages' own, by name.

    The web app's catalogues are Django's business (app folders and ``LOCALE_PATHS``); the engine never
    reads them, so it stays framework-free.
    """
    dirs = [PACKAGE_DIR / "locale"]
    for child in sorted(PACKAGE_DIR.iterdir()):
        if child.is_dir() and child.name not in {"web", "locale"} and (child / "locale").is_dir():
            dirs.append(child / "locale")
    return [d for d in dirs if d.is_dir()]


@cache
def translations(lang: str) -> _gettext.NullTranslations:
    """Every catalogue of ``lang`` merged into one (cached; :func:`reset` after compiling).

    Merged rather than chained with ``add_fallback``: a chain walks every catalogue for a message the
    first ones lack, and scoring looks up reason sentences hundreds of thousands of times. The first
    catalogue that has a message wins, as in a chain (``labormap/locale`` first, then packages by name).
    """
    lang = normalise(lang)
    merged: _gettext.GNUTranslations | None = None
    for d in catalogue_dirs():
        try:
            t = _gettext.translation(DOMAIN, localedir=str(d), languages=[lang])
        except FileNotFoundError:
            continue
        cat = getattr(t, "_catalog", None)
        if not isinstance(t, _gettext.GNUTranslations) or not isinstance(cat, dict):
            continue
        if merged is None:
            merged = t
            merged._catalog = dict(cat)  # type: ignore[attr-defined]
        else:
            for key, value in cat.items():
                merged._catalog.setdefault(key, value)  # type: ignore[attr-defined]
    return merged if merged is not None else _gettext.NullTranslations()


def reset() -> None:
    translations.cache_clear()
    _all_catalog_keys.cache_clear()


def _strict() -> bool:
    return os.environ.get("LABORMAP_I18N_STRICT", "") == "1"


def gettext(message: str, lang: str | None = None) -> str:
    """``message`` (an English msgid) in ``lang``."""
    return translations(normalise(lang)).gettext(message)


def ngettext(singular: str, plural: str, n: int, lang: str | None = None) -> str:
    """The plural form for ``n`` in ``lang`` (Russian has three; the catalogue's Plural-Forms decide)."""
    return translations(normalise(lang)).ngettext(singular, plural, n)


def pgettext(context: str, message: str, lang: str | None = None) -> str:
    return translations(normalise(lang)).pgettext(context, message)


def npgettext(context: str, singular: str, plural: str, n: int, lang: str | None = None) -> str:
    """A plural form with a context: the same English words may need another case in Russian
    ("{n} workers" as a subject and after "перед")."""
    return translations(normalise(lang)).npgettext(context, singular, plural, n)


def has_label(domain: str, code: str, lang: str) -> bool:
    """Whether some catalogue of ``lang`` has an entry for ``code`` in ``domain``.

    Looked up by key rather than by comparing the translation with the code, because a label may
    equal its code (an abbreviation such as "ОПВ" in the Russian catalogue).
    """
    return f"{domain}\x04{code}" in _all_catalog_keys(normalise(lang))


@cache
def _all_catalog_keys(lang: str) -> frozenset[str]:
    keys: set[str] = set()
    t: _gettext.NullTranslations | None = translations(lang)
    while t is not None:
        cat = getattr(t, "_catalog", None)
        if isinstance(cat, dict):
            keys.update(k for k in cat if isinstance(k, str))
        t = getattr(t, "_fallback", None)
    return frozenset(keys)


def label(domain: str, code: str | None, lang: str | None = None) -> str:
    """The label of ``code`` in ``domain`` (``level``, ``finding_kind``, ``case_status``, …) in ``lang``.

    ``None`` and ``""`` give ``""``. An unknown code gives the code itself, or raises in strict mode.
    """
    if code is None or code == "":
        return ""
    code = str(code)
    lang = normalise(lang)
    if not has_label(domain, code, lang):
        if _strict():
            raise MissingLabel(f"no {lang} label for {domain}:{code} — add it to a catalogue")
        return code
    return translations(lang).pgettext(domain, code)


def labels(domain: str, code: str) -> dict[str, str]:
    """``{"ru": …, "kk": …, "en": …}`` for one code."""
    return {lang: label(domain, code, lang) for lang in LANGS}


def missing(domain: str, codes: Iterable[str]) -> list[tuple[str, str]]:
    """``(lang, code)`` pairs without a label — what a completeness test asserts is empty."""
    return [(lang, c) for c in codes for lang in LANGS if not has_label(domain, c, lang)]


def N_(message: str) -> str:
    """Marks ``message`` for extraction without translating it now (translated where it is shown)."""
    return message
