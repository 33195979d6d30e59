"""Load agreements results from the warehouse into the app database (called by ``labormap web publish``).

The engine (:mod:`labormap.agreements`) runs on the latest two half-years with payments; findings of
employers the app does not know are dropped. The catalogue keeps the first publication time of each
agreement, which the Atom feed of new agreements is ordered by.
"""

from __future__ import annotations

import hashlib
import json

from django.db import transaction
from django.utils import timezone

from labormap.agreements.common import latest_halves, prepare
from labormap.agreements.compliance import compliance
from labormap.agreements.coverage import coverage
from labormap.warehouse import Warehouse
from labormap.web.agreements.models import Agreement, PayFinding, RegionCoverage, SectorCoverage
from labormap.web.employers.models import Employer

HALVES = 2
# What the agreements engine reads: when none of these changed since the last computation, its results
# cannot have changed either. At national scale the engine reads months of payments for every worker (minutes,
# not seconds), so a daily publish with new scores but no new registry data must not run it again.
INPUT_REGISTRIES = ("payments", "contracts", "collective_agreements", "sector_agreements", "employers")
MODES = ("auto", "always", "skip")


def inputs_fingerprint(wh: Warehouse) -> str:
    """SHA-256 over the committed files of the registries the engine reads and the code version."""
    from labormap import __version__

    files = {r: wh.registry_files(r) + wh.superseded_files(r) for r in INPUT_REGISTRIES}
    blob = json.dumps({"version": __version__, "files": files}, sort_keys=True).encode()
    return hashlib.sha256(blob).hexdigest()


def needs_publish(mode: str, fingerprint: str, last: str | None) -> bool:
    """``auto``: only when the inputs differ from the last computed ones; ``always``; ``skip``: never."""
    if mode not in MODES:
        raise ValueError(f"agreements mode must be one of {', '.join(MODES)}, not {mode!r}")
    return mode == "always" or (mode == "auto" and fingerprint != last)


def publish_agreements(wh: Warehouse) -> dict[str, int]:
    from labormap.web.employers.publish import publish_connection

    # the engine's scans spill to disk past the limit, so a national publish cannot take the server's memory
    con = publish_connection(wh)
    prepare(con)
    try:
        halves = latest_halves(con, HALVES)
        known = set(Employer.objects.values_list("bin", flat=True))
        findings: list[PayFinding] = []
        regions: list[RegionCoverage] = []
        sectors: list[SectorCoverage] = []
        for h in halves:
            for f in compliance(con, h).findings:
                if f.employer_bin in known:
                    findings.append(
                        PayFinding(
                            half=h.code,
                            employer_id=f.employer_bin,
                            kind=f.kind,
                            workers=f.workers,
                            shortfall_kzt_month=f.shortfall_kzt_month,
                            worker_months=f.worker_months,
                        )
                    )
            cov = coverage(con, h)
            regions += [
                RegionCoverage(
                    half=h.code,
                    region=r.region,
                    agreements=", ".join(r.agreements),
                    employers=r.employers,
                    workers=r.workers,
                    employers_no_agreement=r.employers_no_agreement,
                    workers_no_agreement=r.workers_no_agreement,
                )
                for r in cov.regions
            ]
            sectors += [
                SectorCoverage(
                    half=h.code,
                    level=s.level,
                    code=s.code,
                    section=s.section[:1],
                    agreements=", ".join(s.agreements),
                    employers=s.employers,
                    workers=s.workers,
                    employers_uncovered=s.employers_uncovered,
                    workers_uncovered=s.workers_uncovered,
                )
                for s in cov.sectors
            ]
        rows = con.execute(
            "SELECT agreement_id, level, oked_section, oked_division, region, title, valid_from, valid_to, "
            "min_tariff_kzt, inter_grade_coefficient, hazard_bonus_pct, indexation_clause FROM ag_sector_agreements"
        ).fetchall()
    finally:
        con.close()
    now = timezone.now()
    first_seen = dict(Agreement.objects.values_list("agreement_id", "published_at"))
    agreements = [
        Agreement(
            agreement_id=r[0],
            level=r[1],
            oked_section=r[2] or "",
            oked_division=r[3] or "",
            region=r[4] or "",
            title=r[5] or "",
            valid_from=r[6],
            valid_to=r[7],
            min_tariff_kzt=r[8],
            inter_grade_coefficient=r[9],
            hazard_bonus_pct=r[10],
            indexation_clause=r[11],
            published_at=first_seen.get(r[0], now),
        )
        for r in rows
    ]
    with transaction.atomic():
        PayFinding.objects.all().delete()
        PayFinding.objects.bulk_create(findings, batch_size=2000)
        RegionCoverage.objects.all().delete()
        RegionCoverage.objects.bulk_create(regions)
        SectorCoverage.objects.all().delete()
        SectorCoverage.objects.bulk_create(sectors)
        Agreement.objects.all().delete()
        Agreement.objects.bulk_create(agreements, batch_size=2000)
    return {"findings": len(findings), "agreements": len(agreements), "halves": len(halves)}
