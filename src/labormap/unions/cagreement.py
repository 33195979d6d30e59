"""Rules of an electronic collective agreement: its sections, its states, its check against the
sectoral agreement, the difference between two versions and the expiry reminders.

The applicability rule of a sectoral (regional) agreement is the one the pay-compliance engine uses
(``labormap.agreements.compliance``: a sectoral agreement covers its ОКЭД division when it names one,
otherwise its section; a regional one covers its region, and its section when it names one), so a draft
is held to the same floor that the half-year pay check will later apply to the signed agreement.
"""

from __future__ import annotations

import datetime as dt
import difflib
import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from labormap.i18n import N_, gettext

# The state names are a contract of ``GET /api/v1/agreements`` (issue 14): do not rename.
DRAFT, NEGOTIATION, SIGNED, REGISTERED, EXPIRED = "draft", "negotiation", "signed", "registered", "expired"
STATES = (DRAFT, NEGOTIATION, SIGNED, REGISTERED, EXPIRED)

# action -> (states it may start from, state it leads to)
TRANSITIONS: dict[str, tuple[tuple[str, ...], str]] = {
    "open_round": ((DRAFT, NEGOTIATION), NEGOTIATION),
    "edit": ((DRAFT, NEGOTIATION), NEGOTIATION),
    "accept": ((DRAFT, NEGOTIATION), NEGOTIATION),  # becomes SIGNED once both parties accepted
    "register": ((SIGNED,), REGISTERED),
}

SECTIONS = ("pay", "working_time", "safety", "social", "union_rights")

# The template: clause code -> (section, English msgid of the default text). Texts take the draft's
# terms as ``{min_tariff_kzt}`` etc.; they are translated through the package catalogue.
TEMPLATE: dict[str, tuple[str, str]] = {
    "pay.tariff": (
        "pay",
        N_(
            "The tariff rate of the first grade is {min_tariff_kzt} KZT a month; inter-grade "
            "coefficients are {tariff_coefficients}."
        ),
    ),
    "pay.hazard": (
        "pay",
        N_("Work in harmful conditions is paid with a bonus of {hazard_bonus_pct}% of the tariff."),
    ),
    "pay.indexation": ("pay", N_("Wages are indexed at least once a year by the consumer price index.")),
    "working_time.week": (
        "working_time",
        N_("The working week is 40 hours; overtime is paid at least double."),
    ),
    "working_time.leave": ("working_time", N_("Annual paid leave is at least 24 calendar days.")),
    "safety.ppe": (
        "safety",
        N_("The employer provides protective equipment and safety training free of charge."),
    ),
    "safety.control": (
        "safety",
        N_("The union's safety inspectors take part in every accident investigation."),
    ),
    "social.aid": ("social", N_("Material aid is paid on the birth of a child, a wedding or a bereavement.")),
    "social.layoff": ("social", N_("Staff reductions are announced to the union at least two months ahead.")),
    "union_rights.dues": (
        "union_rights",
        N_("Union dues are withheld from wages and transferred on the member's application."),
    ),
    "union_rights.premises": (
        "union_rights",
        N_("The employer provides the union with premises and time for its work."),
    ),
}

REMINDER_DAYS = (180, 90, 30)


class AgreementRuleError(ValueError):
    """An action not allowed in the agreement's current state (the message says why).

    The message is an English msgid with ``{placeholders}``: ``str(e)`` is English, :meth:`text` the reader's
    language from the package catalogue.
    """

    def __init__(self, msgid: str, **params: object) -> None:
        self.msgid, self.params = msgid, params
        super().__init__(msgid.format(**params))

    def text(self, lang: str) -> str:
        return gettext(self.msgid, lang).format(**self.params)


@dataclass(frozen=True)
class Terms:
    """The figures of a draft checked against the sectoral agreement."""

    min_tariff_kzt: float | None = None
    tariff_coefficients: str = ""
    hazard_bonus_pct: float | None = None
    indexation: bool = True

    def coefficients(self) -> list[float]:
        out = []
        for p in self.tariff_coefficients.replace("|", ";").replace(",", ";").split(";"):
            p = p.strip()
            if p:
                out.append(float(p))
        return out


@dataclass(frozen=True)
class SectorTerms:
    """One sectoral or regional agreement as the ``sector_agreements`` registry has it."""

    agreement_id: str
    level: str
    oked_section: str | None
    oked_division: str | None
    region: str | None
    valid_from: dt.date
    valid_to: dt.date
    min_tariff_kzt: float | None
    inter_grade_coefficient: float | None = None
    hazard_bonus_pct: float | None = None
    indexation_clause: bool | None = None
    title: str = ""


@dataclass(frozen=True)
class Flag:
    """A term below what the sectoral agreement requires (code labelled in domain ``ca_flag``)."""

    code: str
    clause: str
    sector_agreement: str
    required: float | None
    proposed: float | None

    def as_json(self) -> dict[str, object]:
        return {
            "code": self.code,
            "clause": self.clause,
            "sector_agreement": self.sector_agreement,
            "required": self.required,
            "proposed": self.proposed,
        }


FLAG_CODES = ("tariff_below_sector", "coefficient_below_sector", "hazard_below_sector", "indexation_missing")


def applicable(
    agreements: Iterable[SectorTerms], *, section: str, division: str, region: str, on: dt.date
) -> list[SectorTerms]:
    """The sectoral and regional agreements in force on ``on`` that cover an employer."""
    out = []
    for a in agreements:
        if not (a.valid_from <= on <= a.valid_to):
            continue
        if a.level == "sectoral":
            ok = a.oked_division == division if a.oked_division else a.oked_section == section
        elif a.level == "regional":
            ok = a.region == region and (not a.oked_section or a.oked_section == section)
        else:
            ok = False
        if ok:
            out.append(a)
    return sorted(out, key=lambda a: -(a.min_tariff_kzt or 0))


def check(terms: Terms, sector: Sequence[SectorTerms]) -> list[Flag]:
    """Terms below the most demanding applicable agreement, clause by clause (empty: nothing to flag)."""
    flags: list[Flag] = []
    tariff = [a for a in sector if a.min_tariff_kzt is not None]
    if tariff:
        top = max(tariff, key=lambda a: a.min_tariff_kzt or 0)
        if terms.min_tariff_kzt is None or terms.min_tariff_kzt < (top.min_tariff_kzt or 0):
            flags.append(
                Flag(
                    "tariff_below_sector",
                    "pay.tariff",
                    top.agreement_id,
                    top.min_tariff_kzt,
                    terms.min_tariff_kzt,
                )
            )
    coef = [a for a in sector if a.inter_grade_coefficient is not None]
    ks = terms.coefficients()
    if coef and len(ks) > 1:
        top = max(coef, key=lambda a: a.inter_grade_coefficient or 0)
        ratios = [b / a for a, b in itertools.pairwise(ks) if a > 0]
        low = min(ratios) if ratios else None
        if low is not None and low + 1e-9 < (top.inter_grade_coefficient or 0):
            flags.append(
                Flag(
                    "coefficient_below_sector",
                    "pay.tariff",
                    top.agreement_id,
                    top.inter_grade_coefficient,
                    round(low, 3),
                )
            )
    hazard = [a for a in sector if a.hazard_bonus_pct is not None]
    if hazard:
        top = max(hazard, key=lambda a: a.hazard_bonus_pct or 0)
        if terms.hazard_bonus_pct is None or terms.hazard_bonus_pct < (top.hazard_bonus_pct or 0):
            flags.append(
                Flag(
                    "hazard_below_sector",
                    "pay.hazard",
                    top.agreement_id,
                    top.hazard_bonus_pct,
                    terms.hazard_bonus_pct,
                )
            )
    idx = [a for a in sector if a.indexation_clause]
    if idx and not terms.indexation:
        flags.append(Flag("indexation_missing", "pay.indexation", idx[0].agreement_id, None, None))
    return flags


def prefill(sector: Sequence[SectorTerms]) -> Terms:
    """Starting terms of a new draft: the floor of the applicable agreements (nothing below it)."""
    tariff = max((a.min_tariff_kzt for a in sector if a.min_tariff_kzt is not None), default=None)
    coef = max(
        (a.inter_grade_coefficient for a in sector if a.inter_grade_coefficient is not None), default=None
    )
    bonus = max((a.hazard_bonus_pct for a in sector if a.hazard_bonus_pct is not None), default=None)
    k = coef or 1.2
    return Terms(
        min_tariff_kzt=tariff,
        tariff_coefficients=";".join(f"{k**i:.2f}" for i in range(4)),
        hazard_bonus_pct=bonus,
        indexation=True,
    )


def template_clauses(terms: Terms, lang: str) -> list[tuple[str, str, str]]:
    """``(section, code, text)`` of a fresh draft in ``lang``, terms filled in."""
    values = {
        "min_tariff_kzt": "—"
        if terms.min_tariff_kzt is None
        else f"{terms.min_tariff_kzt:,.0f}".replace(",", " "),
        "tariff_coefficients": terms.tariff_coefficients or "—",
        "hazard_bonus_pct": "—" if terms.hazard_bonus_pct is None else f"{terms.hazard_bonus_pct:g}",
    }
    return [(sec, code, gettext(msg, lang).format(**values)) for code, (sec, msg) in TEMPLATE.items()]


def next_state(
    state: str, action: str, *, employer_accepted: bool = False, union_accepted: bool = False
) -> str:
    """The state after ``action``; raises :class:`AgreementRuleError` when not allowed."""
    if action not in TRANSITIONS:
        raise AgreementRuleError(N_("unknown action {action}"), action=action)
    allowed, target = TRANSITIONS[action]
    if state not in allowed:
        raise AgreementRuleError(N_("this is not allowed in the state {state}"), state=state)
    if action == "accept" and employer_accepted and union_accepted:
        return SIGNED
    return target


def effective_state(state: str, valid_to: dt.date | None, today: dt.date) -> str:
    """A registered agreement past its end date is ``expired`` (no job has to move it)."""
    if state == REGISTERED and valid_to is not None and valid_to < today:
        return EXPIRED
    return state


@dataclass(frozen=True)
class ClauseDiff:
    code: str
    change: str  # added | removed | changed
    lines: list[str] = field(default_factory=list)


def diff(old: Mapping[str, str], new: Mapping[str, str]) -> list[ClauseDiff]:
    """Clause-by-clause difference of two versions (difflib's unified lines for changed clauses)."""
    out: list[ClauseDiff] = []
    for code in list(old) + [c for c in new if c not in old]:
        a, b = old.get(code), new.get(code)
        if a == b:
            continue
        if a is None:
            out.append(ClauseDiff(code, "added", [f"+{b}"]))
        elif b is None:
            out.append(ClauseDiff(code, "removed", [f"-{a}"]))
        else:
            lines = difflib.unified_diff(a.splitlines(), b.splitlines(), lineterm="", n=0)
            out.append(
                ClauseDiff(code, "changed", [ln for ln in lines if not ln.startswith(("---", "+++", "@@"))])
            )
    return out


def reminders_due(valid_to: dt.date, today: dt.date, already: Iterable[int] = ()) -> list[int]:
    """Reminders (days before the end) whose date has come and that were not yet raised.

    Only the nearest one is raised when several have passed (an agreement registered 60 days before its
    end gets the 90-day reminder, not the 180-day one as well).
    """
    left = (valid_to - today).days
    if left < 0:
        return []
    passed = [d for d in REMINDER_DAYS if left <= d]
    if not passed:
        return []
    nearest = min(passed)
    return [] if nearest in set(already) else [nearest]
