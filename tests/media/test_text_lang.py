from labormap.media.lang import detect
from labormap.media.text import fold, normalise, sentences, words


def test_normalise_unifies_quotes_entities_and_spaces() -> None:
    raw = "Работники ТОО &quot;Каспий Сервис&quot;\u00a0 вышли <b>на&nbsp;пикет</b> — “срочно”"
    out = normalise(raw)
    assert "«Каспий Сервис»" in out
    assert "<b>" not in out and "&" not in out
    assert "  " not in out
    assert "«срочно»" in out


def test_fold_matches_kazakh_typed_without_its_letters() -> None:
    assert fold("Жалақы") == fold("жалакы") == "жалакы"
    assert fold("Екi") == fold("Екі")  # a Latin i standing for і


def test_words_and_sentences() -> None:
    text = "Забастовка продолжается. Рабочие требуют повысить зарплату!\nВторая строка"
    assert words(text)[:2] == ["забастовка", "продолжается"]
    spans = sentences(text)
    assert [text[a:b] for a, b in spans] == [
        "Забастовка продолжается.",
        "Рабочие требуют повысить зарплату!",
        "Вторая строка",
    ]


def test_language_detection() -> None:
    assert detect("Работники завода в Жанаозене объявили забастовку и требуют повысить зарплату.") == "ru"
    assert detect("Жаңаөзендегі зауыт жұмысшылары жалақыны көтеруді талап етіп, ереуілге шықты.") == "kk"
    # Kazakh typed on a Russian keyboard: no Kazakh letters, the function words decide.
    assert detect("Бизде тагы жалакы жок, екi ай болды, акша жок. Басшылар телефон алмайды.") == "kk"
    # A Russian text quoting Kazakh names stays Russian.
    assert (
        detect("Работники ТОО «Қаламқас Вахта Сервис» и «Жаңаөзен Мұнай» вышли на пикет у акимата.") == "ru"
    )
    assert detect("Copper production in Kazakhstan rose by 7% in the first half of the year.") == "other"
