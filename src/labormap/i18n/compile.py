"""Compiling the gettext catalogues (``.po`` → ``.mo``) with Babel, engine and web alike."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from labormap.i18n import PACKAGE_DIR, reset

FIXED_DATE = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def po_files(root: Path = PACKAGE_DIR) -> list[Path]:
    return sorted(p for p in root.rglob("LC_MESSAGES/*.po") if ".venv" not in p.parts)


def compile_one(po: Path) -> Path:
    mo = po.with_suffix(".mo")
    with po.open("rb") as f:
        catalog = read_po(f, locale=po.parent.parent.name)
    # Babel stamps the compile time into the header of a catalogue that has none: a fixed date keeps
    # the .mo byte-identical across compiles, so recompiling does not show every .mo as changed.
    catalog.creation_date = FIXED_DATE
    with mo.open("wb") as f:
        write_mo(f, catalog, use_fuzzy=False)
    return mo


def stale(root: Path = PACKAGE_DIR) -> list[Path]:
    """Catalogues whose ``.mo`` is missing or older than the ``.po``."""
    out = []
    for po in po_files(root):
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            out.append(po)
    return out


def compile_all(root: Path = PACKAGE_DIR, only_stale: bool = False) -> list[Path]:
    todo = stale(root) if only_stale else po_files(root)
    done = [compile_one(po) for po in todo]
    reset()
    return done
