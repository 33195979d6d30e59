"""Every code the union pages show has its label in ru, kk and en."""

from __future__ import annotations

from labormap import i18n
from labormap.unions.cagreement import FLAG_CODES, SECTIONS, STATES, TEMPLATE


def test_codes_have_three_labels() -> None:
    for domain, codes in (
        ("ca_state", STATES),
        ("ca_flag", FLAG_CODES),
        ("ca_section", SECTIONS),
        ("ca_clause", tuple(TEMPLATE)),  # the clause named in the versions' differences
        ("ca_party", ("employer", "union", "state")),
        ("commission_level", ("regional", "sectoral", "republican")),
    ):
        assert i18n.missing(domain, codes) == [], domain
        for c in codes:
            assert i18n.label(domain, c, "kk") != i18n.label(domain, c, "ru") != i18n.label(domain, c, "en")
