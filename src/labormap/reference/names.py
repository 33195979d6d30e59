"""Entries named in the three languages of the interface."""

from __future__ import annotations

LANGUAGES = ("ru", "kk", "en")  # Russian first, Kazakh second, English third


class Trilingual:
    """Mixin for a reference entry with ``name_ru``, ``name_kk`` and ``name_en``.

    Kept slot-free so frozen, slotted dataclasses can inherit it.
    """

    __slots__ = ()
    name_ru: str
    name_kk: str
    name_en: str

    def name(self, lang: str) -> str:
        """The name in ``lang``; Russian for an unknown language."""
        return {"ru": self.name_ru, "kk": self.name_kk, "en": self.name_en}.get(lang, self.name_ru)
