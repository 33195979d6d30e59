"""``simulate()``: build the world, run its ten years, write the registries and the truth."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

from labormap import __version__
from labormap.simulate import (
    agreements_truth,
    contract_endings,
    discipline,
    dynamics,
    media,
    reconciliation,
    records,
)
from labormap.simulate.links import build_agreements, build_links
from labormap.simulate.params import load_params
from labormap.simulate.sectors import SECTORS, SIZE_CLASSES
from labormap.simulate.timeline import Timeline
from labormap.simulate.workforce import generate_chunk
from labormap.simulate.world import World, build_world
from labormap.simulate.writer import FORMATS, RegistrySink, write_parquet

# Employers per block of worker-level generation. Each block has its own random generator, seeded by
# (seed, block), so the result never depends on how much is held in memory at once.
BLOCK = 1000

Progress = Callable[[str, float], None]


def _noop(stage: str, fraction: float) -> None:
    return None


def simulate(
    out: Path | str,
    *,
    employers: int = 3000,
    start: str = "2016-01",
    end: str = "2025-12",
    seed: int = 1,
    scenario: Path | str | Mapping[str, Any] | None = None,
    fmt: str = "parquet",
    payments_months: int | None = None,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Write ``out/registries/`` (a drop ``labormap ingest`` accepts) and ``out/truth/``; returns a summary.

    ``payments_months`` (or the scenario key ``output.payments_months``) limits payments to the last K
    months — the national benchmark writes 24 — while every other registry keeps the whole period.
    """
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    if employers < 20:
        raise ValueError("a world needs at least 20 employers")
    report = progress or _noop
    params = load_params(Path(scenario) if isinstance(scenario, str | Path) else scenario)
    if payments_months is not None:
        params["output.payments_months"] = int(payments_months)
    tl = Timeline.of(start, end)
    out = Path(out)
    for sub in ("registries", "truth"):
        if (out / sub).exists():
            shutil.rmtree(out / sub)
    sink = RegistrySink(out / "registries", fmt)
    truth_dir = out / "truth"
    truth_dir.mkdir(parents=True, exist_ok=True)

    report("world", 0.0)
    world = build_world(employers, seed, params, tl)
    links = build_links(world, tl, params, seed)
    agreements = build_agreements(world, tl, seed)
    sink = agreements_truth.planting(sink, world, tl, seed, truth_dir)  # pay systems, planted underpayment
    report("dynamics", 0.05)
    plan, latent = dynamics.run(world, tl, params, links, agreements, seed)
    sink = discipline.planting(sink, world, plan, tl, seed, truth_dir)  # contribution/ЕСУТД problems, truth
    report("registries", 0.2)

    sink.write("employers", records.employers_table(world, plan, tl))
    arrears, enforcement, arrears_truth = records.arrears_tables(world, plan, tl, params, seed)
    reconciliation.link(sink, truth_dir, tl, seed, arrears, enforcement)  # + police_cases, truth
    register, conflicts_truth, truth_ids, order = records.conflicts_tables(world, plan, tl)
    conflicts_truth = conflicts_truth.append_column("grievance", pa.array(latent.conflict_grievance[order]))
    conflicts_truth = conflicts_truth.append_column("hazard", pa.array(latent.conflict_hazard[order]))
    sink.write("conflicts", register)
    sink.write(
        "collective_agreements", records.collective_agreements_table(world, agreements, plan, tl, seed)
    )
    sink.write("sector_agreements", records.sector_agreements_table(tl))
    k_links = records.contractor_links_table(world, links, plan, tl, seed)
    sink.write("contractor_links", contract_endings.truth(k_links, world, links, plan, tl, truth_dir))
    sink.write("surveys", records.surveys_table(world, plan, tl, params, seed))
    report("media", 0.25)
    items, media_truth = media.generate(world, plan, tl, params, truth_ids, seed)
    for year in sorted(set(pa.compute.year(items["published_at"]).to_pylist())):
        mask = pa.compute.equal(pa.compute.year(items["published_at"]), year)
        sink.write("media_items", items.filter(mask), part=f"{year}")
    if items.num_rows == 0:
        sink.write("media_items", items)

    k = int(params["output.payments_months"])
    pay_from = 0 if k <= 0 else max(tl.n - k, 0)
    n_blocks = (world.n + BLOCK - 1) // BLOCK
    bins_all = pa.array(world.bin)
    for b in range(n_blocks):
        lo, hi = b * BLOCK, min((b + 1) * BLOCK, world.n)
        tables = generate_chunk(
            world, plan, tl, params, lo, hi, seed, b, n_blocks, pay_from, bins_all.slice(lo, hi - lo)
        )
        sink.write("contracts", tables.contracts, part=f"{b:05d}")
        sink.write("contract_events", tables.contract_events, part=f"{b:05d}")
        for j, part in enumerate(tables.payment_parts):
            sink.write("payments", part, part=f"{b:05d}-{j:03d}")
        report("workers", 0.3 + 0.6 * (b + 1) / n_blocks)
    sink.ensure_all()
    sink.close()

    report("truth", 0.92)
    write_parquet(_employer_truth(world, plan), truth_dir / "employers.parquet")
    _write_employer_months(world, plan, latent, tl, truth_dir / "employer_months")
    write_parquet(conflicts_truth, truth_dir / "conflicts.parquet")
    write_parquet(arrears_truth, truth_dir / "arrears.parquet")
    write_parquet(media_truth, truth_dir / "media.parquet")
    summary = {
        "labormap_version": __version__,
        "arguments": {
            "employers": employers,
            "start": start,
            "end": end,
            "seed": seed,
            "format": fmt,
            "payments_months": k,
        },
        "extract_on": str(tl.extract_on),
        "oversample": round(world.oversample, 6),
        "hazard_boost": round(world.boost, 6),
        "distress_boost": round(float(np.sqrt(world.boost)), 6),
        "rows": dict(sink.rows),
        "conflicts": {"truth": int(plan.conflicts.employer.size), "registered": int(register.num_rows)},
        "workers_end": int(plan.staff[:, -1].sum()),
        "params": params,
    }
    (truth_dir / "meta.json").write_text(
        json.dumps(summary, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8"
    )
    report("done", 1.0)
    return summary


def _employer_truth(world: World, plan: dynamics.Plan) -> pa.Table:
    bins = world.bin
    return pa.table(
        {
            "employer_bin": pa.array(bins),
            "sector_group": pa.array([SECTORS[s].code for s in world.sector.tolist()]),
            "size_class": pa.array([SIZE_CLASSES[c] for c in world.size_class.tolist()]),
            "staff_target": pa.array(world.staff.astype(np.int64)),
            "operator": pa.array(world.operator),
            "contractor": pa.array(world.contractor),
            "customer_bin": pa.array(
                [bins[c] if c >= 0 else None for c in world.customer.tolist()], type=pa.string()
            ),
            "project_contractor_of": pa.array(
                [
                    bins[c] if c >= 0 and c == world.project_operator else None
                    for c in world.customer.tolist()
                ],
                type=pa.string(),
            ),
            "national_weight": pa.array(world.weight),
            "health_mean": pa.array(world.health_mean),
            "compliance": pa.array(world.compliance),
            "informal": pa.array(world.informal),
            "underpay": pa.array(world.underpay),
            "pay_gap": pa.array(world.pay_gap),
            "wage_2025": pa.array(world.wage_2025),
            "exit_month": pa.array(plan.exit_month.astype(np.int64)),
            "union": pa.array(world.union),
        }
    )


def _write_employer_months(
    world: World, plan: dynamics.Plan, latent: dynamics.Latent, tl: Timeline, folder: Path
) -> None:
    """Every employer's month: latent health, grievance, hazard and the true drivers (one part per block)."""
    T = tl.n
    labels = pa.array([tl.label(t) for t in range(T)])
    bins = pa.array(world.bin)
    for b in range(0, world.n, BLOCK * 10):
        hi = min(b + BLOCK * 10, world.n)
        e = np.repeat(np.arange(b, hi), T)
        t = np.tile(np.arange(T), hi - b)
        sl = np.s_[b:hi]

        def flat(a: np.ndarray, sl: Any = sl) -> np.ndarray:
            return np.ascontiguousarray(a[sl]).reshape(-1)

        table = pa.table(
            {
                "employer_bin": bins.take(pa.array(e)),
                "month": labels.take(pa.array(t)),
                "health": pa.array(flat(latent.health).astype(np.float64)),
                "grievance": pa.array(flat(plan.grievance).astype(np.float64)),
                "hazard": pa.array(flat(latent.hazard).astype(np.float64)),
                "staff": pa.array(flat(plan.staff).astype(np.int64)),
                "hires": pa.array(flat(plan.hires).astype(np.int64)),
                "layoffs": pa.array(flat(plan.layoffs).astype(np.int64)),
                "arrears": pa.array(flat(plan.arrears)),
                "arrears_owed": pa.array(flat(plan.arrears_owed).astype(np.float64)),
                "late_contributions": pa.array(flat(plan.late_pay)),
                "missing_share": pa.array(flat(plan.missing_share).astype(np.float64)),
                "wage_level": pa.array(flat(plan.level).astype(np.float64)),
                "erosion": pa.array(flat(plan.erosion).astype(np.float64)),
                "idle_share": pa.array(flat(plan.idle_share).astype(np.float64)),
                "informal_workers": pa.array(flat(plan.informal_n).astype(np.int64)),
                "contagion": pa.array(flat(plan.contagion).astype(np.float64)),
            }
        )
        write_parquet(table, folder / f"part-{b // (BLOCK * 10):05d}.parquet")
