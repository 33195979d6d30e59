import pytest

from labormap.media.extract import amount_in_dispute, money, participants
from labormap.media.text import sentences


@pytest.mark.parametrize(
    ("text", "n"),
    [
        ("Около 450 водителей и машинистов отказались выходить на линию.", 450),
        ("Более 1 200 работников комбината вышли на митинг.", 1200),
        ("Пятеро рабочих объявили голодовку.", 5),
        ("У проходной собрались человек 30 из цеха.", 30),
        ("600-ге жуық кенші шахтаға түспеді.", 600),
        ("Сегіз үңгілеушісі аштық жариялады.", 8),
        ("450-ден астам жүргізушісі жұмысқа шықпады.", 450),
        ("Зарплата составляет 180 тысяч тенге.", None),
        ("Встреча прошла 15 мая в 10 часов.", None),
    ],
)
def test_participants(text: str, n: int | None) -> None:
    assert participants(text) == n


def test_money_amounts_and_multipliers() -> None:
    got = [v for v, _a, _b in money("Долг — 19,5 млн тенге, ещё 2 млрд тенге и 350 000 тенге, 45 процентов.")]
    assert got == [19_500_000, 2_000_000_000, 350_000]
    assert [v for v, *_ in money("жалақы берешегі 64 миллион теңгеге жетті")] == [64_000_000]


def test_amount_in_dispute_prefers_debt_sentences() -> None:
    text = (
        "Средняя зарплата на заводе 250 тысяч тенге. Задолженность перед работниками составила 36 млн тенге."
    )
    assert amount_in_dispute(text, sentences(text)) == 36_000_000
    plain = "Работники требуют поднять зарплату до 400 тысяч тенге."
    assert amount_in_dispute(plain, sentences(plain)) is None
