"""Every code a person can see has its three labels (ru, kk, en) in the catalogues, domain by domain.

A new code (a region, a measure kind, a reason, an audit action…) without a label fails here, before a
page or a report can show it raw.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

import pytest

from labormap import i18n, levels
from labormap.features.catalog import FEATURES
from labormap.media.kinds import KINDS as MEDIA_KINDS
from labormap.reference import (
    CAUSES,
    CONFLICT_KINDS,
    OKED_SECTIONS,
    OUTCOMES,
    PARTICIPANT_GROUPS,
    REGIONS,
    TERMINATION_GROUNDS,
)
from labormap.registries.contracts import EMPLOYER_STATUSES
from labormap.reports.i18n import MSGIDS
from labormap.response.bodies import BODIES
from labormap.response.measures import MEASURE_KINDS
from labormap.risk.reasons import REASONS

SRC = Path(__file__).resolve().parents[2] / "src" / "labormap"


def _django() -> None:
    """The web's codes (sizes, audit actions) live in Django modules: load the settings to import them."""
    import django

    os.environ.setdefault("LABORMAP_DEMO", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "labormap.web.settings")
    django.setup()


def _domains() -> dict[str, Iterable[str]]:
    _django()
    from labormap.web.accounts import audit_text
    from labormap.web.accounts.models import AccessRequest
    from labormap.web.cases.models import SOURCE_CHOICES, Case, CaseLink, Hearing, Task
    from labormap.web.employers.models import SIZES

    return {
        "level": levels.CODES,
        "region": REGIONS,
        "oked_section": OKED_SECTIONS,
        "conflict_kind": CONFLICT_KINDS,
        "conflict_cause": CAUSES,
        "participant_group": PARTICIPANT_GROUPS,
        "outcome": OUTCOMES,
        "termination_ground": TERMINATION_GROUNDS,
        "media_kind": MEDIA_KINDS,
        "measure_kind": MEASURE_KINDS,
        "body": BODIES,
        "body_short": BODIES,
        "reason": [r.code for r in REASONS],
        "feature": [f.name for f in FEATURES],
        "size_class": SIZES,
        "employer_status": EMPLOYER_STATUSES,
        "case_status": [c for c, _ in Case.STATUS_CHOICES],
        "task_status": [*(c for c, _ in Task.STATUS_CHOICES), Task.CANCELLED],
        "hearing_status": [c for c, _ in Hearing.STATUS_CHOICES],
        "request_status": [c for c, _ in AccessRequest.STATUS_CHOICES],
        "case_source": [c for c, _ in SOURCE_CHOICES],
        "case_link_kind": [c for c, _ in CaseLink.KIND_CHOICES],
        "audit_action": audit_text.ACTIONS,
        "audit_detail": audit_text.DETAIL_KEYS,
        "audit_value": audit_text.CODED_VALUES,
    }


@pytest.mark.parametrize("domain", sorted(_domains()))
def test_every_code_has_three_labels(domain: str) -> None:
    codes = list(_domains()[domain])
    assert codes, domain
    assert i18n.missing(domain, codes) == []


@pytest.mark.parametrize("domain", ["region", "oked_section", "conflict_kind", "measure_kind", "reason"])
def test_labels_differ_between_languages(domain: str) -> None:
    """A Kazakh or English label that is the Russian one copied is a translation not done."""
    for code in _domains()[domain]:
        ru, en = i18n.label(domain, code, "ru"), i18n.label(domain, code, "en")
        assert en != ru, (domain, code)
        assert not re.search("[а-яё]", en, re.IGNORECASE), (domain, code, en)


def test_report_texts_translated_in_every_language() -> None:
    for lang in ("ru", "kk"):
        untranslated = [m for m in MSGIDS.values() if i18n.gettext(m, lang) == m]
        assert untranslated == [], lang


def test_reference_entries_name_through_the_catalogue() -> None:
    assert REGIONS["47"].name("kk") == i18n.label("region", "47", "kk") == "Маңғыстау облысы"
    assert OKED_SECTIONS["B"].name("en") == "Mining and quarrying"
    assert BODIES["mio"].short("en") == "Akimat"


def test_every_recorded_audit_action_is_listed() -> None:
    """Actions written by ``audit.record(request, "...")`` anywhere in the web app have labels."""
    _django()
    from labormap.web.accounts import audit_text
    from labormap.web.accounts.models import AuditEvent

    literal = set()
    for py in (SRC / "web").rglob("*.py"):
        literal |= set(
            re.findall(r"audit\.record\(\s*request,\s*\"([a-z_]+)\"", py.read_text(encoding="utf-8"))
        )
    constants = {v for k, v in vars(AuditEvent).items() if k.isupper() and isinstance(v, str)}
    assert (literal | constants) - set(audit_text.ACTIONS) == set()


def test_level_colours_in_the_stylesheet_are_those_of_labormap_levels() -> None:
    css = (SRC / "web" / "static" / "labormap" / "site.css").read_text(encoding="utf-8")
    for lv in levels.LEVELS:
        assert f"--{lv.code}:{lv.colour}" in css.replace(" ", ""), lv.code


def test_no_script_repeats_the_level_colours() -> None:
    for js in (SRC / "web" / "static" / "labormap").glob("*.js"):
        text = js.read_text(encoding="utf-8")
        assert not any(lv.colour in text for lv in levels.LEVELS), js.name


def test_engine_catalogues_of_a_language_agree_on_plural_forms() -> None:
    """``labormap.i18n`` merges a language's catalogues into one: they must count plurals alike."""
    for lang in i18n.LANGS:
        forms = set()
        for d in i18n.catalogue_dirs():
            po = d / lang / "LC_MESSAGES" / "django.po"
            if po.exists():
                m = re.search(r"nplurals=(\d+);\s*plural=\(?(.*?)\)?;", po.read_text(encoding="utf-8"))
                assert m, po
                forms.add((m.group(1), m.group(2).replace(" ", "")))
        assert len(forms) == 1, (lang, forms)
