"""The menu offers Reconciliation only to the roles its page serves (no link that answers 404)."""

from __future__ import annotations

from typing import Any

from tests.web.layoffs.conftest import login


def test_menu_link_only_for_roles_the_page_serves(world: dict[str, Any]) -> None:
    for i, (role, kind, scope, shown) in enumerate(
        (
            ("ministry_admin", "country", {}, True),
            ("inspector", "region", {"regions": "47"}, True),
            ("union", "sectors", {"sectors": "B"}, False),
            ("employer", "own", {"employer_bins": ""}, False),
        )
    ):
        c = login(f"nav{i}", role, kind, **scope)
        body = c.get("/employers/").content.decode()
        assert ('href="/reconcile/"' in body) == shown, role
        assert c.get("/reconcile/").status_code == (200 if shown else 404), role
