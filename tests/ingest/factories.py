"""Valid identifiers and rows for ingest tests."""

from __future__ import annotations

from labormap.identifiers import complete_kz_id


def bins(n: int, start: int = 0) -> list[str]:
    out: list[str] = []
    i = start
    while len(out) < n:
        b = complete_kz_id(f"1504400{i:04d}")
        i += 1
        if b:
            out.append(b)
    return out


def iins(n: int, start: int = 0) -> list[str]:
    out: list[str] = []
    i = start
    while len(out) < n:
        x = complete_kz_id(f"8501033{i:04d}")
        i += 1
        if x:
            out.append(x)
    return out


EMP_HEADER = ["bin", "name", "legal_form", "oked", "kato", "status", "lat", "lon"]


def employer_row(b: str, name: str = "ТОО Ромашка", kato: str = "471010000") -> list[str]:
    return [b, name, "ТОО", "06100", kato, "active", "43.6", "51.2"]
