from __future__ import annotations

from pathlib import Path

import pytest

from labormap.warehouse import Warehouse
from tests.reports.world import build_world


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Warehouse:
    return build_world(Path(tmp_path_factory.mktemp("world")))
