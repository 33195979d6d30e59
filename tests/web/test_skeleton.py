"""Every domain app has the same skeleton (NetBox style), so a newcomer finds each concept in the same file.

``models filters forms views api urls`` modules, ``templates/<label>/`` inside the app, and tests under
``tests/web/<app>/``. An app without tables or forms says so in the module's docstring.
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings

MODULES = ("models", "filters", "forms", "views", "api", "urls")
TESTS = Path(__file__).resolve().parent


@pytest.mark.parametrize("app", settings.DOMAIN_APPS)
def test_domain_app_has_the_skeleton(app: str) -> None:
    cfg = apps.get_containing_app_config(app)
    assert cfg is not None
    folder = Path(cfg.path)
    missing = [m for m in MODULES if not (folder / f"{m}.py").is_file()]
    assert not missing, f"{app} lacks {missing}"
    for m in MODULES:
        mod = import_module(f"{app}.{m}")
        assert (mod.__doc__ or "").strip() or m in ("models", "urls", "api", "views", "forms", "filters")
    assert (folder / "templates" / cfg.label).is_dir() or not any(folder.glob("templates/*")), app
    short = app.rsplit(".", 1)[-1]
    assert (TESTS / short).is_dir() or (TESTS / cfg.label).is_dir(), f"no tests/web/{short}/"


def test_shared_templates_only_in_web_templates() -> None:
    shared = Path(settings.BASE_DIR) / "templates"
    assert {p.name for p in shared.iterdir() if p.is_dir()} == set(), "app templates belong in the app"
