"""Reasons: the features grouped into reasons a person understands, each with a sentence in Russian,
Kazakh and English built from the employer's own figures.

A reason's contribution is the sum of its features' contributions (SHAP values of the model, in log-odds,
or the scorecard's points). Sentences state facts from the registries, never the model's internals.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from labormap.features.catalog import FEATURES, FEATURES_BY_NAME
from labormap.risk.text import money_en, money_kk, money_ru, num, num_en, pct, plural_en, plural_ru

Row = Mapping[str, float | None]
Texts = tuple[str, str, str]


def _v(row: Row, name: str) -> float:
    x = row.get(name)
    return 0.0 if x is None or x != x else float(x)


@dataclass(frozen=True)
class Reason:
    code: str
    features: tuple[str, ...]
    value_of: str  # the feature whose value the reason reports
    render: Callable[[Row], Texts]


def _arrears(r: Row) -> Texts:
    w, m, n = _v(r, "arrears_workers"), _v(r, "arrears_months"), _v(r, "arrears_open_cases")
    if n <= 0:
        return _generic("arrears_open_cases")(r)
    return (
        f"Задолженность по зарплате {num(m)} мес. перед {num(w)} "
        f"{plural_ru(w, 'работником', 'работниками', 'работниками')}",
        f"{num(w)} қызметкерге {num(m)} ай жалақы берешегі",
        f"Wage arrears of {num_en(m)} {plural_en(m, 'month', 'months')} to {num_en(w)} "
        f"{plural_en(w, 'worker', 'workers')}",
    )


def _arrears_history(r: Row) -> Texts:
    n = _v(r, "arrears_cases_3y")
    return (
        f"Задолженность по зарплате выявлялась {num(n)} {plural_ru(n, 'раз', 'раза', 'раз')} за 3 года",
        f"Соңғы 3 жылда жалақы берешегі {num(n)} рет анықталды",
        f"Wage arrears found {num_en(n)} {plural_en(n, 'time', 'times')} in 3 years",
    )


def _orders(r: Row) -> Texts:
    n = _v(r, "overdue_orders")
    return (
        f"Не исполнено в срок предписаний инспектора: {num(n)}",
        f"Мерзімінде орындалмаған инспектор нұсқамалары: {num(n)}",
        f"Inspector orders overdue: {num_en(n)}",
    )


def _enforcement(r: Row) -> Texts:
    n, amt = _v(r, "enforcement_open"), _v(r, "enforcement_amount_kzt")
    return (
        f"Исполнительные производства по зарплате: {num(n)} на {money_ru(amt)}",
        f"Жалақы бойынша атқарушылық іс жүргізу: {num(n)}, сомасы {money_kk(amt)}",
        f"Wage enforcement proceedings: {num_en(n)} for {money_en(amt)}",
    )


def _layoffs(r: Row) -> Texts:
    n, share = _v(r, "reduction_terminations_12m"), _v(r, "reduction_share_12m")
    liq = _v(r, "liquidation_terminations_12m")
    if liq > n:
        return (
            f"Увольнения в связи с ликвидацией: {num(liq)} за 12 мес.",
            f"12 айда таратуға байланысты {num(liq)} қызметкер босатылды",
            f"Terminations on liquidation: {num_en(liq)} in 12 months",
        )
    return (
        f"Сокращено {num(n)} {plural_ru(n, 'работник', 'работника', 'работников')} за 12 мес. ({pct(share)} штата)",
        f"12 айда {num(n)} қызметкер қысқартылды (штаттың {pct(share)})",
        f"{num_en(n)} {plural_en(n, 'worker', 'workers')} made redundant in 12 months ({pct(share)} of staff)",
    )


def _headcount(r: Row) -> Texts:
    for months in (3, 6, 12):
        ch = r.get(f"headcount_change_{months}m")
        if ch is not None and ch == ch and ch < 0:
            return (
                f"Численность снизилась на {pct(-ch)} за {months} мес.",
                f"{months} айда қызметкерлер саны {pct(-ch)} азайды",
                f"Headcount fell by {pct(-ch)} in {months} months",
            )
    ch = _v(r, "headcount_change_12m")
    return (
        f"Изменение численности за 12 мес.: {pct(ch)}",
        f"12 айдағы сан өзгерісі: {pct(ch)}",
        f"Headcount change in 12 months: {pct(ch)}",
    )


def _turnover(r: Row) -> Texts:
    t = _v(r, "turnover_12m")
    return (
        f"Текучесть кадров {pct(t)} за год",
        f"Бір жылдағы кадр тұрақсыздығы {pct(t)}",
        f"Staff turnover of {pct(t)} a year",
    )


def _peers(r: Row) -> Texts:
    w, rel = _v(r, "median_wage"), _v(r, "wage_vs_peers")
    return (
        f"Медианная зарплата {money_ru(w)} — {pct(rel)} от медианы региона и отрасли",
        f"Медианалық жалақы {money_kk(w)} — өңір мен сала медианасының {pct(rel)}",
        f"Median wage {money_en(w)}, {pct(rel)} of the region and sector median",
    )


def _real_wage(r: Row) -> Texts:
    ch = _v(r, "median_wage_real_change_12m")
    if ch < 0:
        return (
            f"Реальная зарплата снизилась на {pct(-ch)} за год с учётом инфляции",
            f"Инфляцияны ескергенде нақты жалақы бір жылда {pct(-ch)} төмендеді",
            f"Real wage fell by {pct(-ch)} in a year after inflation",
        )
    return (
        f"Реальный рост зарплаты за год: {pct(ch)}",
        f"Бір жылдағы нақты жалақы өсімі: {pct(ch)}",
        f"Real wage growth in a year: {pct(ch)}",
    )


def _tariff(r: Row) -> Texts:
    s, rel = _v(r, "share_below_tariff"), _v(r, "wage_vs_tariff")
    return (
        f"{pct(s)} работников получают меньше минимальной тарифной ставки (медиана — {pct(rel)} ставки)",
        f"Қызметкерлердің {pct(s)} ең төменгі тарифтік мөлшерлемеден аз алады",
        f"{pct(s)} of workers paid below the minimum tariff rate (median at {pct(rel)} of it)",
    )


def _min_wage(r: Row) -> Texts:
    s = _v(r, "share_near_min_wage")
    return (
        f"{pct(s)} работников получают зарплату на уровне МЗП",
        f"Қызметкерлердің {pct(s)} ең төменгі жалақы деңгейінде алады",
        f"{pct(s)} of workers paid at about the minimum wage",
    )


def _pay_gap(r: Row) -> Texts:
    g = _v(r, "pay_gap_p90_p50")
    return (
        f"Разрыв в оплате труда: верхние 10% получают в {num(g, 1)} раза больше медианы",
        f"Жалақы алшақтығы: жоғарғы 10% медианадан {num(g, 1)} есе көп алады",
        f"Pay gap: the top 10% earn {num_en(g, 1)} times the median",
    )


def _payroll(r: Row) -> Texts:
    ch = _v(r, "payroll_change_3m")
    return (
        f"Фонд оплаты труда изменился на {pct(ch)} за 3 мес.",
        f"3 айда жалақы қоры {pct(ch)} өзгерді",
        f"Payroll changed by {pct(ch)} in 3 months",
    )


def _late(r: Row) -> Texts:
    m, s = _v(r, "contrib_late_months_12m"), _v(r, "contrib_late_share_12m")
    return (
        f"Взносы уплачивались с опозданием в {num(m)} {plural_ru(m, 'месяце', 'месяцах', 'месяцах')} из 12 "
        f"({pct(s)} взносов)",
        f"Жарналар 12 айдың {num(m)} айында кешіктіріліп төленді",
        f"Contributions paid late in {num_en(m)} of 12 months ({pct(s)} of them)",
    )


def _missing(r: Row) -> Texts:
    m = _v(r, "contrib_missing_months_12m")
    return (
        f"Нет взносов за {num(m)} {plural_ru(m, 'месяц', 'месяца', 'месяцев')} из последних 12",
        f"Соңғы 12 айдың {num(m)} айына жарна жоқ",
        f"No contributions for {num_en(m)} of the last 12 months",
    )


def _short(r: Row) -> Texts:
    s = max(_v(r, "opv_short_share_12m"), _v(r, "so_short_share_12m"), _v(r, "osms_short_share_12m"))
    return (
        f"Неполные взносы ОПВ, СО или ОСМС: {pct(s)} начислений за 12 мес.",
        f"МЗЖ, ӘА немесе МӘМС жарналары толық емес: 12 айда {pct(s)}",
        f"Short pension, social or health contributions: {pct(s)} of worker-months in 12 months",
    )


def _esutd(r: Row) -> Texts:
    a, b = _v(r, "paid_without_contract_share"), _v(r, "contract_without_pay_share")
    late = _v(r, "esutd_late_share_12m")
    if a >= b and a > 0:
        return (
            f"{pct(a)} работников получают зарплату без договора в ЕСУТД",
            f"Қызметкерлердің {pct(a)} ЕСУТД-да шартсыз жалақы алады",
            f"{pct(a)} of workers paid without a contract in ЕСУТД",
        )
    if b > 0:
        return (
            f"{pct(b)} договоров в ЕСУТД без пенсионных взносов",
            f"ЕСУТД-дағы шарттардың {pct(b)} зейнетақы жарнасыз",
            f"{pct(b)} of ЕСУТД contracts without pension contributions",
        )
    return (
        f"{pct(late)} записей в ЕСУТД внесены с нарушением срока",
        f"ЕСУТД жазбаларының {pct(late)} мерзімі бұзылып енгізілді",
        f"{pct(late)} of ЕСУТД entries made late",
    )


def _worktime(r: Row) -> Texts:
    idle, pt = _v(r, "idle_share"), _v(r, "part_time_share")
    if idle >= pt:
        return (
            f"{pct(idle)} работников в простое",
            f"Қызметкерлердің {pct(idle)} бос тұр",
            f"{pct(idle)} of workers on idle time",
        )
    return (
        f"{pct(pt)} работников переведены на неполное время",
        f"Қызметкерлердің {pct(pt)} толық емес жұмыс уақытына ауыстырылды",
        f"{pct(pt)} of workers moved to part-time",
    )


def _insurance(r: Row) -> Texts:
    return (
        "Нет договора обязательного страхования работников от несчастных случаев",
        "Қызметкерлерді жазатайым оқиғалардан міндетті сақтандыру шарты жоқ",
        "No compulsory accident insurance contract for workers",
    )


def _agreement(r: Row) -> Texts:
    if _v(r, "ca_expiring_180d") > 0:
        return (
            "Коллективный договор истекает в ближайшие 6 месяцев",
            "Ұжымдық шарт алдағы 6 айда аяқталады",
            "The collective agreement expires within 6 months",
        )
    if _v(r, "ca_lapsed_365d") > 0:
        return (
            "Коллективный договор истёк и не перезаключён",
            "Ұжымдық шарт аяқталып, қайта жасалмаған",
            "The collective agreement lapsed and was not renewed",
        )
    if _v(r, "ca_in_force") <= 0:
        return (
            "Нет действующего коллективного договора",
            "Қолданыстағы ұжымдық шарт жоқ",
            "No collective agreement in force",
        )
    return ("Действует коллективный договор", "Ұжымдық шарт қолданыста", "A collective agreement is in force")


def _union(r: Row) -> Texts:
    if _v(r, "union_present") > 0:
        return ("На предприятии есть профсоюз", "Кәсіпорында кәсіподақ бар", "A trade union is present")
    return ("На предприятии нет профсоюза", "Кәсіпорында кәсіподақ жоқ", "No trade union at the employer")


def _contract_loss(r: Row) -> Texts:
    ending, ended = _v(r, "contract_workers_ending_90d_share"), _v(r, "contract_workers_ended_90d_share")
    if ending >= ended:
        return (
            f"Договоры с заказчиками на {pct(ending)} штата истекают в ближайшие 90 дней",
            f"Штаттың {pct(ending)} жұмыс істейтін тапсырыс берушілермен шарттар 90 күнде аяқталады",
            f"Customer contracts covering {pct(ending)} of staff end within 90 days",
        )
    return (
        f"Завершились договоры с заказчиками на {pct(ended)} штата за 90 дней",
        f"Соңғы 90 күнде штаттың {pct(ended)} жұмыс істеген шарттар аяқталды",
        f"Customer contracts covering {pct(ended)} of staff ended in the last 90 days",
    )


def _customer(r: Row) -> Texts:
    s = _v(r, "customer_reduction_share_6m")
    return (
        f"Заказчики сократили {pct(s)} своего штата за 6 мес.",
        f"Тапсырыс берушілер 6 айда штатының {pct(s)} қысқартты",
        f"Customers cut {pct(s)} of their staff in 6 months",
    )


def _media(r: Row) -> Texts:
    n30, n90, prot = _v(r, "media_30d"), _v(r, "media_90d"), _v(r, "media_protest_30d")
    if prot > 0:
        return (
            f"Сообщения СМИ и соцсетей о протестах или угрозе забастовки за 30 дней: {num(prot)}",
            f"30 күнде наразылық немесе ереуіл қаупі туралы хабарлар: {num(prot)}",
            f"Media reports of protest or strike threats in 30 days: {num_en(prot)}",
        )
    return (
        f"Публикации о трудовых проблемах: {num(n30)} за 30 дней, {num(n90)} за 90 дней",
        f"Еңбек мәселелері туралы жарияланымдар: 30 күнде {num(n30)}, 90 күнде {num(n90)}",
        f"Labour-related publications: {num_en(n30)} in 30 days, {num_en(n90)} in 90 days",
    )


def _survey(r: Row) -> Texts:
    idx, prot = r.get("survey_index"), r.get("survey_protest")
    return (
        f"Индекс социального самочувствия {num(idx)} из 100, готовность к протесту {num(prot, 1)} из 5",
        f"Әлеуметтік көңіл-күй индексі 100-ден {num(idx)}, наразылыққа дайындық 5-тен {num(prot, 1)}",
        f"Social well-being index {num_en(idx)} of 100, readiness to protest {num_en(prot, 1)} of 5",
    )


def _past(r: Row) -> Texts:
    n, days = _v(r, "conflicts_3y"), r.get("days_since_conflict")
    if n <= 0:
        return (
            "Конфликтов на предприятии за 3 года не было",
            "3 жылда кәсіпорында қақтығыс болған жоқ",
            "No conflicts at the employer in 3 years",
        )
    return (
        f"Трудовые конфликты на предприятии за 3 года: {num(n)}, последний {num(days)} дн. назад",
        f"3 жылдағы еңбек қақтығыстары: {num(n)}, соңғысы {num(days)} күн бұрын",
        f"Labour conflicts at the employer in 3 years: {num_en(n)}, the last {num_en(days)} days ago",
    )


def _nearby(r: Row) -> Texts:
    n90, n365 = _v(r, "conflicts_nearby_90d"), _v(r, "conflicts_nearby_365d")
    return (
        f"Конфликты у других работодателей региона и отрасли: {num(n90)} за 90 дней, {num(n365)} за год",
        f"Өңір мен саладағы басқа жұмыс берушілердегі қақтығыстар: 90 күнде {num(n90)}, бір жылда {num(n365)}",
        f"Conflicts at other employers of the region and sector: {num_en(n90)} in 90 days, {num_en(n365)} in a year",
    )


def _size(r: Row) -> Texts:
    n = max(_v(r, "headcount"), _v(r, "esutd_headcount"))
    return (
        f"Численность {num(n)} {plural_ru(n, 'работник', 'работника', 'работников')}",
        f"Қызметкерлер саны {num(n)}",
        f"Headcount of {num_en(n)}",
    )


def _hires(r: Row) -> Texts:
    h = _v(r, "hires_12m")
    return (
        f"Принято {num(h)} {plural_ru(h, 'работник', 'работника', 'работников')} за 12 мес.",
        f"12 айда {num(h)} қызметкер қабылданды",
        f"{num_en(h)} {plural_en(h, 'hire', 'hires')} in 12 months",
    )


def _generic(feature: str) -> Callable[[Row], Texts]:
    f = FEATURES_BY_NAME[feature]

    def render(r: Row) -> Texts:
        v = r.get(feature)
        shown = pct(v) if f.unit == "share" else num(v, 2 if f.unit == "ratio" else 0)
        shown_en = pct(v) if f.unit == "share" else num_en(v, 2 if f.unit == "ratio" else 0)
        return (f"{f.label_ru}: {shown}", f"{f.label_kk}: {shown}", f"{f.label_en}: {shown_en}")

    return render


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
)

REASONS_BY_CODE: dict[str, Reason] = {r.code: r for r in REASONS}
# Every feature belongs to exactly one reason (checked by the tests).
REASON_OF_FEATURE: dict[str, str] = {f: r.code for r in REASONS for f in r.features}


def render(code: str, row: Row) -> Texts:
    return REASONS_BY_CODE[code].render(row)


def _check() -> None:
    missing = [f.name for f in FEATURES if f.name not in REASON_OF_FEATURE]
    if missing:  # pragma: no cover - a programming error caught at import
        raise RuntimeError(f"features without a reason: {missing}")


_check()
