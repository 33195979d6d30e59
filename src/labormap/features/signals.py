"""Signals from outside the payroll: media reports, worker surveys, and past conflicts at the employer,
around it (same region and sector) and the base rates of its region and of its sector."""

from __future__ import annotations

import datetime as dt

import ibis
import ibis.expr.types as ir

from labormap.features.asof import AsOf
from labormap.features.frames import after, join_left, on_or_before, ratio, whole_partition
from labormap.features.sources import Sources

# Media kinds that report a protest or its threat (docs/architecture.md, kinds of media signal).
PROTEST_KINDS = ("strike", "hunger_strike", "rally", "appeal", "strike_threat")
# Links the media pipeline is less sure of are left out of the score.
MIN_LINK_CONFIDENCE = 0.5
# Base rates are stated per this many employers: «12 conflicts in 3 years per 1,000 employers» reads better
# than 0.012 on the card and in the reason, and a tree model does not care about the scale.
RATE_PER = 1000
SURVEY_QUESTIONS = (
    "q_pay",
    "q_pay_on_time",
    "q_conditions",
    "q_safety",
    "q_management",
    "q_job_security",
    "q_voice",
)


def _ts(day: dt.date) -> ir.TimestampScalar:
    return ibis.literal(dt.datetime(day.year, day.month, day.day), type="timestamp")


def media(src: Sources, a: AsOf) -> ir.Table:
    m = src["media_signals"]
    end = _ts(a.date + dt.timedelta(days=1))  # everything published on D itself counts
    m = m.filter(
        m.employer_bin.notnull(),
        m.labour.fill_null(False),
        m.kind.fill_null("") != "not_labour",
        m.link_confidence.isnull() | (m.link_confidence >= MIN_LINK_CONFIDENCE),
        m.published_at < end,
        m.published_at >= _ts(a.date - dt.timedelta(days=89)),
    )
    in_7 = m.published_at >= _ts(a.date - dt.timedelta(days=6))
    in_30 = m.published_at >= _ts(a.date - dt.timedelta(days=29))
    return m.group_by("employer_bin").aggregate(
        media_7d=m.count(where=in_7),
        media_30d=m.count(where=in_30),
        media_90d=m.count(),
        media_severity_max_30d=m.severity.max(where=in_30),
        media_protest_30d=m.count(where=in_30 & m.kind.isin(list(PROTEST_KINDS))),
    )


def surveys(src: Sources, a: AsOf) -> ir.Table:
    """Well-being index 0–100 and readiness to protest of the employer's latest survey wave known on D.

    Per wave, not a rolling mean: the sheets of one half-year wave answered by D make the value, and a
    wave with fewer than ``MIN_RESPONDENTS`` sheets gives nothing (labormap.voice.index, the anonymity
    rule), so the latest wave with enough answers in the last year counts.
    """
    from labormap.voice.index import MIN_RESPONDENTS

    s = src["surveys"]
    s = s.filter(on_or_before(s.answered_on, a.date), after(s.answered_on, a.days_back(365)))
    total = sum((s[q].fill_null(0) for q in SURVEY_QUESTIONS), ibis.literal(0))
    answered = sum((s[q].notnull().cast("int64") for q in SURVEY_QUESTIONS), ibis.literal(0))
    sheet = s.mutate(_mean=ratio(total, answered))
    sheet = sheet.filter(sheet._mean.notnull())
    per_wave = sheet.group_by(["employer_bin", "wave"]).aggregate(
        _n=sheet.sheet_id.nunique(),
        survey_index=(sheet._mean.mean() - 1.0) / 4.0 * 100.0,
        survey_protest=sheet.q_protest.mean(),
    )
    per_wave = per_wave.filter(per_wave._n >= MIN_RESPONDENTS)
    w = ibis.window(group_by=per_wave.employer_bin, order_by=ibis.desc(per_wave.wave))
    ranked = per_wave.mutate(_rank=ibis.row_number().over(w))
    latest = ranked.filter(ranked._rank == 0)
    return latest.select("employer_bin", "survey_index", "survey_protest")


def conflicts(src: Sources, a: AsOf, attrs: ir.Table) -> ir.Table:
    """Conflicts known on D (``registered_on``, or ``started_on`` when not recorded) that started by D."""
    c = src["conflicts"]
    known = c.registered_on.fill_null(c.started_on)
    c = c.filter(on_or_before(known, a.date), on_or_before(c.started_on, a.date))
    in_90 = after(c.started_on, a.days_back(90))
    in_365 = after(c.started_on, a.days_back(365))
    own = c.group_by("employer_bin").aggregate(
        conflicts_3y=c.count(where=after(c.started_on, a.days_back(1095))),
        _last=c.started_on.max(),
        _own90=c.count(where=in_90),
        _own365=c.count(where=in_365),
    )
    located = join_left(c, attrs.select("employer_bin", "region", "sector"), ["employer_bin"], how="inner")
    near = located.group_by(["region", "sector"]).aggregate(
        _near90=located.count(where=after(located.started_on, a.days_back(90))),
        _near365=located.count(where=after(located.started_on, a.days_back(365))),
    )
    j = join_left(
        join_left(attrs.select("employer_bin", "region", "sector"), own, ["employer_bin"]),
        near,
        ["region", "sector"],
    )
    return j.select(
        "employer_bin",
        conflicts_3y=j.conflicts_3y,
        days_since_conflict=ibis.literal(a.date, type="date").delta(j._last, unit="day"),
        # Other employers only: the employer's own conflicts are counted above.
        conflicts_nearby_90d=j._near90.fill_null(0) - j._own90.fill_null(0),
        conflicts_nearby_365d=j._near365.fill_null(0) - j._own365.fill_null(0),
    )


def place_rates(t: ir.Table) -> ir.Table:
    """Add ``region_conflict_rate_3y`` and ``sector_conflict_rate_3y`` to the feature population ``t``.

    ``t`` holds one row per employer of the feature table (employers with staff on D) with ``region``,
    ``sector`` and ``conflicts_3y`` (as known on D, from :func:`conflicts`). The rate of a group (region =
    КАТО's first two digits, sector = ОКЭД section) is the mean of ``conflicts_3y`` over the *other*
    employers of the group, per :data:`RATE_PER` employers: ``(group conflicts − own) / (group employers −
    1)``. The employer itself is left out, so its own past (already in ``conflicts_3y``) is not counted
    twice and the rate says only what its place and trade say. Numerator and denominator count the same
    employers, those with staff on D: a closed employer is neither a conflict source nor a peer.

    NULL (unknown, not zero) when the employer is alone in its group — no peers, no base rate — and when
    its region or sector is unknown (no КАТО, or an ОКЭД outside the classifier: sector ``?``), so that
    employers with broken codes are not pooled into a pseudo-group. Windows over the whole partition, not
    a self-join: one pass over the joined table on every engine.
    """
    own = t.conflicts_3y.fill_null(0)
    rates: dict[str, ir.Value] = {}
    for key in ("region", "sector"):
        w = whole_partition([key])
        others = t.count().over(w) - 1
        rate = ratio(own.sum().over(w) - own, others) * RATE_PER
        unknown = t[key].isnull() | (t[key] == "?")
        rates[f"{key}_conflict_rate_3y"] = ibis.ifelse(unknown, ibis.null("float64"), rate)
    return t.mutate(**rates)
