"""The media pipeline: publications in, one :class:`Result` per publication out.

normalise → language → near-duplicate stories (whole batch) → triage → for candidates: tokens and
lemmas, lexicon concepts, places, named entities (Russian), employer linking, classification,
participants and money.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from labormap.media.classify import Context, Decision, classify, raise_severity
from labormap.media.dedupe import DedupeParams, cluster
from labormap.media.extract import amount_in_dispute, participants
from labormap.media.gazetteer import Gazetteer
from labormap.media.lang import detect
from labormap.media.lexicon import DocIndex, Lexicon, default_lexicon, tokenize
from labormap.media.linking import EmployerIndex, Link
from labormap.media.places import FOREIGN, KZ_MARKERS, TOWNS, region_names
from labormap.media.text import normalise, sentences
from labormap.media.triage import Triage


@dataclass(slots=True)
class Result:
    id: str
    lang: str
    labour: bool
    kind: str
    causes: list[str]
    employer_bins: list[str]
    link_confidence: float | None
    participants: int | None
    amount_kzt: float | None
    story_id: str
    severity: int = 0
    candidate: bool = False
    links: list[Link] = field(default_factory=list)
    reason: str = ""

    def output(self) -> dict[str, Any]:
        """The line ``labormap media classify`` writes."""
        d = asdict(self)
        d.pop("links")
        d.pop("candidate")
        d.pop("reason")
        return d


@dataclass(slots=True)
class _Pending:
    """What a publication waiting for named entities needs for linking again."""

    text: str
    tokens: list[tuple[str, str, int, int]]
    regions: set[str]


def parse_time(value: object) -> datetime | None:
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    if not value:
        return None
    s = str(value).strip().replace("Z", "+00:00")
    try:
        return datetime.fromisoformat(s).replace(tzinfo=None)
    except ValueError:
        return None


class Analyzer:
    """Holds the lexicons, triage, employer index and place lists; reuse one for many batches."""

    def __init__(
        self,
        employers: EmployerIndex | None = None,
        lexicon: Lexicon | None = None,
        *,
        use_ner: bool = True,
        dedupe: DedupeParams | None = None,
    ) -> None:
        self.lexicon = lexicon or default_lexicon()
        self.triage = Triage(self.lexicon)
        self.employers = employers or EmployerIndex([])
        self.use_ner = use_ner
        self.dedupe = dedupe or DedupeParams()
        kz: list[tuple[str, str]] = [(n, k) for k, names in TOWNS.items() for n in names]
        kz += [(n, k) for k, names in region_names().items() for n in names]
        kz += [(m, "KZ") for m in KZ_MARKERS]
        self._kz = Gazetteer(kz)
        self._regions = Gazetteer([(n, k) for n, k in kz if k != "KZ"])
        self._foreign = Gazetteer([(n, "XX") for n in FOREIGN])

    # --- one publication -------------------------------------------------------------------------
    def analyse_text(
        self, item_id: str, text: str, title_len: int, lang: str, year: int | None, story_id: str
    ) -> Result:
        """One publication, named entities included (for batches, :meth:`analyse` tags them together)."""
        r, pending = self._analyse(item_id, text, title_len, lang, year, story_id)
        if pending is not None:
            self._ner_link([(r, pending)])
        return r

    def _analyse(
        self, item_id: str, text: str, title_len: int, lang: str, year: int | None, story_id: str
    ) -> tuple[Result, _Pending | None]:
        if not self.triage.is_candidate(text):
            return Result(
                item_id, lang, False, "not_labour", [], [], None, None, None, story_id, reason="triage"
            ), None
        tokens = tokenize(text, lang)
        index = DocIndex(tokens, self.lexicon)
        found = index.find(self.lexicon)
        spans = sentences(text)
        sentence_of = _sentence_of(tokens, spans)
        title_sentences = sum(1 for a, _b in spans if a < title_len)
        folded = [t.folded for t in tokens]
        regions = {k for k, _ in self._regions.find(folded)}
        kz_hits = len(self._kz.find(folded))
        foreign_hits = len(self._foreign.find(folded))
        link_tokens = [(t.text, t.folded, t.start, t.end) for t in tokens]
        links: list[Link] = []
        if len(self.employers):
            links = [lk for lk in self.employers.link(text, link_tokens, (), regions) if lk.confidence >= 0.5]
        ctx = Context(text, tokens, sentence_of, title_sentences, kz_hits, foreign_hits, bool(links), year)
        decision: Decision = classify(found, ctx)
        n_part = participants(text) if decision.labour else None
        amount = amount_in_dispute(text, spans) if decision.labour else None
        raise_severity(decision, n_part, amount)
        r = Result(
            item_id,
            lang,
            decision.labour,
            decision.kind,
            decision.causes if decision.labour else [],
            [lk.bin for lk in links],
            max((lk.confidence for lk in links), default=None),
            n_part,
            amount,
            story_id,
            decision.severity,
            True,
            links,
            decision.reason,
        )
        # Named entities help only where the name index found nothing: Russian labour signals without a link.
        if self.use_ner and decision.labour and not links and lang == "ru" and len(self.employers):
            return r, _Pending(text, link_tokens, regions)
        return r, None

    def _ner_link(self, pending: list[tuple[Result, _Pending]]) -> None:
        from labormap.media.entities import entities_batch

        tagged = entities_batch([p.text for _r, p in pending])
        for (r, p), ents in zip(pending, tagged, strict=True):
            orgs = [(e.start, e.end) for e in ents if e.type == "ORG"]
            if not orgs:
                continue
            links = [
                lk for lk in self.employers.link(p.text, p.tokens, orgs, p.regions) if lk.confidence >= 0.5
            ]
            if links:
                r.links = links
                r.employer_bins = [lk.bin for lk in links]
                r.link_confidence = max(lk.confidence for lk in links)

    # --- a batch ---------------------------------------------------------------------------------
    def analyse(self, items: Sequence[Mapping[str, Any]]) -> list[Result]:
        """Results for publications ``{"id", "published_at", "source", "title", "text"}``, in order."""
        texts: list[str] = []
        title_lens: list[int] = []
        times: list[datetime | None] = []
        for it in items:
            title = normalise(str(it.get("title") or ""))
            body = normalise(str(it.get("text") or ""))
            text = f"{title}\n{body}" if title else body
            texts.append(text)
            title_lens.append(len(title) + 1 if title else 0)
            times.append(parse_time(it.get("published_at")))
        ids = [str(it.get("id")) for it in items]
        stories = cluster(ids, texts, times, self.dedupe)
        out: list[Result] = []
        pending: list[tuple[Result, _Pending]] = []
        for i in range(len(items)):
            t = times[i]
            r, p = self._analyse(
                ids[i], texts[i], title_lens[i], detect(texts[i]), t.year if t else None, stories[i]
            )
            out.append(r)
            if p is not None:
                pending.append((r, p))
        if pending:
            self._ner_link(pending)
        return out

    def analyse_stream(self, items: Iterable[Mapping[str, Any]], batch: int = 5000) -> Iterable[Result]:
        """Results for a long stream, in batches (stories are found within a batch)."""
        buf: list[Mapping[str, Any]] = []
        for it in items:
            buf.append(it)
            if len(buf) >= batch:
                yield from self.analyse(buf)
                buf = []
        if buf:
            yield from self.analyse(buf)


def _sentence_of(tokens: Sequence[Any], spans: Sequence[tuple[int, int]]) -> list[int]:
    out: list[int] = []
    s = 0
    for t in tokens:
        while s + 1 < len(spans) and t.start >= spans[s][1]:
            s += 1
        out.append(s)
    return out
