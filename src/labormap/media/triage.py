"""Fast triage: does a publication contain any word that can start a labour-signal pattern?

Built from the same lexicons as the full analysis: the first slot of every signal pattern, with
Russian lemmas expanded by pymorphy3 into all their forms, so triage needs no lemmatisation at all —
one set look-up per distinct word plus a few prefix look-ups for Kazakh stems. A publication the
triage rejects cannot match a signal pattern, so the full analysis would call it ``not_labour`` too.
"""

from __future__ import annotations

from labormap.media.lexicon import Lexicon
from labormap.media.morph import LEMMATISER
from labormap.media.text import TOKEN_RE, fold

SIGNAL_CONCEPTS = (
    "strike",
    "hunger_strike",
    "rally",
    "appeal",
    "arrears",
    "layoffs",
    "conditions",
    "dispute",
)


class Triage:
    def __init__(self, lexicon: Lexicon) -> None:
        words: set[str] = set()
        prefixes: set[str] = set()
        suffixes: set[str] = set()
        for concept in SIGNAL_CONCEPTS:
            for p in lexicon.patterns.get(concept, ()):
                for key in p.slots[0]:
                    kind, value = key[:2], key[2:]
                    if kind == "L:":
                        words |= {fold(f) for f in LEMMATISER.forms(value)}
                    elif kind == "W:":
                        words.add(value)
                    elif kind == "P:":
                        prefixes.add(value)
                    else:
                        suffixes.add(value)
        self.words = frozenset(words)
        self.prefixes = frozenset(prefixes)
        self.suffixes = frozenset(suffixes)
        self._plens = tuple(sorted({len(p) for p in prefixes}))
        self._slens = tuple(sorted({len(s) for s in suffixes}))

    def is_candidate(self, text: str) -> bool:
        """True when the text has a word that starts some labour-signal pattern."""
        words, prefixes, plens = self.words, self.prefixes, self._plens
        for w in set(TOKEN_RE.findall(fold(text))):
            if w in words:
                return True
            n = len(w)
            for k in plens:
                if k > n:
                    break
                if w[:k] in prefixes:
                    return True
            for k in self._slens:
                if k < n and w[-k:] in self.suffixes:
                    return True
        return False
