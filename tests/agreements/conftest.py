"""The hand-made agreements warehouse, built once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.agreements import world


@pytest.fixture(scope="session")
def agreements_wh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return world.build(tmp_path_factory.mktemp("agreements"))
