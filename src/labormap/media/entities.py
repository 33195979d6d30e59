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


@lru_cache(maxsize=1)
def _models() -> tuple[Any, Any]:
    with _LOCK:
        from natasha import NewsEmbedding, NewsNERTagger, Segmenter

        emb = NewsEmbedding()
        return Segmenter(), NewsNERTagger(emb)


def entities(text: str) -> list[Entity]:
    """ORG, LOC and PER spans of a Russian text."""
    from natasha import Doc

    segmenter, tagger = _models()
    doc = Doc(text)
    doc.segment(segmenter)
    doc.tag_ner(tagger)
    return [Entity(s.type, s.start, s.stop, s.text) for s in doc.spans]
