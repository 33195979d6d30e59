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


# Published BINs, checked against numbers nobody computed with this module's weights. Source: python-stdnum,
# tests/test_kz_bin.doctest ("These have been found online and should all be valid numbers"),
# https://github.com/arthurdejong/python-stdnum/blob/master/tests/test_kz_bin.doctest (commit 9daaebd); the
# first two are also the examples of stdnum/kz/bin.py, which cites the OECD's Kazakhstan TIN sheet
# https://www.oecd.org/tax/automatic-exchange/crs-implementation-and-assistance/tax-identification-numbers/Kazakhstan-TIN.pdf
PUBLISHED_BINS = (
    "940140000385",
    "990140004654",
    "171140900016",
    "011140004703",
    "981240000488",
    "031140003104",
    "980740000057",
    "050540004455",
    "100240019642",
    "181141900093",
    "991240015834",
    "200240900095",
    "210840900029",
    "930440000156",
    "101241001053",
    "061241010270",
    "150440002169",
    "941240000341",
    "140840008587",
    "220140006999",
)
# Published IIN examples from documentation (not real people's numbers: the privacy rule keeps those out):
# "791028302728" is the example of the py-kz-validators README (https://github.com/tlgtaa/py-kz-validators);
# "800416100254" and "680503250034" are the century-digit cases of kaz-person-id's PrivatePersonIdTest
# (https://github.com/valery1707/kaz-person-id, src/test/java/name/valery1707/kazPersonId/PrivatePersonIdTest.java),
# with the birth dates and sexes that library asserts.
PUBLISHED_IINS = {
    "791028302728": (dt.date(1979, 10, 28), "M"),
    "800416100254": (dt.date(1880, 4, 16), "M"),
    "680503250034": (dt.date(1868, 5, 3), "F"),
}


@pytest.mark.parametrize("number", [*PUBLISHED_BINS, *PUBLISHED_IINS])
def test_published_numbers_are_valid_and_every_other_check_digit_is_not(number: str) -> None:
    assert ids.is_valid_kz_id(number)
    assert ids.complete_kz_id(number[:11]) == number
    for d in "0123456789":
        if d != number[-1]:
            assert not ids.is_valid_kz_id(number[:11] + d)


@pytest.mark.parametrize("number", PUBLISHED_BINS)
def test_published_bins_decode_and_do_not_look_like_iins(number: str) -> None:
    info = ids.decode_bin(number, today=dt.date(2026, 1, 1))
    assert info is not None and info.entity_type == "resident legal entity"
    assert info.registered == dt.date(
        (1900 if number[:2] > "26" else 2000) + int(number[:2]), int(number[2:4]), 1
    )
    assert not ids.looks_like_iin(number)


def test_published_bins_name_branches_by_their_sixth_digit() -> None:
    # 181141900093 and 101241001053 carry 1 (branch) in the sixth position; 940140000385 carries 0
    kinds = {n: ids.decode_bin(n, today=dt.date(2026, 1, 1)) for n in ("181141900093", "940140000385")}
    assert {n: i.division_type if i else None for n, i in kinds.items()} == {
        "181141900093": "branch",
        "940140000385": "head office",
    }


@pytest.mark.parametrize(("iin", "expected"), PUBLISHED_IINS.items())
def test_published_iins_decode_birth_date_and_sex(iin: str, expected: tuple[dt.date, str]) -> None:
    info = ids.decode_iin(iin)
    assert info is not None and (info.birth_date, info.sex) == expected
    assert ids.looks_like_iin(iin)
    assert ids.decode_iin(iin[:-1] + str((int(iin[-1]) + 1) % 10)) is None


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
