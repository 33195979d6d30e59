"""Russian lemmatisation with pymorphy3, loaded once and cached per word.

natasha pulls in the unmaintained pymorphy2 for its own use; our lexicons and matching use pymorphy3
only. Words repeat a lot across news, so a plain dict cache makes lemmatisation nearly free after
the first few hundred publications.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from typing import Any

_LOCK = threading.Lock()
_CACHE_LIMIT = 500_000


@lru_cache(maxsize=1)
def analyzer() -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


class Lemmatiser:
    """``lemma(word)`` for lower-case words (ё already replaced by е)."""

    def __init__(self) -> None:
        self._cache: dict[str, str] = {}
        self._known: dict[str, bool] = {}
        self._future: dict[str, bool] = {}

    def lemma(self, word: str) -> str:
        got = self._cache.get(word)
        if got is None:
            got = analyzer().parse(word)[0].normal_form.replace("ё", "е")
            if len(self._cache) >= _CACHE_LIMIT:
                with _LOCK:
                    self._cache.clear()
            self._cache[word] = got
        return got

    def is_dictionary_word(self, word: str) -> bool:
        """True when pymorphy3 knows the word (company names like «Казахмыс» are not known)."""
        got = self._known.get(word)
        if got is None:
            got = bool(analyzer().word_is_known(word))
            self._known[word] = got
        return got

    def is_future(self, word: str) -> bool:
        """True for a Russian verb form in the future tense («остановим», «объявят»)."""
        got = self._future.get(word)
        if got is None:
            tag = analyzer().parse(word.replace("ё", "е"))[0].tag
            got = bool("VERB" in tag and "futr" in tag)
            self._future[word] = got
        return got

    def forms(self, lemma: str) -> set[str]:
        """Every inflected form of ``lemma`` (for triage, which looks words up without lemmatising)."""
        out = {lemma}
        for p in analyzer().parse(lemma):
            if p.normal_form.replace("ё", "е") == lemma:
                out.update(f.word.replace("ё", "е") for f in p.lexeme)
        return out


LEMMATISER = Lemmatiser()
