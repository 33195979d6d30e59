"""The social well-being index per employer, region and sector, per wave, with the anonymity rule.

A sheet's score is the mean of its answered index questions (1–5) mapped to 0–100; the index of a group
(an employer, a region, a sector, a region × sector cell) in a wave is the mean score of its sheets.
**No figure is given for a group with fewer than ``MIN_RESPONDENTS`` sheets in the wave**: every path
that shows an index (pages, exports, API, reports, features, CLI) goes through :func:`shown` or reads
``MIN_RESPONDENTS`` from here, so the rule lives in one place.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import duckdb

from labormap.reference.oked import _DIVISION_TO_SECTION
from labormap.voice.questionnaire import current, parse_wave, previous_wave

# Below this many respondents in a wave a group's answers could point at a person: nothing is shown.
MIN_RESPONDENTS = 10


def shown(respondents: int | None) -> bool:
    """True when a group with ``respondents`` sheets in a wave may show its figures."""
    return respondents is not None and respondents >= MIN_RESPONDENTS


@dataclass(frozen=True, slots=True)
class GroupIndex:
    """One group in one wave. ``index``/``protest``/``change`` are None when the group is not shown."""

    key: str  # employer BIN, region KATO2, sector letter or "region:sector"
    wave: str
    respondents: int
    index: float | None
    protest: float | None
    previous: float | None = None  # index of the wave before (only when both waves are shown)
    change: float | None = None

    @property
    def enough(self) -> bool:
        """Whether the figures are shown (False: "not enough answers")."""
        return self.index is not None


def _protect(
    key: str, wave: str, n: int, idx: float | None, prot: float | None, hidden: int = 0
) -> GroupIndex:
    # ``hidden``: respondents of employers in the group that are themselves under the minimum. Were
    # 1–9 of them left, the group's figure minus its shown employers' figures would give theirs away
    # (differencing), so the group is then withheld too.
    if not shown(n) or 0 < hidden < MIN_RESPONDENTS:
        return GroupIndex(key, wave, n, None, None)
    return GroupIndex(
        key,
        wave,
        n,
        round(float(idx), 1) if idx is not None else None,
        round(float(prot), 2) if prot is not None else None,
    )


def _sheet_sql() -> str:
    """One row per answered sheet: ``sheet_id, employer_bin, wave, score (0–100), q_protest``."""
    codes = current().index_codes
    total = " + ".join(f"coalesce({c}, 0)" for c in codes)
    answered = " + ".join(f"CAST({c} IS NOT NULL AS INTEGER)" for c in codes)
    # codes come from the questionnaire, checked against the registry's columns
    return (
        f"SELECT sheet_id, employer_bin, wave, q_protest, "  # noqa: S608
        f"((({total}) / nullif({answered}, 0)) - 1.0) / 4.0 * 100.0 AS score FROM surveys"
    )


def _sections_sql() -> str:
    rows = ", ".join(f"('{d:02d}', '{s}')" for d, s in sorted(_DIVISION_TO_SECTION.items()))
    return f"(VALUES {rows}) AS sec(division, section)"


def _has_surveys(con: duckdb.DuckDBPyConnection) -> bool:
    names = {r[0] for r in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
    names |= {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    return "surveys" in names


_BY = {
    "employer": "s.employer_bin",
    "region": "coalesce(substr(e.kato, 1, 2), '?')",
    "sector": "coalesce(sec.section, '?')",
    "cell": "coalesce(substr(e.kato, 1, 2), '?') || ':' || coalesce(sec.section, '?')",
}


def _raw(
    con: duckdb.DuckDBPyConnection, by: str, waves: Iterable[str], bins: Iterable[str] | None = None
) -> dict[tuple[str, str], tuple[int, float | None, float | None, int]]:
    """(key, wave) → (respondents, mean score, mean q_protest, respondents of employers under the
    minimum) with no protection: never return this."""
    if by not in _BY:
        raise ValueError(f"unknown grouping {by!r}")
    waves = sorted(set(waves))
    if not waves or not _has_surveys(con):
        return {}
    for w in waves:
        parse_wave(w)
    params: list[object] = list(waves)
    where = f"s.wave IN ({', '.join('?' for _ in waves)}) AND s.score IS NOT NULL"
    if bins is not None:
        bl = sorted(set(bins))
        if not bl:
            return {}
        where += f" AND s.employer_bin IN ({', '.join('?' for _ in bl)})"
        params += bl
    join = ""
    if by != "employer":
        join = (
            "LEFT JOIN employers e ON e.bin = s.employer_bin "
            f"LEFT JOIN {_sections_sql()} ON sec.division = substr(e.oked, 1, 2)"
        )
    sql = (  # fixed fragments; values are bound parameters; per employer first, then per group
        f"WITH per AS (SELECT {_BY[by]} AS k, s.wave, s.employer_bin, count(DISTINCT s.sheet_id) AS n, "  # noqa: S608
        "sum(s.score) AS ss, sum(s.q_protest) AS ps, count(s.q_protest) AS pn "
        f"FROM ({_sheet_sql()}) s {join} WHERE {where} GROUP BY 1, 2, 3) "
        "SELECT k, wave, sum(n), sum(ss) / sum(n), sum(ps) / nullif(sum(pn), 0), "
        f"sum(CASE WHEN n < {int(MIN_RESPONDENTS)} THEN n ELSE 0 END) FROM per GROUP BY 1, 2"
    )
    hidden_counts = by != "employer"  # an employer is its own group: nothing to difference
    return {
        (str(k), str(w)): (int(n), idx, prot, int(h) if hidden_counts else 0)
        for k, w, n, idx, prot, h in con.execute(sql, params).fetchall()
    }


def index_by(
    con: duckdb.DuckDBPyConnection, by: str, wave: str, bins: Iterable[str] | None = None
) -> list[GroupIndex]:
    """Every group of ``by`` (employer, region, sector, cell) with sheets in ``wave``, protected, with the
    change from the wave before where both waves are shown. Sorted by key."""
    prev = previous_wave(wave)
    raw = _raw(con, by, (wave, prev), bins)
    out = []
    for (key, w), (n, idx, prot, hidden) in sorted(raw.items()):
        if w != wave:
            continue
        g = _protect(key, wave, n, idx, prot, hidden)
        p = raw.get((key, prev))
        pg = _protect(key, prev, *p) if p is not None else None
        if g.index is not None and pg is not None and pg.index is not None:
            pv = pg.index
            g = GroupIndex(g.key, g.wave, g.respondents, g.index, g.protest, pv, round(g.index - pv, 1))
        out.append(g)
    return out


def trend(
    con: duckdb.DuckDBPyConnection, by: str, key: str, bins: Iterable[str] | None = None
) -> list[GroupIndex]:
    """One group across all waves (oldest first), each wave protected on its own."""
    if not _has_surveys(con):
        return []
    waves = [r[0] for r in con.execute("SELECT DISTINCT wave FROM surveys WHERE wave IS NOT NULL").fetchall()]
    waves = [w for w in waves if _valid(w)]
    raw = _raw(con, by, waves, bins)
    rows = sorted((w, v) for (k, w), v in raw.items() if k == key)
    out: list[GroupIndex] = []
    for w, (n, idx, prot, hidden) in rows:
        g = _protect(key, w, n, idx, prot, hidden)
        if out and g.index is not None and out[-1].index is not None and out[-1].wave == previous_wave(w):
            g = GroupIndex(g.key, w, n, g.index, g.protest, out[-1].index, round(g.index - out[-1].index, 1))
        out.append(g)
    return out


def waves(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Waves present in the warehouse, newest first."""
    if not _has_surveys(con):
        return []
    ws = [r[0] for r in con.execute("SELECT DISTINCT wave FROM surveys WHERE wave IS NOT NULL").fetchall()]
    return sorted((w for w in ws if _valid(w)), reverse=True)


def _valid(w: object) -> bool:
    try:
        parse_wave(str(w))
    except ValueError:
        return False
    return True


def employers_json(con: duckdb.DuckDBPyConnection, wave: str) -> dict[str, Any]:
    """What ``labormap surveys index --json`` writes: only employers with at least MIN_RESPONDENTS."""
    rows = [g for g in index_by(con, "employer", wave) if g.enough]
    return {
        "wave": wave,
        "employers": [{"employer_bin": g.key, "respondents": g.respondents, "index": g.index} for g in rows],
    }


def today_wave(today: dt.date | None = None) -> str:
    from labormap.voice.questionnaire import wave_of

    return wave_of(today or dt.date.today())
