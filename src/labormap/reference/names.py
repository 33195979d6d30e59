"""Reference entries whose names a person reads: the names live in the gettext catalogues, not here.

A reference table (regions, ОКЭД sections, conflict kinds, bodies, measure kinds, …) keeps the facts
of an entry — coordinates, CAMEO code, severity, escalation order — and its *code*. The name in Russian,
Kazakh or English is ``labormap.i18n.label(<domain>, code, lang)``: one mechanism for every label in
engine and web (catalogues in ``<package>/locale``). :class:`Labelled` gives an entry ``name(lang)``
delegating to that, plus ``name_ru``/``name_kk``/``name_en`` for code that reads one language (the
simulator writes Russian texts; the media linker matches Russian place names).
"""

from __future__ import annotations

from typing import ClassVar

from labormap import i18n

LANGUAGES = i18n.LANGS  # Russian first, Kazakh second, English third


class Labelled:
    """Mixin for a reference entry named through the catalogue under the context :attr:`DOMAIN`.

    Kept slot-free so frozen, slotted dataclasses can inherit it. ``label_code`` is the entry's code
    (``code`` by default; regions use their two-digit KATO prefix).
    """

    __slots__ = ()
    DOMAIN: ClassVar[str]

    @property
    def label_code(self) -> str:
        return str(getattr(self, "code"))  # noqa: B009 - each dataclass defines its own code field

    def name(self, lang: str | None = None) -> str:
        """The name in ``lang`` (Russian for an unknown language), from the catalogue."""
        return i18n.label(self.DOMAIN, self.label_code, lang)

    @property
    def name_ru(self) -> str:
        return self.name("ru")

    @property
    def name_kk(self) -> str:
        return self.name("kk")

    @property
    def name_en(self) -> str:
        return self.name("en")
