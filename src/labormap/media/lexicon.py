"""Lexicons of labour-conflict signals and the matcher that finds them in a publication.

A lexicon (``lexicons/ru.yaml``, ``lexicons/kk.yaml``) maps a *concept* (``strike``, ``arrears``,
``worker``…) to patterns. A pattern is a sequence of slots that must occur in order with small gaps;
a slot is a choice of keys:

- ``L:<lemma>`` — a Russian word by its pymorphy3 lemma,
- ``P:<stem>`` — any word whose folded form (or lemma) starts with the stem (Kazakh stems, Russian ``stem*``),
- ``W:<word>`` — exactly this folded word,
- ``X:<ending>`` — any word ending so (Kazakh negative conditionals).

A :class:`DocIndex` lists, for one publication, the positions of every key the lexicon uses, so
matching a pattern is a few dictionary look-ups.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from labormap.media.morph import LEMMATISER
from labormap.media.text import TOKEN_RE, fold

DEFAULT_GAP = 2
PREFIX_MIN = 3


@dataclass(frozen=True, slots=True)
class Pattern:
    slots: tuple[tuple[str, ...], ...]
    gaps: tuple[int, ...]  # gaps[i]: words allowed between slot i and slot i+1
    source: str


@dataclass(frozen=True, slots=True)
class Token:
    start: int  # character offsets in the normalised text
    end: int
    text: str  # as written
    folded: str
    lemma: str


def _compile_element(el: str, lang: str) -> str:
    if el.startswith("*"):
        return "X:" + fold(el[1:])
    if el.startswith("="):
        return "W:" + fold(el[1:])
    if lang == "kk":
        w = fold(el)
        return ("W:" if len(w) < PREFIX_MIN else "P:") + w
    if el.endswith("*"):
        return "P:" + fold(el[:-1])
    return "L:" + LEMMATISER.lemma(el.lower().replace("ё", "е"))


def compile_pattern(source: str, lang: str) -> Pattern:
    slots: list[tuple[str, ...]] = []
    gaps: list[int] = []
    pending_gap = DEFAULT_GAP
    for part in source.split():
        m = re.fullmatch(r"~(\d+)", part)
        if m:
            pending_gap = int(m.group(1))
            continue
        if slots:
            gaps.append(pending_gap)
        pending_gap = DEFAULT_GAP
        slots.append(tuple(dict.fromkeys(_compile_element(e, lang) for e in part.split("|") if e)))
    if not slots:
        raise ValueError(f"empty lexicon pattern: {source!r}")
    return Pattern(tuple(slots), tuple(gaps), source)


class Lexicon:
    """Concepts → patterns, compiled from the Russian and Kazakh YAML lexicons."""

    def __init__(self, sources: dict[str, dict[str, list[str]]]) -> None:
        self.patterns: dict[str, list[Pattern]] = {}
        for lang, concepts in sources.items():
            for concept, lines in concepts.items():
                for line in lines or ():
                    self.patterns.setdefault(concept, []).append(compile_pattern(str(line), lang))
        keys = {k for pats in self.patterns.values() for p in pats for slot in p.slots for k in slot}
        self.prefixes = frozenset(k[2:] for k in keys if k.startswith("P:"))
        self.suffixes = frozenset(k[2:] for k in keys if k.startswith("X:"))
        self.prefix_lengths = tuple(sorted({len(p) for p in self.prefixes}))
        self.suffix_lengths = tuple(sorted({len(s) for s in self.suffixes}))

    @classmethod
    def load(cls, paths: Iterable[tuple[str, Any]] | None = None) -> Lexicon:
        """The packaged lexicons, or ``(lang, path)`` pairs of your own."""
        sources: dict[str, dict[str, list[str]]] = {}
        if paths is None:
            pkg = resources.files("labormap.media") / "lexicons"
            for lang in ("ru", "kk"):
                sources[lang] = yaml.safe_load((pkg / f"{lang}.yaml").read_text(encoding="utf-8"))
        else:
            for lang, path in paths:
                with open(path, encoding="utf-8") as f:
                    sources[lang] = yaml.safe_load(f)
        return cls(sources)

    def concepts(self) -> list[str]:
        return sorted(self.patterns)


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    return Lexicon.load()


def tokenize(text: str, lang: str) -> list[Token]:
    """Tokens with offsets; Russian (and unknown-language) words get pymorphy3 lemmas, Kazakh ones not."""
    out: list[Token] = []
    lemmatise = lang != "kk"
    for m in TOKEN_RE.finditer(text):
        w = m.group(0)
        low = w.lower().replace("ё", "е")
        f = fold(w)
        lemma = LEMMATISER.lemma(low) if lemmatise and not low[0].isdigit() else f
        out.append(Token(m.start(), m.end(), w, f, lemma))
    return out


class DocIndex:
    """Positions of every lexicon key in one publication."""

    def __init__(self, tokens: Sequence[Token], lexicon: Lexicon) -> None:
        self.tokens = tokens
        idx: dict[str, list[int]] = {}
        pre, suf = lexicon.prefixes, lexicon.suffixes
        plens, slens = lexicon.prefix_lengths, lexicon.suffix_lengths
        for i, t in enumerate(tokens):
            keys = {"L:" + t.lemma, "W:" + t.folded}
            for word in {t.folded, t.lemma}:
                n = len(word)
                for k in plens:
                    if k > n:
                        break
                    if word[:k] in pre:
                        keys.add("P:" + word[:k])
            for k in slens:
                if k < len(t.folded) and t.folded[-k:] in suf:
                    keys.add("X:" + t.folded[-k:])
            for key in keys:
                idx.setdefault(key, []).append(i)
        self._idx = idx

    def positions(self, slot: tuple[str, ...]) -> set[int]:
        if len(slot) == 1:
            return set(self._idx.get(slot[0], ()))
        out: set[int] = set()
        for k in slot:
            out.update(self._idx.get(k, ()))
        return out

    def match(self, pattern: Pattern) -> list[tuple[int, int]]:
        """Token spans ``(first, last)`` where the pattern occurs (the first chain from each start)."""
        idx = self._idx
        first: list[int] = []
        for k in pattern.slots[0]:
            got = idx.get(k)
            if got:
                first += got
        if not first:
            return []
        if len(pattern.slots) == 1:
            return [(p, p) for p in sorted(set(first))]
        rest = [self.positions(s) for s in pattern.slots[1:]]
        if any(not r for r in rest):
            return []
        spans: list[tuple[int, int]] = []
        for p in sorted(set(first)):
            end = self._chain(p, rest, pattern.gaps)
            if end is not None:
                spans.append((p, end))
        return spans

    @staticmethod
    def _chain(p: int, rest: list[set[int]], gaps: tuple[int, ...]) -> int | None:
        if not rest:
            return p
        for q in range(p + 1, p + gaps[0] + 2):
            if q in rest[0]:
                end = DocIndex._chain(q, rest[1:], gaps[1:])
                if end is not None:
                    return end
        return None

    def find(
        self, lexicon: Lexicon, concepts: Iterable[str] | None = None
    ) -> dict[str, list[tuple[int, int]]]:
        """Spans of every concept (or of the ``concepts`` given) found in the publication."""
        found: dict[str, list[tuple[int, int]]] = {}
        for c in concepts if concepts is not None else lexicon.patterns:
            spans: list[tuple[int, int]] = []
            for p in lexicon.patterns.get(c, ()):
                spans += self.match(p)
            if spans:
                found[c] = sorted(set(spans))
        return found
