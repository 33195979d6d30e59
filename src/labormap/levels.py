"""Risk levels, defined once: codes, order, colours and labels.

The engine (policy, scorecard, scoring), the reports, the templates, the API, exports and the
JavaScript all take levels from here; the browser receives :func:`as_data` as JSON rather than
repeating colours. Labels are in the gettext catalogue under the context ``level``
(``labormap.i18n.label("level", code, lang)``).
"""

from __future__ import annotations

from dataclasses import dataclass

from labormap import i18n


@dataclass(frozen=True)
class Level:
    code: str
    rank: int  # 0 is the most severe
    colour: str  # fill colour on maps, charts and badges

    def label(self, lang: str | None = None) -> str:
        return i18n.label("level", self.code, lang)


LEVELS: tuple[Level, ...] = (
    Level("high", 0, "#c62828"),
    Level("elevated", 1, "#ef6c00"),
    Level("moderate", 2, "#f9a825"),
    Level("low", 3, "#2e7d32"),
)
CODES: tuple[str, ...] = tuple(lv.code for lv in LEVELS)  # most severe first
BY_CODE: dict[str, Level] = {lv.code: lv for lv in LEVELS}
HIGH, ELEVATED, MODERATE, LOW = CODES
AT_RISK: tuple[str, ...] = (HIGH, ELEVATED)  # the levels a response is planned for
NO_SCORE_COLOUR = "#9e9e9e"  # employers without a score (shown and explained in legends)


def level(code: str) -> Level:
    try:
        return BY_CODE[code]
    except KeyError:
        raise ValueError(f"unknown risk level {code!r}; known: {', '.join(CODES)}") from None


def rank(code: str | None) -> int:
    """Sort key: most severe first, unknown or missing last."""
    return BY_CODE[code].rank if code in BY_CODE else len(LEVELS)


def label(code: str | None, lang: str | None = None) -> str:
    return i18n.label("level", code, lang)


def at_least(code: str) -> tuple[str, ...]:
    """``code`` and every level more severe than it (``at_least("elevated")`` → high, elevated)."""
    r = level(code).rank
    return tuple(lv.code for lv in LEVELS if lv.rank <= r)


def sql_rank(column: str) -> str:
    """A SQL ``CASE`` giving the rank of a level column (for ORDER BY in DuckDB, SQLite, PostgreSQL)."""
    whens = " ".join(f"WHEN '{lv.code}' THEN {lv.rank}" for lv in LEVELS)
    return f"(CASE {column} {whens} ELSE {len(LEVELS)} END)"


def sql_known(column: str) -> str:
    """A SQL condition: ``column`` holds one of the level codes (built from :data:`LEVELS`, no literals)."""
    return f"{sql_rank(column)} < {len(LEVELS)}"


def as_data(lang: str | None = None) -> list[dict[str, object]]:
    """What the JavaScript gets: ``[{"code", "rank", "colour", "label"}]``, most severe first."""
    return [{"code": lv.code, "rank": lv.rank, "colour": lv.colour, "label": lv.label(lang)} for lv in LEVELS]
