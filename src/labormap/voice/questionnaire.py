"""The versioned questionnaire (``questionnaire.yaml``, ru and kk) and the half-year waves ``YYYY-H1|H2``.

The question codes are the answer columns of the ``surveys`` registry, so answers collected on the web
form, on paper or by a sociological service all land in the same table and the same waves.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

QUESTIONNAIRE_FILE = Path(__file__).with_name("questionnaire.yaml")
WAVE_RE = re.compile(r"^(\d{4})-H([12])$")
LANGS = ("ru", "kk")


class WaveError(ValueError):
    """A wave that is not ``YYYY-H1`` or ``YYYY-H2``."""


@dataclass(frozen=True, slots=True)
class Question:
    code: str
    text: dict[str, str]
    in_index: bool = True

    def text_in(self, lang: str) -> str:
        return self.text.get(lang) or self.text["ru"]


@dataclass(frozen=True, slots=True)
class Questionnaire:
    version: int
    questions: tuple[Question, ...]
    scale: dict[str, tuple[str, ...]]

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(q.code for q in self.questions)

    @property
    def index_codes(self) -> tuple[str, ...]:
        """The questions whose mean makes the well-being index (all but readiness to protest)."""
        return tuple(q.code for q in self.questions if q.in_index)

    def scale_in(self, lang: str) -> tuple[str, ...]:
        return self.scale.get(lang) or self.scale["ru"]


def load(path: Path = QUESTIONNAIRE_FILE) -> Questionnaire:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    qs = tuple(
        Question(
            str(q["code"]), {lang: str(q[lang]) for lang in LANGS if lang in q}, bool(q.get("index", True))
        )
        for q in raw["questions"]
    )
    scale = {lang: tuple(str(s) for s in raw["scale"][lang]) for lang in raw["scale"]}
    return Questionnaire(int(raw["version"]), qs, scale)


@lru_cache(maxsize=1)
def current() -> Questionnaire:
    """The questionnaire in force (one file; its ``version`` goes with every exported answer set)."""
    q = load()
    from labormap.registries import REGISTRIES

    # The questionnaire can only ask what the registry can hold: fail loudly on a typo in the YAML.
    cols = {c.name for c in REGISTRIES["surveys"].columns}
    unknown = [c for c in q.codes if c not in cols]
    if unknown:
        raise ValueError(f"questionnaire codes not in the surveys registry: {unknown}")
    return q


def parse_wave(wave: str) -> tuple[int, int]:
    """``"2026-H2"`` → ``(2026, 2)``; anything else raises :class:`WaveError`."""
    m = WAVE_RE.match(wave.strip()) if isinstance(wave, str) else None
    if not m:
        raise WaveError(f"{wave!r}: expected a wave YYYY-H1 or YYYY-H2")
    return int(m.group(1)), int(m.group(2))


def wave_of(day: dt.date) -> str:
    """The half-year wave a day falls in."""
    return f"{day.year}-H{1 if day.month <= 6 else 2}"


def wave_bounds(wave: str) -> tuple[dt.date, dt.date]:
    """First and last day of the wave's half-year."""
    y, h = parse_wave(wave)
    return (dt.date(y, 1, 1), dt.date(y, 6, 30)) if h == 1 else (dt.date(y, 7, 1), dt.date(y, 12, 31))


def previous_wave(wave: str) -> str:
    y, h = parse_wave(wave)
    return f"{y - 1}-H2" if h == 1 else f"{y}-H1"
