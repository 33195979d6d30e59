"""Form and model choices labelled in the reader's language from the one catalogue (labormap.i18n).

``labelled_choices("region", codes)`` gives ``[(code, lazy label)]``: the label is looked up when the
form is drawn, in the language of that request, so a Kazakh or English page never lists Russian-only
names. Models and forms use this instead of spelling labels out (``name_ru``) or ``get_FOO_display``.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.functional import lazy
from django.utils.translation import get_language

from labormap import i18n


def current_lang() -> str:
    return i18n.normalise(get_language())


def _label(domain: str, code: str) -> str:
    return i18n.label(domain, code, current_lang())


label_lazy = lazy(_label, str)


def labelled_choices(domain: str, codes: Iterable[str]) -> list[tuple[str, str]]:
    """``(code, label)`` pairs whose labels follow the active language."""
    return [(c, label_lazy(domain, c)) for c in codes]


def region_choices() -> list[tuple[str, str]]:
    from labormap.reference import REGIONS

    return labelled_choices("region", REGIONS)


def sector_choices() -> list[tuple[str, str]]:
    """ОКЭД sections as ``B — Mining and quarrying`` in the active language."""
    from labormap.reference import OKED_SECTIONS

    return [(c, lazy(lambda c=c: f"{c} — {_label('oked_section', c)}", str)()) for c in OKED_SECTIONS]
