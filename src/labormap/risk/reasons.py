"""Reasons: the features grouped into reasons a person understands, each with a sentence in Russian,
Kazakh and English built from the employer's own figures.

A reason's contribution is the sum of its features' contributions (SHAP values of the model, in log-odds,
or the scorecard's points). Sentences state facts from the registries, never the model's internals.

Sentences are gettext msgids with ``{placeholders}`` (catalogue ``labormap/risk/locale``); a renderer
returns a :class:`Sentence` — the msgid and its values — and :func:`render` puts the values in, formatted
by ``labormap.fmt`` in each language. Counted nouns are plural phrases (``npgettext`` with a context
naming the grammatical role, because Russian needs another case after «перед» than as a subject).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace

from labormap import fmt, i18n
from labormap.features.catalog import FEATURES, FEATURES_BY_NAME
from labormap.i18n import N_

Row = Mapping[str, float | None]
Texts = tuple[str, str, str]
Value = Callable[[str], str]  # a value put into a sentence, formatted for a language


def _v(row: Row, name: str) -> float:
    x = row.get(name)
    return 0.0 if x is None or x != x else float(x)


def _count(x: float | None) -> int:
    """The integer a plural form is chosen by (gettext needs an int)."""
    return 0 if x is None or math.isnan(x) else abs(round(x))


def num(x: float | None, digits: int = 0) -> Value:
    return lambda lang: fmt.number(x, lang, digits)


def pct(x: float | None) -> Value:
    """A share as a whole percentage (``38%``)."""
    return lambda lang: fmt.percent(x, lang)


def money(x: float) -> Value:
    return lambda lang: fmt.money(x, lang)


def counted(x: float, context: str, singular: str, plural: str) -> Value:
    """``{n}`` and its noun in the plural form for ``x``, in the case ``context`` names."""
    return lambda lang: i18n.npgettext(context, singular, plural, _count(x), lang).format(
        n=fmt.number(x, lang)
    )


@dataclass(frozen=True)
class Sentence:
    """A msgid (with an optional plural msgid chosen by ``n``) and the values of its placeholders."""

    msgid: str
    values: Mapping[str, Value] = field(default_factory=dict)
    plural: str | None = None
    n: float = 0.0
    # False for a sentence that states the *absence* of a risk fact («no conflicts in 3 years»): such a
    # sentence never appears among the reasons that raise a score, whatever sign its contribution has.
    raises: bool = True

    def text(self, lang: str) -> str:
        if self.plural is None:
            template = i18n.gettext(self.msgid, lang)
        else:
            template = i18n.ngettext(self.msgid, self.plural, _count(self.n), lang)
        values = {k: v(lang) for k, v in self.values.items()}
        if self.plural is not None:
            values.setdefault("n", fmt.number(self.n, lang))
        return template.format(**values)


def S(msgid: str, **values: Value) -> Sentence:  # short: reads like the sentence it builds
    return Sentence(msgid, values)


def P(singular: str, plural: str, n: float, **values: Value) -> Sentence:  # a sentence with a plural form
    return Sentence(singular, values, plural, n)


@dataclass(frozen=True)
class Reason:
    code: str
    features: tuple[str, ...]
    value_of: str  # the feature whose value the reason reports
    sentence: Callable[[Row], Sentence]

    def render(self, row: Row) -> Texts:
        s = self.sentence(row)
        return (s.text("ru"), s.text("kk"), s.text("en"))

    def raises(self, row: Row) -> bool:
        """Whether this employer's sentence states a fact that raises risk (see ``Sentence.raises``)."""
        return self.sentence(row).raises


def _arrears(r: Row) -> Sentence:
    w, m, n = _v(r, "arrears_workers"), _v(r, "arrears_months"), _v(r, "arrears_open_cases")
    if n <= 0:
        return _generic("arrears_open_cases")(r)
    return S(
        N_("Wage arrears of {months} to {workers}"),
        months=counted(m, "duration", N_("{n} month"), N_("{n} months")),
        workers=counted(w, "owed to", N_("{n} worker"), N_("{n} workers")),
    )


def _arrears_history(r: Row) -> Sentence:
    n = _v(r, "arrears_cases_3y")
    return P(N_("Wage arrears found {n} time in 3 years"), N_("Wage arrears found {n} times in 3 years"), n)


def _orders(r: Row) -> Sentence:
    return S(N_("Inspector orders overdue: {n}"), n=num(_v(r, "overdue_orders")))


def _enforcement(r: Row) -> Sentence:
    n, amt = _v(r, "enforcement_open"), _v(r, "enforcement_amount_kzt")
    return S(N_("Wage enforcement proceedings: {n} for {amount}"), n=num(n), amount=money(amt))


def _layoffs(r: Row) -> Sentence:
    n, share = _v(r, "reduction_terminations_12m"), _v(r, "reduction_share_12m")
    liq = _v(r, "liquidation_terminations_12m")
    if liq > n:
        return S(N_("Terminations on liquidation: {n} in 12 months"), n=num(liq))
    return P(
        N_("{n} worker made redundant in 12 months ({share} of staff)"),
        N_("{n} workers made redundant in 12 months ({share} of staff)"),
        n,
        share=pct(share),
    )


def _headcount(r: Row) -> Sentence:
    for months in (3, 6, 12):
        ch = r.get(f"headcount_change_{months}m")
        if ch is not None and ch == ch and ch < 0:
            return S(N_("Headcount fell by {share} in {months} months"), share=pct(-ch), months=num(months))
    return S(N_("Headcount change in 12 months: {share}"), share=pct(_v(r, "headcount_change_12m")))


def _turnover(r: Row) -> Sentence:
    return S(N_("Staff turnover of {share} a year"), share=pct(_v(r, "turnover_12m")))


def _peers(r: Row) -> Sentence:
    w, rel = _v(r, "median_wage"), _v(r, "wage_vs_peers")
    return S(N_("Median wage {wage}, {share} of the region and sector median"), wage=money(w), share=pct(rel))


def _real_wage(r: Row) -> Sentence:
    ch = _v(r, "median_wage_real_change_12m")
    if ch < 0:
        return S(N_("Real wage fell by {share} in a year after inflation"), share=pct(-ch))
    return S(N_("Real wage growth in a year: {share}"), share=pct(ch))


def _tariff(r: Row) -> Sentence:
    s, rel = _v(r, "share_below_tariff"), _v(r, "wage_vs_tariff")
    return S(
        N_("{share} of workers paid below the minimum tariff rate (median at {median} of it)"),
        share=pct(s),
        median=pct(rel),
    )


def _min_wage(r: Row) -> Sentence:
    return S(N_("{share} of workers paid at about the minimum wage"), share=pct(_v(r, "share_near_min_wage")))


def _pay_gap(r: Row) -> Sentence:
    return S(N_("Pay gap: the top 10% earn {ratio} times the median"), ratio=num(_v(r, "pay_gap_p90_p50"), 1))


def _payroll(r: Row) -> Sentence:
    return S(N_("Payroll changed by {share} in 3 months"), share=pct(_v(r, "payroll_change_3m")))


def _late(r: Row) -> Sentence:
    m, s = _v(r, "contrib_late_months_12m"), _v(r, "contrib_late_share_12m")
    return P(
        N_("Contributions paid late in {n} of 12 months ({share} of them)"),
        N_("Contributions paid late in {n} of 12 months ({share} of them)"),
        m,
        share=pct(s),
    )


def _missing(r: Row) -> Sentence:
    m = _v(r, "contrib_missing_months_12m")
    return P(
        N_("No contributions for {n} of the last 12 months"),
        N_("No contributions for {n} of the last 12 months"),
        m,
    )


def _short(r: Row) -> Sentence:
    s = max(_v(r, "opv_short_share_12m"), _v(r, "so_short_share_12m"), _v(r, "osms_short_share_12m"))
    return S(
        N_("Short pension, social or health contributions: {share} of worker-months in 12 months"),
        share=pct(s),
    )


def _esutd(r: Row) -> Sentence:
    a, b = _v(r, "paid_without_contract_share"), _v(r, "contract_without_pay_share")
    late = _v(r, "esutd_late_share_12m")
    if a >= b and a > 0:
        return S(N_("{share} of workers paid without a contract in ESUTD"), share=pct(a))
    if b > 0:
        return S(N_("{share} of ESUTD contracts without pension contributions"), share=pct(b))
    return S(N_("{share} of ESUTD entries made late"), share=pct(late))


def _worktime(r: Row) -> Sentence:
    idle, pt = _v(r, "idle_share"), _v(r, "part_time_share")
    if idle >= pt:
        return S(N_("{share} of workers on idle time"), share=pct(idle))
    return S(N_("{share} of workers moved to part-time"), share=pct(pt))


def _insurance(r: Row) -> Sentence:
    return S(N_("No compulsory accident insurance contract for workers"))


def _agreement(r: Row) -> Sentence:
    if _v(r, "ca_expiring_180d") > 0:
        return S(N_("The collective agreement expires within 6 months"))
    if _v(r, "ca_lapsed_365d") > 0:
        return S(N_("The collective agreement lapsed and was not renewed"))
    if _v(r, "ca_in_force") <= 0:
        return S(N_("No collective agreement in force"))
    return S(N_("A collective agreement is in force"))


def _union(r: Row) -> Sentence:
    if _v(r, "union_present") > 0:
        return S(N_("A trade union is present"))
    return S(N_("No trade union at the employer"))


def _contract_loss(r: Row) -> Sentence:
    ending, ended = _v(r, "contract_workers_ending_90d_share"), _v(r, "contract_workers_ended_90d_share")
    if ending >= ended:
        return S(N_("Customer contracts covering {share} of staff end within 90 days"), share=pct(ending))
    return S(N_("Customer contracts covering {share} of staff ended in the last 90 days"), share=pct(ended))


def _customer(r: Row) -> Sentence:
    return S(
        N_("Customers cut {share} of their staff in 6 months"),
        share=pct(_v(r, "customer_reduction_share_6m")),
    )


def _media(r: Row) -> Sentence:
    n30, n90, prot = _v(r, "media_30d"), _v(r, "media_90d"), _v(r, "media_protest_30d")
    if prot > 0:
        return S(N_("Media reports of protest or strike threats in 30 days: {n}"), n=num(prot))
    return S(
        N_("Labour-related publications: {n30} in 30 days, {n90} in 90 days"), n30=num(n30), n90=num(n90)
    )


def _survey(r: Row) -> Sentence:
    idx, prot = r.get("survey_index"), r.get("survey_protest")
    return S(
        N_("Social well-being index {index} of 100, readiness to protest {protest} of 5"),
        index=num(idx),
        protest=num(prot, 1),
    )


def _past(r: Row) -> Sentence:
    n, days = _v(r, "conflicts_3y"), r.get("days_since_conflict")
    if n <= 0:
        return replace(S(N_("No conflicts at the employer in 3 years")), raises=False)
    return S(
        N_("Labour conflicts at the employer in 3 years: {n}, the last {days} days ago"),
        n=num(n),
        days=num(days),
    )


def _nearby(r: Row) -> Sentence:
    n90, n365 = _v(r, "conflicts_nearby_90d"), _v(r, "conflicts_nearby_365d")
    s = S(
        N_("Conflicts at other employers of the region and sector: {n90} in 90 days, {n365} in a year"),
        n90=num(n90),
        n365=num(n365),
    )
    return s if n90 > 0 or n365 > 0 else replace(s, raises=False)


def _known(r: Row, name: str) -> float | None:
    x = r.get(name)
    return None if x is None or x != x else float(x)


def _rate(x: float) -> Value:
    """A base rate per 1,000 employers: one decimal, none when it is whole («8», «12,3»)."""
    return num(x, 0 if float(x).is_integer() else 1)


def _region_rate(r: Row) -> Sentence:
    rate = _known(r, "region_conflict_rate_3y")
    if rate is None:  # no other employer in the region, or no КАТО: nothing to compare with
        return replace(
            S(N_("No region base rate: the КАТО code is unknown or no other employer shares it")),
            raises=False,
        )
    if rate <= 0:
        return replace(S(N_("No conflicts at other employers of the region in 3 years")), raises=False)
    return S(N_("In the region {rate} conflicts per 1,000 employers in 3 years"), rate=_rate(rate))


def _sector_rate(r: Row) -> Sentence:
    rate, extractive = _known(r, "sector_conflict_rate_3y"), _v(r, "extractive") > 0
    if rate is None:
        if extractive:  # the trade is a risk fact even without a base rate of its section
            return S(N_("Mining, oil refining or metallurgy"))
        return replace(
            S(N_("No sector base rate: the ОКЭД code is unknown or no other employer shares it")),
            raises=False,
        )
    if extractive:
        return S(
            N_(
                "Mining, oil refining or metallurgy; in its sector {rate} conflicts per 1,000 employers in 3 years"
            ),
            rate=_rate(rate),
        )
    if rate <= 0:
        return replace(S(N_("No conflicts at other employers of the sector in 3 years")), raises=False)
    return S(N_("In the sector {rate} conflicts per 1,000 employers in 3 years"), rate=_rate(rate))


def _size(r: Row) -> Sentence:
    n = max(_v(r, "headcount"), _v(r, "esutd_headcount"))
    return P(N_("Headcount of {n}"), N_("Headcount of {n}"), n)


def _hires(r: Row) -> Sentence:
    h = _v(r, "hires_12m")
    return P(N_("{n} hire in 12 months"), N_("{n} hires in 12 months"), h)


def _generic(feature: str) -> Callable[[Row], Sentence]:
    f = FEATURES_BY_NAME[feature]

    def sentence(r: Row) -> Sentence:
        v = r.get(feature)
        shown = pct(v) if f.unit == "share" else num(v, 2 if f.unit == "ratio" else 0)
        return S(N_("{feature}: {value}"), feature=f.label, value=shown)

    return sentence


_R = Reason
REASONS: tuple[Reason, ...] = (
    _R(
        "wage_arrears",
        ("arrears_open_cases", "arrears_workers", "arrears_months", "arrears_amount_per_worker"),
        "arrears_workers",
        _arrears,
    ),
    _R("arrears_history", ("arrears_cases_3y",), "arrears_cases_3y", _arrears_history),
    _R("inspector_orders", ("overdue_orders",), "overdue_orders", _orders),
    _R("enforcement", ("enforcement_open", "enforcement_amount_kzt"), "enforcement_amount_kzt", _enforcement),
    _R(
        "layoffs",
        (
            "reduction_terminations_3m",
            "reduction_terminations_12m",
            "reduction_share_12m",
            "liquidation_terminations_12m",
        ),
        "reduction_terminations_12m",
        _layoffs,
    ),
    _R(
        "headcount_drop",
        ("headcount_change_3m", "headcount_change_6m", "headcount_change_12m"),
        "headcount_change_12m",
        _headcount,
    ),
    _R("turnover", ("turnover_12m", "terminations_12m"), "turnover_12m", _turnover),
    _R("hires", ("hires_12m",), "hires_12m", _hires),
    _R("size", ("headcount", "esutd_headcount"), "headcount", _size),
    _R("wage_vs_peers", ("median_wage", "wage_vs_peers"), "wage_vs_peers", _peers),
    _R("real_wage", ("median_wage_real_change_12m",), "median_wage_real_change_12m", _real_wage),
    _R("below_tariff", ("wage_vs_tariff", "share_below_tariff"), "share_below_tariff", _tariff),
    _R("near_min_wage", ("share_near_min_wage",), "share_near_min_wage", _min_wage),
    _R("pay_gap", ("pay_gap_p90_p50",), "pay_gap_p90_p50", _pay_gap),
    _R("payroll_drop", ("payroll_change_3m",), "payroll_change_3m", _payroll),
    _R(
        "late_contributions",
        ("contrib_late_share_12m", "contrib_late_months_12m"),
        "contrib_late_months_12m",
        _late,
    ),
    _R("missing_contributions", ("contrib_missing_months_12m",), "contrib_missing_months_12m", _missing),
    _R(
        "short_contributions",
        ("opv_short_share_12m", "so_short_share_12m", "osms_short_share_12m"),
        "opv_short_share_12m",
        _short,
    ),
    _R(
        "esutd_gap",
        ("paid_without_contract_share", "contract_without_pay_share", "esutd_late_share_12m"),
        "paid_without_contract_share",
        _esutd,
    ),
    _R("idle_part_time", ("part_time_share", "idle_share"), "idle_share", _worktime),
    _R("no_accident_insurance", ("no_accident_insurance",), "no_accident_insurance", _insurance),
    _R(
        "collective_agreement",
        ("ca_in_force", "ca_expiring_180d", "ca_lapsed_365d"),
        "ca_expiring_180d",
        _agreement,
    ),
    _R("union", ("union_present",), "union_present", _union),
    _R(
        "contract_loss",
        ("service_contracts_active", "contract_workers_ending_90d_share", "contract_workers_ended_90d_share"),
        "contract_workers_ending_90d_share",
        _contract_loss,
    ),
    _R("customer_layoffs", ("customer_reduction_share_6m",), "customer_reduction_share_6m", _customer),
    _R(
        "media",
        ("media_7d", "media_30d", "media_90d", "media_severity_max_30d", "media_protest_30d"),
        "media_30d",
        _media,
    ),
    _R("survey", ("survey_index", "survey_protest"), "survey_index", _survey),
    _R("past_conflicts", ("conflicts_3y", "days_since_conflict"), "conflicts_3y", _past),
    _R(
        "nearby_conflicts", ("conflicts_nearby_90d", "conflicts_nearby_365d"), "conflicts_nearby_90d", _nearby
    ),
    # base rates of the employer's place and trade (features.signals.place_rates), the employer left out
    _R("region_conflicts", ("region_conflict_rate_3y",), "region_conflict_rate_3y", _region_rate),
    _R(
        "sector_conflicts",
        ("sector_conflict_rate_3y", "extractive"),
        "sector_conflict_rate_3y",
        _sector_rate,
    ),
)

REASONS_BY_CODE: dict[str, Reason] = {r.code: r for r in REASONS}
# Every feature belongs to exactly one reason (checked by the tests).
REASON_OF_FEATURE: dict[str, str] = {f: r.code for r in REASONS for f in r.features}


def render(code: str, row: Row) -> Texts:
    """The reason's sentence in Russian, Kazakh and English (the order of the stored ``text_*`` fields)."""
    return REASONS_BY_CODE[code].render(row)


def _check() -> None:
    missing = [f.name for f in FEATURES if f.name not in REASON_OF_FEATURE]
    if missing:  # pragma: no cover - a programming error caught at import
        raise RuntimeError(f"features without a reason: {missing}")


_check()
