"""Registry contracts: fixed column names and the generated documentation being current."""

from __future__ import annotations

from pathlib import Path

from labormap.registries import REGISTRIES
from labormap.registries.docs import render_markdown

ROOT = Path(__file__).resolve().parents[2]


def test_registries_with_the_fixed_columns() -> None:
    # 12 registries of DESIGN.md plus police_cases (issue 13); other issues may add more
    assert len(REGISTRIES) >= 13
    fixed = {
        "employers": {"bin", "name", "kato", "oked", "legal_form", "parent_bin", "lat", "lon"},
        "payments": {"employer_bin", "worker_iin", "period", "income", "paid_on"},
        "contracts": {
            "employer_bin",
            "worker_iin",
            "start_on",
            "terminated_on",
            "termination_ground",
            "salary",
            "registered_on",
        },
        "conflicts": {"employer_bin", "started_on", "kind", "causes", "participants"},
        "media_items": {"id", "published_at", "source", "title", "text"},
        # issue 13: names fixed by outside checks
        "enforcement": {"order_no"},
        "arrears": {"order_no"},
        "police_cases": {
            "case_no",
            "employer_bin",
            "registered_on",
            "article",
            "decision",
            "decision_on",
            "amount_kzt",
            "order_no",
        },
    }
    assert REGISTRIES["police_cases"].column("decision").codes == (
        "initiated",
        "refused",
        "terminated",
        "sent_to_court",
        "convicted",
    )
    for name, cols in fixed.items():
        assert cols <= set(REGISTRIES[name].column_names), name
    for reg in REGISTRIES.values():
        if reg.name not in ("employers", "sector_agreements", "media_items"):
            assert "employer_bin" in reg.column_names, reg.name
        assert set(reg.key) <= set(reg.column_names)
        assert reg.known_on in reg.column_names
        for c in reg.columns:
            assert c.meaning, f"{reg.name}.{c.name} needs a meaning"


def test_registries_doc_is_current() -> None:
    doc = (ROOT / "docs" / "registries.md").read_text(encoding="utf-8")
    assert doc == render_markdown(), "run `make docs` to regenerate docs/registries.md"
