"""The feature catalogue: every column of the feature table with its labels, unit and risk direction.

The catalogue is the single list the feature builder, the model (monotone constraints), the scorecard,
the reasons and the web card read, so a feature exists once with one meaning.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Feature:
    name: str
    family: str
    label_ru: str
    label_kk: str
    label_en: str
    unit: str  # workers, share, ratio, KZT, months, days, count, flag, index
    # +1: a higher value can only raise the risk; -1: can only lower it; 0: the domain does not fix it.
    direction: int
    # value when the employer has no rows for the feature (None keeps NULL: "unknown", not "zero")
    fill: float | None = 0.0

    def label(self, lang: str) -> str:
        return {"ru": self.label_ru, "kk": self.label_kk, "en": self.label_en}.get(lang, self.label_ru)


_F = Feature
FEATURES: tuple[Feature, ...] = (
    # --- workforce (payments for the reference month, ЕСУТД contracts) ------------------------------
    _F(
        "headcount",
        "workforce",
        "Численность (по взносам)",
        "Қызметкерлер саны (жарналар бойынша)",
        "Headcount (paid)",
        "workers",
        0,
    ),
    _F(
        "headcount_change_3m",
        "workforce",
        "Изменение численности за 3 мес.",
        "3 айдағы сан өзгерісі",
        "Headcount change, 3 months",
        "share",
        -1,
        None,
    ),
    _F(
        "headcount_change_6m",
        "workforce",
        "Изменение численности за 6 мес.",
        "6 айдағы сан өзгерісі",
        "Headcount change, 6 months",
        "share",
        -1,
        None,
    ),
    _F(
        "headcount_change_12m",
        "workforce",
        "Изменение численности за 12 мес.",
        "12 айдағы сан өзгерісі",
        "Headcount change, 12 months",
        "share",
        -1,
        None,
    ),
    _F(
        "esutd_headcount",
        "workforce",
        "Действующие договоры в ЕСУТД",
        "ЕСУТД-дағы қолданыстағы шарттар",
        "Active contracts in ЕСУТД",
        "workers",
        0,
    ),
    _F(
        "hires_12m",
        "workforce",
        "Принято за 12 мес.",
        "12 айда қабылданғандар",
        "Hires, 12 months",
        "workers",
        0,
    ),
    _F(
        "terminations_12m",
        "workforce",
        "Уволено за 12 мес.",
        "12 айда босатылғандар",
        "Terminations, 12 months",
        "workers",
        0,
    ),
    _F(
        "reduction_terminations_3m",
        "workforce",
        "Сокращено за 3 мес.",
        "3 айда қысқартылғандар",
        "Staff-reduction terminations, 3 months",
        "workers",
        1,
    ),
    _F(
        "reduction_terminations_12m",
        "workforce",
        "Сокращено за 12 мес.",
        "12 айда қысқартылғандар",
        "Staff-reduction terminations, 12 months",
        "workers",
        1,
    ),
    _F(
        "liquidation_terminations_12m",
        "workforce",
        "Уволено при ликвидации за 12 мес.",
        "12 айда таратуға байланысты босатылғандар",
        "Terminations on liquidation, 12 months",
        "workers",
        1,
    ),
    _F(
        "turnover_12m",
        "workforce",
        "Текучесть кадров за 12 мес.",
        "12 айдағы кадр тұрақсыздығы",
        "Staff turnover, 12 months",
        "share",
        1,
    ),
    _F(
        "reduction_share_12m",
        "workforce",
        "Доля сокращённых за 12 мес.",
        "12 айда қысқартылғандар үлесі",
        "Share of staff reduced, 12 months",
        "share",
        1,
    ),
    # --- wages ---------------------------------------------------------------------------------------
    _F("median_wage", "wages", "Медианная зарплата", "Медианалық жалақы", "Median wage", "KZT", 0, None),
    _F(
        "median_wage_real_change_12m",
        "wages",
        "Реальное изменение медианной зарплаты за 12 мес.",
        "12 айдағы медианалық жалақының нақты өзгерісі",
        "Real change of the median wage, 12 months",
        "share",
        -1,
        None,
    ),
    _F(
        "wage_vs_peers",
        "wages",
        "Зарплата к медиане региона и отрасли",
        "Өңір мен сала медианасына жалақы",
        "Wage against region × sector peers",
        "ratio",
        -1,
        None,
    ),
    _F(
        "wage_vs_tariff",
        "wages",
        "Зарплата к минимальной тарифной ставке",
        "Жалақының ең төменгі тарифтік мөлшерлемеге қатынасы",
        "Wage against the minimum tariff rate",
        "ratio",
        -1,
        None,
    ),
    _F(
        "share_below_tariff",
        "wages",
        "Доля получающих ниже тарифной ставки",
        "Тарифтік мөлшерлемеден төмен алатындар үлесі",
        "Share paid below the minimum tariff",
        "share",
        1,
    ),
    _F(
        "share_near_min_wage",
        "wages",
        "Доля получающих около МЗП",
        "ЕТЖ шамасында алатындар үлесі",
        "Share paid near the minimum wage",
        "share",
        1,
    ),
    _F(
        "pay_gap_p90_p50",
        "wages",
        "Разрыв в оплате (p90/p50)",
        "Жалақы алшақтығы (p90/p50)",
        "Pay gap (p90/p50)",
        "ratio",
        1,
        None,
    ),
    _F(
        "payroll_change_3m",
        "wages",
        "Изменение фонда оплаты за 3 мес.",
        "3 айдағы жалақы қорының өзгерісі",
        "Payroll change, 3 months",
        "share",
        -1,
        None,
    ),
    # --- contribution discipline (ОПВ, СО, ОСМС), last 12 income months ------------------------------
    _F(
        "contrib_late_share_12m",
        "contributions",
        "Доля взносов, уплаченных с опозданием",
        "Кешіктіріп төленген жарналар үлесі",
        "Share of contributions paid late",
        "share",
        1,
    ),
    _F(
        "contrib_late_months_12m",
        "contributions",
        "Месяцы с просрочкой взносов",
        "Жарналар кешіктірілген айлар",
        "Months with late contributions",
        "months",
        1,
    ),
    _F(
        "contrib_missing_months_12m",
        "contributions",
        "Месяцы без взносов",
        "Жарнасыз айлар",
        "Months without contributions",
        "months",
        1,
    ),
    _F(
        "opv_short_share_12m",
        "contributions",
        "Доля неполных ОПВ",
        "Толық емес МЗЖ үлесі",
        "Share of short pension contributions (ОПВ)",
        "share",
        1,
    ),
    _F(
        "so_short_share_12m",
        "contributions",
        "Доля неполных СО",
        "Толық емес ӘА үлесі",
        "Share of short social contributions (СО)",
        "share",
        1,
    ),
    _F(
        "osms_short_share_12m",
        "contributions",
        "Доля неполных отчислений ОСМС",
        "Толық емес МӘМС үлесі",
        "Share of short health insurance contributions (ОСМС)",
        "share",
        1,
    ),
    # --- ЕСУТД completeness ------------------------------------------------------------------------
    _F(
        "paid_without_contract_share",
        "esutd",
        "Доля работающих без договора в ЕСУТД",
        "ЕСУТД-да шартсыз жұмыс істейтіндер үлесі",
        "Share paid without a contract in ЕСУТД",
        "share",
        1,
    ),
    _F(
        "contract_without_pay_share",
        "esutd",
        "Доля договоров без взносов",
        "Жарнасыз шарттар үлесі",
        "Share of contracts without contributions",
        "share",
        1,
    ),
    _F(
        "esutd_late_share_12m",
        "esutd",
        "Доля несвоевременных записей в ЕСУТД",
        "ЕСУТД-ға кеш енгізілген жазбалар үлесі",
        "Share of late ЕСУТД entries",
        "share",
        1,
    ),
    # --- part-time and idle time -------------------------------------------------------------------
    _F(
        "part_time_share",
        "worktime",
        "Доля переведённых на неполное время",
        "Толық емес уақытқа ауыстырылғандар",
        "Share moved to part-time",
        "share",
        1,
    ),
    _F(
        "idle_share",
        "worktime",
        "Доля работников в простое",
        "Бос тұрған қызметкерлер үлесі",
        "Share of workers on idle time",
        "share",
        1,
    ),
    # --- arrears, orders, enforcement --------------------------------------------------------------
    _F(
        "arrears_open_cases",
        "arrears",
        "Непогашенные задолженности по зарплате",
        "Өтелмеген жалақы берешегі",
        "Open wage-arrears cases",
        "count",
        1,
    ),
    _F(
        "arrears_workers",
        "arrears",
        "Работники с задолженностью по зарплате",
        "Жалақы берешегі бар қызметкерлер",
        "Workers owed wages",
        "workers",
        1,
    ),
    _F(
        "arrears_months",
        "arrears",
        "Срок задолженности по зарплате",
        "Жалақы берешегінің мерзімі",
        "Months of wage arrears",
        "months",
        1,
    ),
    _F(
        "arrears_amount_per_worker",
        "arrears",
        "Задолженность на работника",
        "Бір қызметкерге берешек",
        "Arrears per worker",
        "KZT",
        1,
    ),
    _F(
        "arrears_cases_3y",
        "arrears",
        "Случаи задолженности за 3 года",
        "3 жылдағы берешек жағдайлары",
        "Wage-arrears cases, 3 years",
        "count",
        1,
    ),
    _F(
        "overdue_orders",
        "arrears",
        "Просроченные предписания инспектора",
        "Мерзімі өткен инспектор нұсқамалары",
        "Overdue inspector orders",
        "count",
        1,
    ),
    _F(
        "enforcement_open",
        "arrears",
        "Исполнительные производства по зарплате",
        "Жалақы бойынша атқарушылық іс",
        "Open wage enforcement proceedings",
        "count",
        1,
    ),
    _F(
        "enforcement_amount_kzt",
        "arrears",
        "Сумма исполнительных производств",
        "Атқарушылық іс сомасы",
        "Amount under enforcement",
        "KZT",
        1,
    ),
    # --- insurance, union, collective agreement ----------------------------------------------------
    _F(
        "no_accident_insurance",
        "agreements",
        "Нет договора страхования от несчастных случаев",
        "Жазатайым оқиғадан сақтандыру шарты жоқ",
        "No accident insurance contract",
        "flag",
        1,
    ),
    _F("union_present", "agreements", "Есть профсоюз", "Кәсіподақ бар", "Trade union present", "flag", 0),
    _F(
        "ca_in_force",
        "agreements",
        "Действует коллективный договор",
        "Ұжымдық шарт қолданыста",
        "Collective agreement in force",
        "flag",
        -1,
    ),
    _F(
        "ca_expiring_180d",
        "agreements",
        "Коллективный договор истекает в течение 180 дней",
        "Ұжымдық шарт 180 күнде аяқталады",
        "Collective agreement expires within 180 days",
        "flag",
        1,
    ),
    _F(
        "ca_lapsed_365d",
        "agreements",
        "Коллективный договор истёк и не продлён",
        "Ұжымдық шарт аяқталып, ұзартылмаған",
        "Collective agreement lapsed, not renewed",
        "flag",
        1,
    ),
    # --- contractor exposure -----------------------------------------------------------------------
    _F(
        "service_contracts_active",
        "contractors",
        "Действующие договоры услуг с заказчиками",
        "Тапсырыс берушілермен қолданыстағы қызмет шарттары",
        "Active service contracts with customers",
        "count",
        0,
    ),
    _F(
        "contract_workers_ending_90d_share",
        "contractors",
        "Доля работников на договорах, истекающих за 90 дней",
        "90 күнде аяқталатын шарттардағы қызметкерлер үлесі",
        "Share of workers on contracts ending in 90 days",
        "share",
        1,
    ),
    _F(
        "contract_workers_ended_90d_share",
        "contractors",
        "Доля работников на договорах, истёкших за 90 дней",
        "Соңғы 90 күнде аяқталған шарттардағы қызметкерлер үлесі",
        "Share of workers on contracts ended in the last 90 days",
        "share",
        1,
    ),
    _F(
        "customer_reduction_share_6m",
        "contractors",
        "Сокращения у заказчиков за 6 мес.",
        "Тапсырыс берушілердегі 6 айлық қысқартулар",
        "Staff reductions at customers, 6 months",
        "share",
        1,
    ),
    # --- media signals -----------------------------------------------------------------------------
    _F(
        "media_7d",
        "media",
        "Публикации о трудовых проблемах за 7 дней",
        "7 күндегі еңбек мәселесі жарияланымдары",
        "Labour publications, 7 days",
        "count",
        1,
    ),
    _F(
        "media_30d",
        "media",
        "Публикации о трудовых проблемах за 30 дней",
        "30 күндегі еңбек мәселесі жарияланымдары",
        "Labour publications, 30 days",
        "count",
        1,
    ),
    _F(
        "media_90d",
        "media",
        "Публикации о трудовых проблемах за 90 дней",
        "90 күндегі еңбек мәселесі жарияланымдары",
        "Labour publications, 90 days",
        "count",
        1,
    ),
    _F(
        "media_severity_max_30d",
        "media",
        "Наибольшая острота публикаций за 30 дней",
        "30 күндегі жарияланымдардың ең жоғары өткірлігі",
        "Highest severity of publications, 30 days",
        "index",
        1,
    ),
    _F(
        "media_protest_30d",
        "media",
        "Сообщения о протестах и угрозах забастовки за 30 дней",
        "30 күндегі наразылық пен ереуіл қаупі туралы хабарлар",
        "Protest and strike-threat reports, 30 days",
        "count",
        1,
    ),
    # --- surveys -----------------------------------------------------------------------------------
    _F(
        "survey_index",
        "survey",
        "Индекс социального самочувствия",
        "Әлеуметтік көңіл-күй индексі",
        "Social well-being index",
        "index",
        -1,
        None,
    ),
    _F(
        "survey_protest",
        "survey",
        "Готовность к протесту (опрос)",
        "Наразылыққа дайындық (сауалнама)",
        "Readiness to protest (survey)",
        "index",
        1,
        None,
    ),
    # --- conflicts ---------------------------------------------------------------------------------
    _F(
        "conflicts_3y",
        "conflicts",
        "Конфликты на предприятии за 3 года",
        "3 жылдағы кәсіпорындағы қақтығыстар",
        "Conflicts at the employer, 3 years",
        "count",
        1,
    ),
    _F(
        "days_since_conflict",
        "conflicts",
        "Дней с последнего конфликта",
        "Соңғы қақтығыстан бергі күндер",
        "Days since the last conflict",
        "days",
        -1,
        None,
    ),
    _F(
        "conflicts_nearby_90d",
        "conflicts",
        "Конфликты в регионе и отрасли за 90 дней",
        "90 күндегі өңір мен саладағы қақтығыстар",
        "Conflicts in the same region and sector, 90 days",
        "count",
        1,
    ),
    _F(
        "conflicts_nearby_365d",
        "conflicts",
        "Конфликты в регионе и отрасли за год",
        "Бір жылдағы өңір мен саладағы қақтығыстар",
        "Conflicts in the same region and sector, 1 year",
        "count",
        1,
    ),
)

FEATURES_BY_NAME: dict[str, Feature] = {f.name: f for f in FEATURES}
FEATURE_NAMES: tuple[str, ...] = tuple(f.name for f in FEATURES)

# Columns of the feature table that describe the employer rather than measure it (for breakdowns, peers).
ATTRIBUTES: tuple[str, ...] = ("region", "sector")
KEY_COLUMNS: tuple[str, ...] = ("employer_bin", "as_of")


def catalogue_markdown() -> str:
    """The catalogue as a Markdown table (docs/risk.md quotes it)."""
    arrow = {1: "↑ risk", -1: "↓ risk", 0: "—"}
    lines = [
        "| feature | family | label (ru) | label (en) | unit | monotone | missing |",
        "|---|---|---|---|---|---|---|",
    ]
    for f in FEATURES:
        missing = "NULL" if f.fill is None else f"{f.fill:g}"
        lines.append(
            f"| `{f.name}` | {f.family} | {f.label_ru} | {f.label_en} | {f.unit} | {arrow[f.direction]} | "
            f"{missing} |"
        )
    return "\n".join(lines)
