"""Signal classification: from the lexicon concepts found in a publication to kind, causes and severity.

The rules, in order (each one says *why* in its comment):

1. no signal concept, or no worker / workplace / linked employer → ``not_labour``;
2. hard negatives → ``not_labour``: sport, metaphors, protests of non-workers (residents, depositors,
   prisoners), events abroad, history pieces, ads and vacancies; tax debts never count as arrears;
3. an action (hunger strike, strike, rally, appeal) or issue mentioned only from the first report of its
   end onwards (returned to work, agreement signed, debt paid, court ruled…) is over: ``other_labour``;
4. a strike or hunger strike mentioned only in sentences with a threat or condition ("if…", "ready to",
   "warned") is a ``strike_threat``;
5. the most intense remaining action names the kind; without an action, the issue with most mentions
   (headline counts double) among arrears, layoffs and conditions; otherwise a labour dispute is
   ``other_labour``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from labormap.media.kinds import SEVERITY_BY_KIND
from labormap.media.lexicon import Token
from labormap.media.morph import LEMMATISER

Spans = dict[str, list[tuple[int, int]]]

SIGNALS = (
    "hunger_strike",
    "strike",
    "rally",
    "appeal",
    "arrears",
    "layoffs",
    "conditions",
    "dispute",
    "settlement",
)
ISSUE_KIND = {"arrears": "wage_arrears", "layoffs": "layoffs", "conditions": "conditions"}
CAUSE_OF = {
    "cause_wage_level": "wage_level",
    "arrears": "wage_arrears",
    "layoffs": "layoffs",
    "cause_transfer": "transfer_to_parent",
    "cause_pay_gap": "pay_gap",
    "conditions": "working_conditions",
    "cause_management": "management",
    "cause_social": "social_package",
}
_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
_NEGATIONS = frozenset(("не", "ни"))
_DEATH = re.compile(r"погиб|гибел|смерт|скончал|қаза\s+тап|көз\s+жұм", re.I)
_WAGE_WORDS = re.compile(r"зарплат|заработн|жалақ|жалак|оклад|расч[её]т", re.I)


@dataclass(slots=True)
class Decision:
    labour: bool
    kind: str
    causes: list[str] = field(default_factory=list)
    severity: int = 0
    reason: str = ""  # which rule decided (for debugging and the evaluation report)


@dataclass(slots=True)
class Context:
    """What the classifier knows about a publication besides its concepts."""

    text: str
    tokens: Sequence[Token]
    sentence_of: Sequence[int]  # sentence number of every token
    title_sentences: int  # sentences 0..title_sentences-1 belong to the headline
    kz_places: int
    foreign_places: int
    linked: bool
    year: int | None


def _count(found: Spans, concept: str) -> int:
    return len(found.get(concept, ()))


def _sentences_with(found: Spans, concept: str, ctx: Context) -> set[int]:
    return {ctx.sentence_of[a] for a, _b in found.get(concept, ())}


def _drop_negated(found: Spans, concept: str, ctx: Context) -> None:
    """Remove spans preceded by «не»: «не приступили к работе» is a strike, not a return to work."""
    # «не» inside the span counts too: «задолженность не погасят» (issue 18).
    spans = [
        (a, b)
        for a, b in found.get(concept, ())
        if not any(ctx.tokens[i].folded in _NEGATIONS for i in range(max(0, a - 1), b + 1))
    ]
    if spans:
        found[concept] = spans
    else:
        found.pop(concept, None)


_DEMAND_LEMMAS = frozenset(("требовать", "потребовать", "просить", "попросить", "добиваться", "требование"))


def _drop_demanded(found: Spans, concept: str, ctx: Context) -> None:
    """Remove spans right after a demand: «потребовали погасить долг» asks for an end, it does not report one
    (real reports, issue 18)."""
    spans = [
        (a, b)
        for a, b in found.get(concept, ())
        if not any(ctx.tokens[i].lemma in _DEMAND_LEMMAS for i in range(max(0, a - 2), a))
    ]
    if spans:
        found[concept] = spans
    else:
        found.pop(concept, None)


def _future_action_sentences(found: Spans, ctx: Context) -> set[int]:
    """Sentences where a strike word comes with a verb in the future tense («остановим работу», «объявят
    забастовку»): announced, not happening."""
    out: set[int] = set()
    for c in ("strike", "hunger_strike"):
        for a, b in found.get(c, ()):
            if any(LEMMATISER.is_future(ctx.tokens[i].text.lower()) for i in range(max(0, a - 2), b + 1)):
                out.add(ctx.sentence_of[a])
    return out


def _suppress(found: Spans, concept: str, by: str) -> None:
    """Remove ``concept`` spans inside or right after a ``by`` span («доплата за вредные условия труда»)."""
    blocks = found.get(by)
    if not blocks or concept not in found:
        return
    spans = [(a, b) for a, b in found[concept] if not any(pa - 1 <= a <= pb + 3 for pa, pb in blocks)]
    if spans:
        found[concept] = spans
    else:
        found.pop(concept)


def hard_negative(found: Spans, ctx: Context) -> str | None:
    """The reason a publication with signal words is still not a labour signal, or None."""
    worker, workplace = _count(found, "worker"), _count(found, "workplace")
    if not (worker or workplace or ctx.linked):
        return "no_workers"
    sport = _count(found, "sport")
    if sport >= 2 and sport >= worker:
        return "sport"
    if _count(found, "metaphor") and worker <= 1 and not ctx.linked:
        return "metaphor"
    if _count(found, "nonworker") and not worker:
        return "non_workers"
    if (
        ctx.foreign_places
        and (not ctx.linked or ctx.kz_places == 0)
        and (ctx.kz_places == 0 or ctx.foreign_places >= 2 * ctx.kz_places)
    ):
        # A linked employer does not keep a strike abroad at home when no Kazakh place is named
        # («курьеры Glovo в Барселоне»): real reports name foreign strikes of the same brands.
        return "abroad"
    if _count(found, "history") and ctx.year:
        years = [int(y) for y in _YEAR.findall(ctx.text)]
        recent = any(y >= ctx.year - 1 for y in years)
        old = any(y <= ctx.year - 3 for y in years)
        if old and not recent:
            return "history"
    if _count(found, "ad") >= 2:
        return "advertising"
    return None


def classify(found: Spans, ctx: Context) -> Decision:
    found = dict(found)
    _drop_negated(found, "resolution", ctx)
    _drop_negated(found, "settlement", ctx)
    _drop_demanded(found, "resolution", ctx)
    _drop_demanded(found, "settlement", ctx)
    _suppress(found, "conditions", "pay_for_conditions")
    # Tax debts use the words of arrears; without wage words they are about the budget, not workers.
    if "arrears" in found and _count(found, "tax") and not _WAGE_WORDS.search(ctx.text):
        found.pop("arrears")
    signals = [c for c in SIGNALS if c in found]
    if not signals:
        return Decision(False, "not_labour", reason="no_signal")
    neg = hard_negative(found, ctx)
    if neg:
        return Decision(False, "not_labour", reason=neg)

    # An action or issue is over when every mention of it comes at or after the first report of an end
    # («вернулись к работе… Забастовка продолжалась четыре дня»).
    ends = _sentences_with(found, "resolution", ctx) | _sentences_with(found, "settlement", ctx)
    first_end = min(ends) if ends else None

    def live(concept: str) -> set[int]:
        sents = _sentences_with(found, concept, ctx)
        return sents if first_end is None else {s for s in sents if s < first_end}

    threat = _sentences_with(found, "threat", ctx) | _future_action_sentences(found, ctx)
    actions: list[str] = []
    over = False
    for c in ("hunger_strike", "strike", "rally", "appeal"):
        if c not in found:
            continue
        sents = live(c)
        if not sents:
            over = True
        elif c in ("hunger_strike", "strike") and sents <= threat:
            actions.append("strike_threat")
        else:
            actions.append(c)
    kind: str | None = None
    for k in ("hunger_strike", "strike", "rally", "strike_threat", "appeal"):
        if k in actions:
            kind = k
            break
    if kind is None and not over:
        best = 0.0
        for c, k in ISSUE_KIND.items():
            sents = live(c)
            if not sents:
                continue
            score = sum(
                2.0 if ctx.sentence_of[a] < ctx.title_sentences else 1.0
                for a, _b in found[c]
                if ctx.sentence_of[a] in sents
            )
            if score > best:
                best, kind = score, k
    if kind is None:
        if over or "dispute" in found or "settlement" in found or ends or any(c in found for c in ISSUE_KIND):
            kind = "other_labour"
        else:
            return Decision(False, "not_labour", reason="no_live_signal")
    if kind == "other_labour" and _count(found, "macro") and not ctx.linked:
        return Decision(False, "not_labour", reason="macro")

    causes = sorted({cause for concept, cause in CAUSE_OF.items() if concept in found})
    severity = SEVERITY_BY_KIND[kind]
    if kind == "conditions" and _DEATH.search(ctx.text):
        severity += 1
    return Decision(True, kind, causes, min(3, severity), reason="rules")


def raise_severity(decision: Decision, participants: int | None, amount: float | None) -> None:
    """Many participants or a large sum make a signal one step more severe (at most 3)."""
    if decision.labour and ((participants or 0) >= 100 or (amount or 0) >= 100_000_000):
        decision.severity = min(3, decision.severity + 1)
