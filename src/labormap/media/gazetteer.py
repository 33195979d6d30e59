"""Matching lists of names (places, markers) against a publication's folded words.

An entry is one or more words; each word matches a token that starts with it (a stem), or only the
exact token when written with a leading ``=`` or when it has three letters or fewer. Hyphenated
tokens are also tried by their first part, so «АҚШ-та» matches «=акш».
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Generic, TypeVar

from labormap.media.text import fold

V = TypeVar("V")


class Gazetteer(Generic[V]):
    def __init__(self, entries: Iterable[tuple[str, V]]) -> None:
        # first word -> [(remaining words as (stem, exact) pairs, value)]
        self._exact: dict[str, list[tuple[tuple[tuple[str, bool], ...], V]]] = {}
        self._prefix: dict[str, list[tuple[tuple[tuple[str, bool], ...], V]]] = {}
        lengths: set[int] = set()
        for text, value in entries:
            parts: list[tuple[str, bool]] = []
            for w in text.split():
                exact = w.startswith("=")
                w = fold(w.lstrip("="))
                parts.append((w, exact or len(w) <= 3))
            (first, exact), rest = parts[0], tuple(parts[1:])
            if exact:
                self._exact.setdefault(first, []).append((rest, value))
            else:
                self._prefix.setdefault(first, []).append((rest, value))
                lengths.add(len(first))
        self._lengths = sorted(lengths)

    @staticmethod
    def _word_matches(token: str, stem: str, exact: bool) -> bool:
        return token == stem if exact else token.startswith(stem)

    def _starts(self, token: str) -> list[tuple[tuple[tuple[str, bool], ...], V]]:
        found: list[tuple[tuple[tuple[str, bool], ...], V]] = []
        for t in (token, token.split("-", 1)[0]) if "-" in token else (token,):
            found += self._exact.get(t, ())
            for n in self._lengths:
                if n > len(t):
                    break
                found += self._prefix.get(t[:n], ())
        return found

    def find(self, folded_tokens: Sequence[str]) -> list[tuple[V, int]]:
        """Every (value, token position) whose entry matches the tokens starting at that position."""
        hits: list[tuple[V, int]] = []
        n = len(folded_tokens)
        for i, tok in enumerate(folded_tokens):
            for rest, value in self._starts(tok):
                if i + len(rest) >= n:
                    continue
                if all(self._word_matches(folded_tokens[i + 1 + j], s, e) for j, (s, e) in enumerate(rest)):
                    hits.append((value, i))
        return hits
