"""Kazakh identifiers: BIN (business) and IIN (individual) numbers, and keyed pseudonyms of IINs.

Both are 12 digits; the last is a check digit: the weighted sum of the first 11 digits with weights
1..11, mod 11; when that is 10, a second sum with weights 3..11, 1, 2, mod 11; a second 10 means the
number cannot be valid (such numbers are never issued).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import os
from dataclasses import dataclass
from pathlib import Path

WEIGHTS_1 = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
WEIGHTS_2 = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)


def check_digit(first11: str) -> int | None:
    """The check digit for 11 leading digits, or None when no valid number starts with them."""
    digits = [int(c) for c in first11]
    s = sum(d * w for d, w in zip(digits, WEIGHTS_1, strict=True)) % 11
    if s == 10:
        s = sum(d * w for d, w in zip(digits, WEIGHTS_2, strict=True)) % 11
        if s == 10:
            return None
    return s


def is_valid_kz_id(value: str) -> bool:
    """True when ``value`` is 12 ASCII digits with a correct check digit (BIN or IIN alike)."""
    if len(value) != 12 or not value.isascii() or not value.isdigit():
        return False
    return check_digit(value[:11]) == int(value[11])


def complete_kz_id(first11: str) -> str | None:
    """Append the check digit to 11 digits; None when that prefix has no valid completion."""
    c = check_digit(first11)
    return None if c is None else first11 + str(c)


# --- IIN ---------------------------------------------------------------------------------------------

_CENTURY_SEX = {
    "1": (1800, "M"),
    "2": (1800, "F"),
    "3": (1900, "M"),
    "4": (1900, "F"),
    "5": (2000, "M"),
    "6": (2000, "F"),
}


@dataclass(frozen=True, slots=True)
class IinInfo:
    birth_date: dt.date
    sex: str  # "M" or "F"


def decode_iin(iin: str) -> IinInfo | None:
    """Birth date and sex encoded in an IIN (digits 1–6 and 7); None when they do not decode."""
    if not is_valid_kz_id(iin) or iin[6] not in _CENTURY_SEX:
        return None
    century, sex = _CENTURY_SEX[iin[6]]
    try:
        born = dt.date(century + int(iin[:2]), int(iin[2:4]), int(iin[4:6]))
    except ValueError:
        return None
    return IinInfo(born, sex)


# --- BIN ---------------------------------------------------------------------------------------------

BIN_ENTITY_TYPES = {
    "4": "resident legal entity",
    "5": "non-resident legal entity",
    "6": "individual entrepreneur in joint enterprise",
}
BIN_DIVISION_TYPES = {"0": "head office", "1": "branch", "2": "representative office", "3": "peasant farm"}


@dataclass(frozen=True, slots=True)
class BinInfo:
    registered: dt.date  # first day of the registration month
    entity_type: str
    division_type: str


def decode_bin(bin_: str, today: dt.date | None = None) -> BinInfo | None:
    """Registration month (digits 1–4), entity type (digit 5) and division type (digit 6) of a BIN."""
    if not is_valid_kz_id(bin_) or bin_[4] not in BIN_ENTITY_TYPES or bin_[5] not in BIN_DIVISION_TYPES:
        return None
    month = int(bin_[2:4])
    if not 1 <= month <= 12:
        return None
    yy = int(bin_[:2])
    this_year = (today or dt.date.today()).year
    # BINs exist since 2007; a two-digit year after this year's belongs to the previous century.
    year = 2000 + yy if 2000 + yy <= this_year else 1900 + yy
    return BinInfo(dt.date(year, month, 1), BIN_ENTITY_TYPES[bin_[4]], BIN_DIVISION_TYPES[bin_[5]])


def looks_like_iin(value: str) -> bool:
    """A 12-digit string whose 5th digit can be a day's tens digit (0–3); BINs carry 4–6 there.

    Used to find and pseudonymise IINs in free-form text such as a malformed row kept in quarantine.
    """
    return len(value) == 12 and value.isdigit() and value[4] in "0123"


# --- Pseudonyms --------------------------------------------------------------------------------------

KEY_ENV = "LABORMAP_PSEUDONYM_KEY"
KEY_FILE_ENV = "LABORMAP_PSEUDONYM_KEY_FILE"
DEMO_ENV = "LABORMAP_DEMO"
# Only for synthetic demo worlds: the demo never holds a real IIN, so a public key leaks nothing.
DEMO_KEY = b"labormap-demo-key-not-for-production"


class PseudonymKeyError(RuntimeError):
    """Raised when no pseudonymisation key is configured outside demo mode."""


def demo_mode() -> bool:
    return os.environ.get(DEMO_ENV, "").lower() in {"1", "true", "yes"}


def load_pseudonym_key() -> bytes:
    """The HMAC key: ``$LABORMAP_PSEUDONYM_KEY``, else the file ``$LABORMAP_PSEUDONYM_KEY_FILE``,
    else — only in demo mode (``LABORMAP_DEMO=1``) — the public demo key."""
    raw = os.environ.get(KEY_ENV)
    if raw:
        if len(raw) < 16:
            raise PseudonymKeyError(f"{KEY_ENV} must be at least 16 characters long")
        return raw.encode()
    path = os.environ.get(KEY_FILE_ENV)
    if path:
        p = Path(path)
        if not p.is_file():
            raise PseudonymKeyError(f"{KEY_FILE_ENV} points to {path}, which is not a readable file")
        key = p.read_bytes().strip()
        if len(key) < 16:
            raise PseudonymKeyError(f"the key in {path} must be at least 16 bytes long")
        return key
    if demo_mode():
        return DEMO_KEY
    raise PseudonymKeyError(
        f"No pseudonymisation key: set {KEY_ENV} (a secret of 16+ characters) or {KEY_FILE_ENV} "
        f"(a file holding it); for synthetic demo data set {DEMO_ENV}=1."
    )


PSEUDONYM_PREFIX = "w"
PSEUDONYM_HEX = 20  # 80 bits: collisions stay negligible for 10^8 workers, and no raw IIN fits the shape


def pseudonymise(iin: str, key: bytes) -> str:
    """Keyed pseudonym of an IIN: the same IIN and key always give the same pseudonym."""
    digest = hmac.new(key, iin.strip().encode(), hashlib.sha256).hexdigest()
    return PSEUDONYM_PREFIX + digest[:PSEUDONYM_HEX]
