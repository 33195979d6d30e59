"""Shared test configuration.

Tests that need an outside component (Java for Spark, Chromium, PostgreSQL) call :func:`require`:
on a laptop they skip with the reason; under ``CI=true`` a missing component fails the test instead,
because CI installs every component.
"""

from __future__ import annotations

import os

import pytest

# Synthetic data only: tests run in demo mode so pseudonymisation has a key.
os.environ.setdefault("LABORMAP_DEMO", "1")
# A code without a label raises instead of reaching a page (labormap.i18n strict mode).
os.environ.setdefault("LABORMAP_I18N_STRICT", "1")

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def require(available: bool, reason: str) -> None:
    """Skip (locally) or fail (in CI) when a component the test needs is missing."""
    if available:
        return
    if IN_CI:
        pytest.fail(f"CI must provide this component: {reason}")
    pytest.skip(reason)
