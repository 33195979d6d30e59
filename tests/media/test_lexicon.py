import pytest

from labormap.media.lexicon import DocIndex, Lexicon, compile_pattern, default_lexicon, tokenize
from labormap.media.triage import SIGNAL_CONCEPTS, Triage


def _find(lex: Lexicon, text: str, lang: str = "ru") -> dict[str, list[tuple[int, int]]]:
    return DocIndex(tokenize(text, lang), lex).find(lex)


@pytest.fixture(scope="module")
def small() -> Lexicon:
    return Lexicon(
        {
            "ru": {"arrears": ["задолженность ~3 заработный плата"], "strike": ["забастовка", "бастов*"]},
            "kk": {"strike": ["ереуіл", "жұмысқа шықпа"], "cond": ["=егер", "*масa"]},
        }
    )


def test_russian_patterns_match_any_inflection_by_lemma(small: Lexicon) -> None:
    assert "strike" in _find(small, "Работники объявили забастовку")
    assert "strike" in _find(small, "бастующие горняки")  # prefix of the lemma «бастовать»
    assert "arrears" in _find(small, "Задолженности по заработной плате растут")


def test_gaps_and_order_are_respected(small: Lexicon) -> None:
    assert "arrears" in _find(small, "задолженность перед работниками по заработной плате")
    assert "arrears" not in _find(
        small, "задолженность перед бюджетом и налоговыми органами ещё до заработной платы"
    )
    assert "arrears" not in _find(small, "заработная плата и задолженность")


def test_kazakh_stems_match_endings_and_folded_spelling(small: Lexicon) -> None:
    assert "strike" in _find(small, "Жұмысшылар ереуілге шықты", "kk")
    assert "strike" in _find(small, "жумысшылар ереуилди жалгастырды", "kk")  # no Kazakh letters
    assert "strike" in _find(small, "жұмысқа шықпай отыр", "kk")
    assert "strike" not in _find(small, "жұмысқа шықты", "kk")


def test_exact_words() -> None:
    lex = Lexicon({"kk": {"cond": ["=егер"]}})
    assert "cond" in _find(lex, "егер талап орындалмаса", "kk")
    assert "cond" not in _find(lex, "егерде", "kk")


def test_pattern_compilation_rejects_empty() -> None:
    with pytest.raises(ValueError, match="empty lexicon pattern"):
        compile_pattern("   ", "ru")


def test_packaged_lexicons_cover_both_languages() -> None:
    lex = default_lexicon()
    for concept in SIGNAL_CONCEPTS:
        assert concept in lex.patterns
    kk_keys = {k for p in lex.patterns["strike"] for s in p.slots for k in s if k.startswith("P:")}
    assert any(k.startswith("P:ереуил") for k in kk_keys)


def test_triage_never_drops_a_publication_the_full_analysis_would_flag() -> None:
    # The promise that makes triage safe: on every dev publication, a signal concept found by the full
    # analysis implies a triage candidate.
    from labormap.media.evaluate import load_set, set_path
    from labormap.media.lang import detect

    lex = default_lexicon()
    tri = Triage(lex)
    checked = 0
    for it in load_set(set_path("dev")):
        text = f"{it['title']}\n{it['text']}"
        found = _find(lex, text, detect(text))
        if any(c in found for c in SIGNAL_CONCEPTS):
            checked += 1
            assert tri.is_candidate(text), it["id"]
    assert checked > 50
    assert not tri.is_candidate("Синоптики обещают тёплую погоду в выходные, без осадков.")
