"""Vectorised identifiers agree with labormap.identifiers and are unique."""

from __future__ import annotations

import numpy as np

from labormap.identifiers import complete_kz_id, decode_iin, is_valid_kz_id
from labormap.simulate.ids import check_digits, iins_for, to_strings


def test_vectorised_check_digit_matches_the_reference() -> None:
    rng = np.random.default_rng(0)
    prefixes = rng.integers(0, 10**11, size=5000)
    checks = check_digits(prefixes)
    for p, c in zip(prefixes.tolist(), checks.tolist(), strict=True):
        ref = complete_kz_id(f"{p:011d}")
        assert (ref is None) == (c < 0)
        if ref is not None:
            assert int(ref[-1]) == c


def test_iins_are_valid_unique_and_encode_birth_and_sex() -> None:
    rng = np.random.default_rng(1)
    n = 20_000
    # many people on few birth dates, to force serial exhaustion within a chunk's range
    birth = np.datetime64("1985-03-01") + rng.integers(0, 30, n).astype("timedelta64[D]")
    female = rng.random(n) < 0.5
    iins = to_strings(iins_for(birth, female, serial_base=200, serial_span=400)).to_pylist()
    assert len(set(iins)) == n
    for s, f in zip(iins[:2000], female[:2000].tolist(), strict=True):
        assert is_valid_kz_id(s)
        info = decode_iin(s)
        assert info is not None and info.sex == ("F" if f else "M")
        assert 200 <= int(s[7:11]) < 600
