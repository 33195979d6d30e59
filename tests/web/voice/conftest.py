"""The voice pages on the hand-made warehouse of tests/voice (employer 1: 9 sheets, employer 2: 10)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.voice import handmade as hm
from tests.web.conftest import _fast_hashing, make_user  # noqa: F401
from tests.web.layoffs.conftest import login, token_client  # noqa: F401


@pytest.fixture
def voice_wh(tmp_path: Path) -> Path:
    return hm.build(tmp_path / "wh").root


@pytest.fixture
def published(db: Any, voice_wh: Path, settings: Any) -> Path:
    from django.core.cache import cache

    from labormap.warehouse import Warehouse
    from labormap.web.employers.publish import publish

    cache.clear()
    settings.LABORMAP_WAREHOUSE = voice_wh
    publish(Warehouse(voice_wh))
    return voice_wh
