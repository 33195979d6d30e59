"""Issue 18: real reports — protest forms without strike words, real company names (ru and kk).

One test per failure class, on real-looking publications; the held-out real-event set as a self-check;
aliases and renames linked through a tiny warehouse.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from labormap.media.evaluate import evaluate, fixture_contractors, fixture_employers
from labormap.media.linking import EmployerIndex, cyrillic
from labormap.media.pipeline import Analyzer
from labormap.media.text import TOKEN_RE, fold

REAL = "real_employers.jsonl"


@pytest.fixture(scope="module")
def real() -> Analyzer:
    return Analyzer(
        EmployerIndex(fixture_employers(REAL), contractors=fixture_contractors(REAL)), use_ner=False
    )


def bins_of(key: str) -> str:
    return next(r[0] for r in fixture_employers(REAL) if key in r[1])


def one(an: Analyzer, text: str, lang: str = "ru") -> tuple[str, list[str]]:
    r = an.analyse(
        [{"id": "x", "published_at": "2025-06-01T09:00:00", "title": "", "text": text, "lang": lang}]
    )[0]
    return r.kind, r.employer_bins


@pytest.mark.parametrize(
    ("text", "lang", "kind"),
    [
        # staying underground after the shift
        (
            "Около ста горняков шахты Qarmet после ночной смены остались под землёй и не поднимаются наверх.",
            "ru",
            "strike",
        ),
        ("Qarmet кеншілері ауысымнан кейін жер бетіне көтерілмеді, жер астында отыр.", "kk", "strike"),
        # buses not leaving the depot
        ("Утром автобусы Shymkent Bus так и не выехали из парка: водители требуют зарплату.", "ru", "strike"),
        ("Shymkent Bus жүргізушілері рейске шықпады, автобустар паркте қалды.", "kk", "strike"),
        # gathering at the office
        (
            "Около 70 курьеров Wolt собрались у офиса компании в Алматы и потребовали вернуть бонусы.",
            "ru",
            "rally",
        ),
        # idle time and a shortened week
        ("Казахмыс отправил в простой 300 работников обогатительной фабрики.", "ru", "layoffs"),
        (
            "Qarmet кеніштерінде қысқартылған жұмыс аптасы енгізіледі, кеншілердің табысы азаяды.",
            "kk",
            "layoffs",
        ),
        # a deadline
        (
            "Горняки Qarmet предупредили: если до пятницы зарплату не поднимут, смены не спустятся в шахту.",
            "ru",
            "strike_threat",
        ),
        # complaints to the prosecutor or the akim's reception
        (
            "Водители ТОО «Актобе Автобус Парк» пришли на приём к акиму с жалобой на задержку зарплаты.",
            "ru",
            "appeal",
        ),
        ("KEZBI жұмысшылары жалақы туралы прокуратураға шағым жолдады.", "kk", "appeal"),
        # unpaid wages told as a story
        (
            "Учителя школы «Смарт білім» с августа не видят денег, каждые десять дней слышат обещания.",
            "ru",
            "wage_arrears",
        ),
    ],
)
def test_protest_forms_without_strike_words(real: Analyzer, text: str, lang: str, kind: str) -> None:
    assert one(real, text, lang)[0] == kind


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Курьеры Glovo в Барселоне провели забастовку против нового закона о райдерах.", "ru"),
        ("Чилидегі мыс кенішінің кеншілері ереуілге шықты.", "kk"),
        ("Офисный принтер опять бастует: печатает только половину страницы.", "ru"),
        ("Qarmet выплавил миллион тонн стали и увеличил продажи проката.", "ru"),
    ],
)
def test_hard_negatives_about_the_same_companies(real: Analyzer, text: str, lang: str) -> None:
    assert one(real, text, lang)[0] == "not_labour"


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Горняки АрселорМиттал Темиртау не поднялись на поверхность.", "Qarmet"),  # former name
        (
            "Горняки АМТ-ның шахтасында жұмыс тоқтады, кеншілер жұмысқа шықпады.",
            "Qarmet",
        ),  # abbreviation + kk ending
        ("Рабочие ТШО на Тенгизе прекратили работу.", "Тенгизшевройл"),  # abbreviation
        ("Теңізшевройл жұмысшылары жұмысты тоқтатты.", "Тенгизшевройл"),  # Kazakh spelling
        ("Қазақмыс кеншілері жер астында қалды.", "Казахмыс"),  # Kazakh spelling қ ↔ х
        ("Miners of Kazakhmys: шахтёры Kazakhmys остались под землёй.", "Казахмыс"),  # Latin spelling
        ("Водители KEZBI не вышли на линию.", "KEZBI"),
        ("Курьеры Glovo не брали заказы.", "Глово"),  # brand vs registered name
        ("Фельдшеры станции скорой помощи Темиртау не вышли на смену.", "Темиртау"),  # type + town
        ("В Актау бригады скорой помощи не вышли на смену.", "Мангистауская"),  # type + town → regional body
    ],
)
def test_real_names_link(real: Analyzer, text: str, key: str) -> None:
    assert bins_of(key) in one(real, text)[1]


def test_contractor_of_a_customer_is_a_low_confidence_candidate() -> None:
    idx = EmployerIndex(fixture_employers(REAL), contractors=fixture_contractors(REAL))
    text = "Рабочие подрядчика ТШО на Тенгизе прекратили работу."
    toks = [(m.group(), fold(m.group()), m.start(), m.end()) for m in TOKEN_RE.finditer(text)]
    links = {lk.bin: lk for lk in idx.link(text, toks)}
    assert links[bins_of("Тенгизшевройл")].confidence >= 0.8
    kentech = links[bins_of("Кентек")]
    assert kentech.how == "contractor" and kentech.confidence < 0.5  # below the pipeline's threshold


def test_transliteration() -> None:
    assert cyrillic("kazakhmys") == "казахмыс"
    assert cyrillic("qarmet") == "кармет"


def test_heldout_real_events_self_check() -> None:
    """Measured on the held-out part (never used for tuning): F1 0.921, linking 0.974 (docs/media.md);
    the thresholds are those minus a small margin, so a regression fails."""
    rep, _r, _i = evaluate("real_heldout", use_ner=False)
    assert rep["labour"]["f1"] >= 0.90
    assert rep["linking"]["accuracy"] >= 0.94


def test_rename_and_alias_link_through_a_tiny_warehouse(tmp_path: Path) -> None:
    """A rename is a new version of the same BIN: the former name stays in employers_history and links."""
    from labormap.ingest import ingest_drop
    from labormap.warehouse import Warehouse

    bin_ = bins_of("Qarmet")
    base = {"bin": bin_, "name_kk": None, "legal_form": "AO", "oked": "24100", "kato": "352410000",
            "status": "active", "registered_on": "1995-12-01", "parent_bin": None, "holding": None,
            "union_present": True, "accident_insurance": True}  # fmt: skip
    wh = Warehouse(tmp_path / "wh")
    for i, (name, aliases) in enumerate(
        (("АО «АрселорМиттал Темиртау»", None), ("АО «Qarmet»", "АМТ;Кармет"))
    ):
        drop = tmp_path / f"drop{i}"
        drop.mkdir()
        (drop / "employers.jsonl").write_text(
            json.dumps({**base, "name": name, "aliases": aliases}, ensure_ascii=False) + "\n",
            encoding="utf-8",
        )
        ingest_drop(drop, wh)
    con = wh.connect()
    try:
        assert con.execute("select name from employers").fetchall() == [("АО «Qarmet»",)]
        assert con.execute("select count(*) from employers_history").fetchone() == (2,)
    finally:
        con.close()
    idx = EmployerIndex.from_warehouse(wh)
    for text in (
        "Горняки «АрселорМиттал Темиртау» бастуют.",
        "Горняки АМТ бастуют.",
        "Горняки Кармета бастуют.",
    ):
        toks = [(m.group(), fold(m.group()), m.start(), m.end()) for m in TOKEN_RE.finditer(text)]
        assert bin_ in {lk.bin for lk in idx.link(text, toks)}, text
    shutil.rmtree(tmp_path / "wh", ignore_errors=True)


def test_institution_words_need_the_type_not_a_look_alike(real: Analyzer) -> None:
    """«скоро» is not «скорая»: no public body is linked from an adverb and a town."""
    assert bins_of("Темиртау") not in one(real, "Скоро в Темиртау откроют новый сквер.")[1]
