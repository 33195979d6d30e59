"""BIN/IIN check digits, decoding, and keyed pseudonyms — Python and the SQL used at ingest agree."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from labormap import identifiers as ids
from labormap.ingest.sql import hmac_sql, kz_id_valid_sql, q

digits11 = st.text(alphabet="0123456789", min_size=11, max_size=11)


@given(digits11)
def test_completed_ids_are_valid_and_every_other_last_digit_is_not(prefix: str) -> None:
    full = ids.complete_kz_id(prefix)
    if full is None:
        assert all(not ids.is_valid_kz_id(prefix + str(d)) for d in range(10))
        return
    assert ids.is_valid_kz_id(full)
    for d in range(10):
        if str(d) != full[-1]:
            assert not ids.is_valid_kz_id(prefix + str(d))


@given(st.text(max_size=14))
def test_validation_never_crashes_and_requires_12_ascii_digits(s: str) -> None:
    if ids.is_valid_kz_id(s):
        assert len(s) == 12 and s.isascii() and s.isdigit()


def test_known_check_digit_uses_second_weights_when_first_remainder_is_10() -> None:
    # Find a prefix whose first weighted sum is 10 mod 11 and check the second weights decide.
    for n in range(10**10, 10**10 + 5000):
        p = f"{n:011d}"
        if sum(int(c) * w for c, w in zip(p, ids.WEIGHTS_1, strict=True)) % 11 == 10:
            second = sum(int(c) * w for c, w in zip(p, ids.WEIGHTS_2, strict=True)) % 11
            assert ids.check_digit(p) == (None if second == 10 else second)
            return
    pytest.fail("no prefix with first remainder 10 found")


@settings(max_examples=300, deadline=None)
@given(st.one_of(digits11.map(lambda p: ids.complete_kz_id(p) or p + "0"), st.text(max_size=13)))
def test_sql_check_digit_matches_python(value: str) -> None:
    con = duckdb.connect()
    got = con.execute(f"SELECT {kz_id_valid_sql('v')} FROM (SELECT {q(value)} AS v)").fetchone()
    assert got is not None and got[0] == ids.is_valid_kz_id(value)


@settings(max_examples=50, deadline=None)
@given(st.text(alphabet="0123456789", min_size=12, max_size=12), st.binary(min_size=16, max_size=100))
def test_sql_hmac_equals_python_pseudonym(iin: str, key: bytes) -> None:
    con = duckdb.connect()
    got = con.execute(f"SELECT {hmac_sql('v', key)} FROM (SELECT {q(iin)} AS v)").fetchone()
    assert got is not None and got[0] == ids.pseudonymise(iin, key)
    assert got[0] == "w" + hmac.new(key, iin.encode(), hashlib.sha256).hexdigest()[:20]


def test_iin_decodes_birth_date_and_sex() -> None:
    # 7th digit 4: born in the 20th century, female.
    iin = next(x for x in (ids.complete_kz_id(f"8501034{n:04d}") for n in range(100)) if x)
    info = ids.decode_iin(iin)
    assert info is not None
    assert info.birth_date == dt.date(1985, 1, 3)
    assert info.sex == "F"
    assert ids.decode_iin(iin[:-1] + str((int(iin[-1]) + 1) % 10)) is None


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2025, 12, 31)), st.sampled_from("3456"))
def test_iin_roundtrip(born: dt.date, code: str) -> None:
    century = {"3": 1900, "4": 1900, "5": 2000, "6": 2000}[code]
    if not century <= born.year < century + 100:
        return
    for serial in range(1000, 1100):
        iin = ids.complete_kz_id(born.strftime("%y%m%d") + code + str(serial))
        if iin:
            info = ids.decode_iin(iin)
            assert info is not None and info.birth_date == born
            assert info.sex == ("M" if code in "35" else "F")
            return


def test_bin_decodes_registration_month_and_entity_type() -> None:
    b = next(x for x in (ids.complete_kz_id(f"1504400{n:04d}") for n in range(100)) if x)
    info = ids.decode_bin(b, today=dt.date(2026, 1, 1))
    assert info is not None
    assert info.registered == dt.date(2015, 4, 1)
    assert info.entity_type == "resident legal entity"
    assert info.division_type == "head office"


def test_iin_shape_heuristic_separates_bins() -> None:
    assert ids.looks_like_iin("850103301234")
    assert not ids.looks_like_iin("150440012345")


def test_missing_key_outside_demo_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in (ids.KEY_ENV, ids.KEY_FILE_ENV, ids.DEMO_ENV):
        monkeypatch.delenv(var, raising=False)
    with pytest.raises(ids.PseudonymKeyError, match="LABORMAP_PSEUDONYM_KEY"):
        ids.load_pseudonym_key()


def test_key_from_env_and_file(monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> None:
    from pathlib import Path

    monkeypatch.delenv(ids.DEMO_ENV, raising=False)
    monkeypatch.setenv(ids.KEY_ENV, "x" * 32)
    assert ids.load_pseudonym_key() == b"x" * 32
    monkeypatch.setenv(ids.KEY_ENV, "short")
    with pytest.raises(ids.PseudonymKeyError, match="16"):
        ids.load_pseudonym_key()
    monkeypatch.delenv(ids.KEY_ENV)
    f = Path(str(tmp_path)) / "key"
    f.write_text("s" * 40 + "\n")
    monkeypatch.setenv(ids.KEY_FILE_ENV, str(f))
    assert ids.load_pseudonym_key() == b"s" * 40
    monkeypatch.setenv(ids.KEY_FILE_ENV, str(f) + ".missing")
    with pytest.raises(ids.PseudonymKeyError, match="not a readable file"):
        ids.load_pseudonym_key()


def test_pseudonyms_are_stable_and_keyed() -> None:
    assert ids.pseudonymise("850103301234", b"k" * 16) == ids.pseudonymise("850103301234", b"k" * 16)
    assert ids.pseudonymise("850103301234", b"k" * 16) != ids.pseudonymise("850103301234", b"j" * 16)
