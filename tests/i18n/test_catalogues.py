"""The one translation mechanism: catalogues compiled, levels labelled in every language."""

from __future__ import annotations

import pytest

from labormap import i18n, levels
from labormap.i18n.compile import po_files, stale


def test_every_catalogue_is_compiled() -> None:
    assert po_files(), "no catalogue found"
    assert stale() == [], "run `labormap i18n compile` and commit the .mo files"


def test_levels_have_three_labels() -> None:
    assert i18n.missing("level", levels.CODES) == []
    assert levels.label("high", "ru") == "высокий"
    assert levels.label("high", "kk") == "жоғары"


def test_strict_mode_refuses_a_raw_code(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LABORMAP_I18N_STRICT", "1")
    with pytest.raises(i18n.MissingLabel):
        i18n.label("level", "no_such_level", "ru")
    monkeypatch.setenv("LABORMAP_I18N_STRICT", "0")
    assert i18n.label("level", "no_such_level", "ru") == "no_such_level"


def test_levels_ordered_most_severe_first() -> None:
    assert levels.CODES == ("high", "elevated", "moderate", "low")
    assert levels.at_least("elevated") == ("high", "elevated")
    with pytest.raises(ValueError, match="unknown risk level"):
        levels.level("severe")
