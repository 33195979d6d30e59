"""Hand-made registries: one record per rule, near misses around every term, two regions."""

from __future__ import annotations

import datetime as dt

from labormap.reconcile import Order, PoliceCase, Proceeding, Records
from tests.ingest.factories import bins

D = dt.date
A, B, C = bins(3)  # A and C in region 47 (Mangystau), B in region 75 (Almaty city)
REGION = {A: "47", B: "75", C: "47"}


def orders() -> list[Order]:
    return [
        Order("47-2025-П00001", A, D(2025, 2, 1), D(2025, 3, 1), 500_000),  # no proceeding: no_enforcement
        Order("47-2025-П00002", A, D(2025, 1, 10), D(2025, 2, 10), 300_000),  # P2 enforces it: matched
        Order("47-2024-П00004", A, D(2024, 12, 1), D(2025, 1, 1), 200_000),  # P4 closed as paid, unpaid
        Order("47-2025-П00005", C, D(2025, 1, 5), D(2025, 2, 1), 150_000, D(2025, 4, 10)),  # repaid, P5 open
        Order("47-2025-П00006", C, D(2025, 3, 1), D(2025, 4, 1), 410_000),  # P6 amount differs
        Order("47-2025-П00007", C, D(2025, 1, 20), D(2025, 2, 20), 120_000),  # P7 and police C7, C8
        Order("47-2024-П00009", A, D(2024, 10, 1), D(2024, 12, 1), 90_000),  # arose in Q1, still open
        Order("47-2024-П00010", C, D(2024, 10, 1), D(2024, 12, 1), 80_000, D(2025, 5, 1)),  # arose Q1, repaid
        Order("75-2025-П00011", B, D(2025, 2, 1), D(2025, 3, 1), 700_000),  # region 75: no_enforcement
        Order("47-2025-П00012", A, D(2025, 4, 1), D(2025, 5, 31), 60_000),  # overdue from 1 July only
        Order("47-2025-П00013", C, D(2025, 1, 1), D(2025, 2, 1), 70_000, D(2025, 6, 15)),  # P13 open, 15 days
    ]


def proceedings() -> list[Proceeding]:
    return [
        Proceeding("E2", A, D(2025, 3, 15), "open", 300_000, "47-2025-П00002"),
        Proceeding("E3", A, D(2025, 5, 5), "open", 100_000, "47-2025-П99999"),  # unknown order
        Proceeding("E4", A, D(2025, 2, 1), "closed_paid", 200_000, "47-2024-П00004", D(2025, 5, 20)),
        Proceeding("E5", C, D(2025, 3, 1), "open", 150_000, "47-2025-П00005"),
        Proceeding("E6", C, D(2025, 6, 1), "open", 500_000, "47-2025-П00006"),
        Proceeding("E7", C, D(2025, 3, 1), "suspended", 120_000.4, "47-2025-П00007"),  # < 1 tenge: fine
        Proceeding("E13", C, D(2025, 3, 1), "open", 70_000, "47-2025-П00013"),
    ]


def police() -> list[PoliceCase]:
    return [
        PoliceCase("C7", C, D(2025, 3, 15), "initiated", D(2025, 3, 15), 120_000, "47-2025-П00007"),
        PoliceCase("C8", C, D(2025, 3, 1), "sent_to_court", D(2025, 4, 20), 120_000, "47-2025-П00007"),
        # registered 2025-05-01: the term runs to 2025-07-01, so no decision yet is no discrepancy
        PoliceCase("C9", A, D(2025, 5, 1), "initiated", D(2025, 5, 1), 60_000, "47-2025-П00012"),
    ]


NAMES = {A: "ТОО «Альфа»", B: "ТОО «Бета»", C: "ТОО «Гамма»"}


def records() -> Records:
    return Records(orders(), proceedings(), police(), dict(REGION), dict(NAMES))


# What the act of 2025Q2 for region 47 must list (kind, order, reference).
EXPECTED_Q2_47 = {
    ("no_enforcement", "47-2025-П00001", None),
    ("unknown_order", "47-2025-П99999", "E3"),
    ("status_mismatch", "47-2024-П00004", "E4"),
    ("status_mismatch", "47-2025-П00005", "E5"),
    ("amount_mismatch", "47-2025-П00006", "E6"),
    ("no_police_decision", "47-2025-П00007", "C7"),
}
EARLIER_Q2_47 = {
    ("no_enforcement", "47-2024-П00009", None): "open",
    ("no_enforcement", "47-2024-П00010", None): "resolved",
}
# E2, E7 (amount within a tenge), E13 (repaid 15 days ago), C8 (decided in the quarter), C9 (term running)
MATCHED_Q2_47 = 5
