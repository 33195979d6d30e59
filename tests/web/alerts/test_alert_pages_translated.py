"""The alert pages' own words come from the catalogue in Russian and Kazakh, not English passed through."""

from __future__ import annotations

from typing import Any

import pytest

from tests.web.alerts._helpers import alert_in, login

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("lang", "words"), [("ru", ["Следующий шаг", "Когда"]), ("kk", ["Келесі қадам", "Қашан"])]
)
def test_detail_page_in_language(world: dict[str, Any], lang: str, words: list[str]) -> None:
    from labormap.web.accounts.models import Profile

    c, user = login("insp35", "inspector", "region", regions="35")
    if hasattr(Profile, "language"):
        Profile.objects.filter(user=user).update(language=lang)
    c.cookies["django_language"] = lang
    body = c.get(f"/alerts/{alert_in('35').pk}/", HTTP_ACCEPT_LANGUAGE=lang).content.decode()
    for w in words:
        assert w in body
    assert "Next step" not in body and "History" not in body
