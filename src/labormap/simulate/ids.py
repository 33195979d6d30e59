"""Vectorised BIN and IIN generation with the same check digit as :mod:`labormap.identifiers`.

Millions of worker IINs are made per run, so the check digit is computed on digit matrices instead of one
call of :func:`labormap.identifiers.complete_kz_id` per number; a test checks both agree.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from labormap.identifiers import WEIGHTS_1, WEIGHTS_2, complete_kz_id

_W1 = np.array(WEIGHTS_1, dtype=np.int64)
_W2 = np.array(WEIGHTS_2, dtype=np.int64)
_POW = 10 ** np.arange(10, -1, -1, dtype=np.int64)


def check_digits(prefix11: np.ndarray) -> np.ndarray:
    """Check digit of each 11-digit prefix (int64 array); -1 where the prefix has no valid completion."""
    digits = (prefix11[:, None] // _POW[None, :]) % 10
    s1 = (digits @ _W1) % 11
    s2 = (digits @ _W2) % 11
    out = np.where(s1 == 10, s2, s1)
    return np.where(out == 10, -1, out)


def to_strings(ids: np.ndarray) -> pa.Array:
    """12-digit zero-padded strings of int64 ids, as an Arrow string array (no Python loop)."""
    n = ids.shape[0]
    digits = (ids[:, None] // (10 ** np.arange(11, -1, -1, dtype=np.int64))[None, :]) % 10
    raw = (digits + ord("0")).astype(np.uint8).reshape(-1)
    offsets = np.arange(0, 12 * (n + 1), 12, dtype=np.int32)
    return pa.StringArray.from_buffers(n, pa.py_buffer(offsets), pa.py_buffer(raw.tobytes()))


def bins_for(reg_year: np.ndarray, reg_month: np.ndarray, rng: np.random.Generator) -> list[str]:
    """Unique resident-legal-entity BINs: YYMM of registration, entity type 4, head office 0, serial, check.

    Serials are drawn at random and redrawn on a collision or a prefix with no valid check digit, so every
    BIN is valid and unique within the world.
    """
    n = reg_year.shape[0]
    out: list[str] = [""] * n
    seen: set[str] = set()
    yymm = [f"{y % 100:02d}{m:02d}" for y, m in zip(reg_year.tolist(), reg_month.tolist(), strict=True)]
    serials = [int(s) for s in np.asarray(rng.integers(0, 100_000, size=n))]
    for i in range(n):
        serial = serials[i]
        while True:
            b = complete_kz_id(f"{yymm[i]}40{serial:05d}")
            if b is not None and b not in seen:
                break
            serial = (serial + 7919) % 100_000
        seen.add(b)
        out[i] = b
    return out


# Birth dates of workers are counted in days from this date; the IIN's 7th digit codes century and sex.
_EPOCH = np.datetime64("1900-01-01")


def iins_for(birth: np.ndarray, female: np.ndarray, serial_base: int, serial_span: int) -> np.ndarray:
    """Unique valid IINs (int64) for people born on ``birth`` (datetime64[D]) of the given sex.

    The 4-digit serial of each (birth date, sex) cell is taken from ``[serial_base, serial_base + span)`` —
    a range of its own for each chunk of the world, so chunks never collide. A person whose prefix has no
    valid check digit takes the next serial; when a chunk's range of a cell is used up the person's birth
    date moves one day later.
    """
    n = birth.shape[0]
    birth = birth.astype("datetime64[D]").copy()
    out = np.zeros(n, dtype=np.int64)
    used: dict[int, int] = {}
    pending = np.arange(n)
    while pending.size:
        b = birth[pending]
        y = b.astype("datetime64[Y]").astype(np.int64) + 1970
        m = (b.astype("datetime64[M]").astype(np.int64) % 12) + 1
        d = (b - b.astype("datetime64[M]")).astype(np.int64) + 1
        century = np.where(y >= 2000, 5, 3) + female[pending].astype(np.int64)
        cell = (b - _EPOCH).astype(np.int64) * 2 + female[pending].astype(np.int64)
        order = np.argsort(cell, kind="stable")
        cs = cell[order]
        first = np.r_[0, np.flatnonzero(cs[1:] != cs[:-1]) + 1]
        rank = np.arange(cs.size) - np.repeat(first, np.diff(np.r_[first, cs.size]))
        start = np.array([used.get(int(c), 0) for c in cs[first]], dtype=np.int64)
        serial_sorted = np.repeat(start, np.diff(np.r_[first, cs.size])) + rank
        serial = np.empty_like(serial_sorted)
        serial[order] = serial_sorted
        for c, s, cnt in zip(
            cs[first].tolist(), start.tolist(), np.diff(np.r_[first, cs.size]).tolist(), strict=True
        ):
            used[c] = s + cnt
        prefix = (((y % 100) * 10000 + m * 100 + d) * 10 + century) * 10_000 + serial_base + serial
        check = check_digits(prefix)
        ok = (serial < serial_span) & (check >= 0)
        out[pending[ok]] = prefix[ok] * 10 + check[ok]
        full = serial >= serial_span
        birth[pending[full]] += np.timedelta64(1, "D")
        pending = pending[~ok]
    return out
