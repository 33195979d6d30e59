"""Named entities with natasha (slovnet NER over navec embeddings, both shipped inside the packages).

Loaded lazily once per process: about 0.7 s, no downloads. Only candidates that passed the triage
reach it. The models are trained on Russian news, so Kazakh publications rely on quotes, legal forms
and the name index instead.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

_LOCK = threading.Lock()


@dataclass(frozen=True, slots=True)
class Entity:
    type: str  # ORG, LOC, PER
    start: int
    end: int
    text: str


# Names of employers come early in a publication; longer texts are cut here to bound the cost
# (the tagger pads every text of a batch to the longest one).
MAX_CHARS = 1500


@lru_cache(maxsize=1)
def _tagger() -> Any:
    with _LOCK:
        from natasha import NewsEmbedding, NewsNERTagger

        return NewsNERTagger(NewsEmbedding())


def entities_batch(texts: list[str]) -> list[list[Entity]]:
    """ORG, LOC and PER spans of several Russian texts (tagged in batches of 8)."""
    if not texts:
        return []
    tagger = _tagger()
    cut = [t[:MAX_CHARS] for t in texts]
    out: list[list[Entity]] = []
    for text, markup in zip(cut, tagger.map(cut), strict=True):
        out.append([Entity(s.type, s.start, s.stop, text[s.start : s.stop]) for s in markup.spans])
    return out


def entities(text: str) -> list[Entity]:
    """ORG, LOC and PER spans of one Russian text."""
    return entities_batch([text])[0]
