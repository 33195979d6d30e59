"""Every model change has its migration: a clean checkout must not need `makemigrations`
(a missing migration would only show on a deployed database, as a crash)."""

from __future__ import annotations

import io
from typing import Any

from django.core.management import call_command


def test_no_model_change_without_a_migration(db: Any) -> None:
    out = io.StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as e:  # --check exits 1 when a migration is missing
        raise AssertionError(f"models changed without a migration:\n{out.getvalue()}") from e
    assert "No changes detected" in out.getvalue()
