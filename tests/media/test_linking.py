from __future__ import annotations

import pytest

from labormap.identifiers import complete_kz_id
from labormap.media.linking import EmployerIndex, Link, compatible, initials, name_tokens, stem
from labormap.media.text import TOKEN_RE, fold


def _bin(n: int) -> str:
    for k in range(10):
        b = complete_kz_id(f"1001400{n:02d}{k:02d}")
        if b:
            return b
    raise AssertionError


BINS = {
    k: _bin(i)
    for i, k in enumerate(["west_ural", "west_aktau", "kazmys", "vostok", "ptz", "caspian", "school"])
}
ROWS = [
    (BINS["west_ural"], "ТОО «Батыс Сервис»", "«Батыс Сервис» ЖШС", "TOO", "271010000", None),
    (BINS["west_aktau"], "ТОО «Батыс Сервис»", "«Батыс Сервис» ЖШС", "TOO", "471010000", None),
    (BINS["kazmys"], "ТОО «Казмысстрой»", None, "TOO", "351010000", None),
    (BINS["vostok"], "ТОО «Восток»", None, "TOO", "631010000", None),
    (BINS["ptz"], "АО «Петропавловский трансформаторный завод»", None, "AO", "591010000", None),
    (BINS["caspian"], "ТОО «Каспий ТрансСервис»", "«Каспий ТрансСервис» ЖШС", "TOO", "471010000", None),
    (BINS["school"], "ГУ «Школа-лицей №88»", "«№88 мектеп-лицей» ММ", "GU", "711010000", None),
]


@pytest.fixture(scope="module")
def index() -> EmployerIndex:
    return EmployerIndex(ROWS)


def link(index: EmployerIndex, text: str, orgs: list[tuple[int, int]] | None = None) -> list[Link]:
    toks = [(m.group(0), fold(m.group(0)), m.start(), m.end()) for m in TOKEN_RE.finditer(text)]
    return index.link(text, toks, orgs or [])


def test_name_normalisation() -> None:
    assert name_tokens("ТОО «Батыс Сервис»") == name_tokens("«Батыс Сервис» ЖШС") == ("батыс", "сервис")
    assert name_tokens('Товарищество с ограниченной ответственностью "Каспий ТрансСервис"') == name_tokens(
        "ТОО «Каспий ТрансСервис»"
    )
    assert initials("АО «Петропавловский трансформаторный завод»") == "птз"
    assert initials("ТОО «Батыс Сервис»") is None  # two words make no safe abbreviation
    assert compatible(stem("казмысстроя"), stem("казмысстрой"))
    assert stem(fold("зауытының")) == stem(fold("зауыты"))


def test_full_names_in_any_case_and_language(index: EmployerIndex) -> None:
    got = link(index, "Водители «Каспий ТрансСервиса» не вышли на линию в Актау")
    assert [lk.bin for lk in got] == [BINS["caspian"]]
    assert got[0].how == "name" and got[0].confidence > 0.95  # Aktau agrees with the registered region
    kk = link(index, "«Каспий ТрансСервис» ЖШС-ның жүргізушілері жұмысқа шықпады")
    assert [lk.bin for lk in kk] == [BINS["caspian"]]


def test_towns_choose_between_namesakes(index: EmployerIndex) -> None:
    ural = {
        lk.bin: lk.confidence for lk in link(index, "В Уральске работники ТОО «Батыс Сервис» вышли на пикет")
    }
    assert ural[BINS["west_ural"]] > ural[BINS["west_aktau"]]
    aktau = {
        lk.bin: lk.confidence for lk in link(index, "Ақтауда «Батыс Сервис» ЖШС қызметкерлері ереуілге шықты")
    }
    assert aktau[BINS["west_aktau"]] > aktau[BINS["west_ural"]]


def test_bin_in_text_links_directly(index: EmployerIndex) -> None:
    got = link(index, f"Компания (БИН {BINS['kazmys']}) задерживает зарплату; ещё БИН 123456789012 неверный.")
    assert [(lk.bin, lk.confidence, lk.how) for lk in got] == [(BINS["kazmys"], 1.0, "bin")]


def test_one_word_names_need_support(index: EmployerIndex) -> None:
    assert link(index, "На востоке страны похолодало, восток Казахстана засыпало снегом.") == []
    assert link(index, "Рабочие ТОО «Восток» вышли на пикет") != []
    # A word no dictionary knows, in capitals, is a name even without quotes.
    assert [lk.bin for lk in link(index, "Рабочие Казмысстроя не получили зарплату")] == [BINS["kazmys"]]


def test_initials_alias_only_in_capitals(index: EmployerIndex) -> None:
    assert [lk.how for lk in link(index, "Рабочие ПТЗ два месяца без зарплаты")] == ["alias"]
    assert link(index, "птз") == []


def test_numbered_names(index: EmployerIndex) -> None:
    got = link(index, "Учителя школы-лицея №88 в Астане отказались от дополнительной нагрузки")
    assert [lk.bin for lk in got] == [BINS["school"]]


def test_fuzzy_match_of_quoted_organisations(index: EmployerIndex) -> None:
    text = "Работники «Каспий Транс Сервис» вышли на работу"
    got = link(index, text)
    assert [(lk.bin, lk.how) for lk in got] == [(BINS["caspian"], "fuzzy")]
    assert 0.6 <= got[0].confidence <= 0.95
    assert link(index, "Работники «Совсем Другой Компании» вышли на работу") == []


def test_longest_name_wins_and_common_names_need_a_town() -> None:
    rows = [(_bin(20), "ТОО «Батыс Бургы Сервис»", None, "TOO", "471810000", None)]
    # Five employers called just «Сервис», one of them in Atyrau.
    rows += [
        (_bin(30 + k), "ТОО «Сервис»", None, "TOO", kato, None)
        for k, kato in enumerate(["231010000", "351010000", "751010000", "711010000", "551010000"])
    ]
    idx = EmployerIndex(rows)
    got = link(idx, "Работники ТОО «Батыс Бургы Сервис» вышли на пикет")
    assert [lk.bin for lk in got] == [_bin(20)]  # not the five «Сервис» inside the longer name
    assert link(idx, "Работники ТОО «Сервис» вышли на пикет") == []  # which of the five? unknown
    in_atyrau = link(idx, "В Атырау работники ТОО «Сервис» вышли на пикет")
    assert [lk.bin for lk in in_atyrau] == [_bin(30)]
