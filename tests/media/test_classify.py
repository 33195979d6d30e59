"""Classification behaviour on hand-written publications (none of them from the labelled sets)."""

from __future__ import annotations

import pytest

from labormap.media.pipeline import Analyzer, Result


def one(analyzer: Analyzer, text: str, title: str = "", when: str = "2025-06-10T09:00:00") -> Result:
    return analyzer.analyse(
        [{"id": "x", "published_at": when, "source": "test", "title": title, "text": text}]
    )[0]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "Около 200 рабочих ТОО «Экибастуз Комир» утром не вышли на смену, требуя повысить зарплату.",
            "strike",
        ),
        ("«Екібастұз Көмір» ЖШС кеншілері жалақыны көтеруді талап етіп, ереуілге шықты.", "strike"),
        ("Шесть работников ТОО «Балхаш Жылу» объявили голодовку из-за долгов по зарплате.", "hunger_strike"),
        ("Работники АО «Атырау Химпром» провели пикет у здания акимата, требуя выплатить премии.", "rally"),
        ("Водители ТОО «Актобе Автопарк» записали видеообращение к Президенту о низких зарплатах.", "appeal"),
        (
            "Работники ТОО «Южный Цемент» заявили, что если зарплату не повысят, они объявят забастовку.",
            "strike_threat",
        ),
        (
            "«Оңтүстік Цемент» ЖШС жұмысшылары жалақы көтерілмесе, ереуіл жариялайтынын ескертті.",
            "strike_threat",
        ),
        ("ТОО «Семей Мясопродукт» третий месяц не выплачивает зарплату 50 работникам цеха.", "wage_arrears"),
        ("АО «Кумколь Ойл» объявило о сокращении 150 работников в связи с падением добычи.", "layoffs"),
        ("На руднике ТОО «Жезказган Мыс Кен» при обрушении погиб горнорабочий.", "conditions"),
        (
            "Профсоюз АО «Темиртау Болат» начал переговоры с работодателем о новом коллективном договоре.",
            "other_labour",
        ),
    ],
)
def test_kinds(analyzer: Analyzer, text: str, kind: str) -> None:
    r = one(analyzer, text)
    assert r.kind == kind, r.reason
    assert r.labour is True


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Машинисты метро в Лондоне начали забастовку, требуя повышения зарплаты на 10%.", "abroad"),
        (
            "Мой принтер объявил забастовку прямо перед сдачей отчёта, вся смена ждёт. Кот смотрит осуждающе.",
            "metaphor",
        ),
        (
            "В матче чемпионата нападающие «Тобола» будто объявили забастовку: тренер недоволен игрой, "
            "соперник забил дважды, а компания-спонсор ждёт побед.",
            "sport",
        ),
        ("Историки вспоминают забастовку горняков Караганды в 1989 году и её последствия.", "history"),
        (
            "Жители посёлка провели митинг у акимата против строительства завода рядом с домами.",
            "non_workers",
        ),
        (
            "Скидки на спецодежду для работников предприятий до 40%! Доставка бесплатно, звоните и пишите "
            "в WhatsApp.",
            "advertising",
        ),
    ],
)
def test_hard_negatives(analyzer: Analyzer, text: str, reason: str) -> None:
    r = one(analyzer, text)
    assert r.kind == "not_labour"
    assert r.labour is False
    assert r.reason == reason


def test_tax_debts_are_not_wage_arrears(analyzer: Analyzer) -> None:
    r = one(
        analyzer,
        "Департамент госдоходов сообщил, что задолженность ТОО «Каспий Сервис» по налогам "
        "составляет 40 млн тенге. Компании выставлено уведомление.",
    )
    assert r.labour is False


def test_an_action_reported_as_over_is_other_labour(analyzer: Analyzer) -> None:
    r = one(
        analyzer,
        "Работники ТОО «Каспий ТрансСервис» вернулись к работе после подписания соглашения. "
        "Забастовка продолжалась три дня.",
        title="Водители вернулись к работе",
    )
    assert r.kind == "other_labour"
    live = one(
        analyzer,
        "Водители ТОО «Каспий ТрансСервис» третий день не выходят на работу. "
        "Переговоры продолжаются, стороны договорились встретиться завтра.",
    )
    assert live.kind == "strike"


def test_negated_resolution_is_not_a_resolution(analyzer: Analyzer) -> None:
    r = one(analyzer, "Горняки ТОО «Шахтинск Комир» сегодня не приступили к работе.")
    assert r.kind == "strike"


def test_causes_and_severity(analyzer: Analyzer) -> None:
    r = one(
        analyzer,
        "Около 600 горняков ТОО «Шахтинск Комир» прекратили работу. Они требуют повысить "
        "зарплату и перевести их в штат заказчика, а также отремонтировать вентиляцию.",
    )
    assert r.kind == "strike"
    assert {"wage_level", "transfer_to_parent", "working_conditions"} <= set(r.causes)
    assert r.participants == 600
    assert r.severity == 3
    small = one(analyzer, "Работники ТОО «Береке Агро» пожаловались на задержку зарплаты за май.")
    assert small.kind == "wage_arrears"
    assert small.severity == 1


def test_non_candidates_skip_the_full_analysis(analyzer: Analyzer) -> None:
    r = one(analyzer, "Синоптики обещают тёплую погоду в выходные.")
    assert (r.labour, r.kind, r.reason, r.employer_bins) == (False, "not_labour", "triage", [])
