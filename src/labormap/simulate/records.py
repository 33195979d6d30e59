"""Employer-level registries drawn from the plan: employers, arrears, enforcement, conflicts, agreements,
contractor links and surveys — as the state systems record them, with their delays and blind spots.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa

from labormap.reference.oked import oked_section_of
from labormap.reference.parameters import parameters_for
from labormap.registries import REGISTRIES
from labormap.simulate import geo
from labormap.simulate.aliases import aliases_for
from labormap.simulate.dynamics import CAUSE_CODES, KINDS, OUTCOME_CODES, Plan
from labormap.simulate.links import Agreements, Links
from labormap.simulate.sectors import SECTION_AGREEMENT_TITLES, TARIFF_BY_SECTION
from labormap.simulate.timeline import Timeline
from labormap.simulate.world import World

EPOCH = np.datetime64("1970-01-01", "D")


def _d(days: np.ndarray | list[int], mask: np.ndarray | None = None) -> pa.Array:
    arr = (EPOCH + np.asarray(days, dtype=np.int64)).astype("datetime64[D]")
    return pa.array(arr, mask=None if mask is None else ~np.asarray(mask, dtype=bool))


def _days(d: Any) -> np.ndarray:
    return (np.asarray(d, dtype="datetime64[D]") - EPOCH).astype(np.int64)


def horizon(tl: Timeline) -> int:
    """Latest date a registry may hold: a year after extraction (contracts run past it, ingest accepts it)."""
    return int(_days(tl.extract_on)) + 365


def employers_table(world: World, plan: Plan, tl: Timeline) -> pa.Table:
    T = tl.n
    status = np.array(["active"] * world.n, dtype=object)
    ex = plan.exit_month
    rng = np.random.default_rng([world.seed, 20])
    u = rng.random(world.n)
    status[(ex >= 0) & (ex >= T - 8)] = "liquidating"
    status[(ex >= 0) & (ex < T - 8) & (u < 0.35)] = "bankrupt"
    status[(ex >= 0) & (ex < T - 8) & (u >= 0.35)] = "liquidated"
    parent_bin = [world.bin[p] if p >= 0 else None for p in world.parent.tolist()]
    return pa.table(
        {
            "bin": pa.array(world.bin),
            "name": pa.array(world.name_ru),
            "name_kk": pa.array(world.name_kk),
            "legal_form": pa.array(world.legal_form),
            "oked": pa.array(world.oked),
            "kato": pa.array(world.kato),
            "lat": pa.array(world.lat),
            "lon": pa.array(world.lon),
            "status": pa.array(status.tolist(), type=pa.string()),
            "registered_on": pa.array(world.reg_date),
            "parent_bin": pa.array(parent_bin, type=pa.string()),
            "holding": pa.array(world.holding, type=pa.string()),
            "union_present": pa.array(world.union),
            "accident_insurance": pa.array(world.insured),
            "aliases": pa.array(aliases_for(world.bin, world.name_ru), type=pa.string()),
        }
    )


def _runs(flag: np.ndarray) -> list[tuple[int, int]]:
    """(first, last) month of each run of True."""
    d = np.diff(np.r_[0, flag.astype(np.int8), 0])
    starts = np.flatnonzero(d == 1)
    ends = np.flatnonzero(d == -1) - 1
    return list(zip(starts.tolist(), ends.tolist(), strict=True))


def arrears_tables(
    world: World, plan: Plan, tl: Timeline, params: dict[str, Any], seed: int
) -> tuple[pa.Table, pa.Table, pa.Table]:
    """Arrears found by inspectors, the enforcement proceedings that follow, and the truth of every episode."""
    rng = np.random.default_rng([seed, 21])
    month_start = _days(tl.month_start(np.arange(tl.n + 1)))
    extract = int(_days(tl.extract_on))
    det = float(params["observe.arrears_detection"])
    det_conf = float(params["observe.arrears_detection_conflict"])
    # months with a conflict about unpaid wages: inspectors come after them
    conf_month: dict[int, list[int]] = {}
    c = plan.conflicts
    for e, t, causes in zip(c.employer.tolist(), c.month.tolist(), c.causes, strict=True):
        if CAUSE_CODES.index("wage_arrears") in causes:
            conf_month.setdefault(e, []).append(t)
    arr: dict[str, list[Any]] = {k: [] for k in REGISTRIES["arrears"].column_names}
    enf: dict[str, list[Any]] = {k: [] for k in REGISTRIES["enforcement"].column_names}
    truth: dict[str, list[Any]] = {
        k: []
        for k in (
            "employer_bin",
            "first_month",
            "last_month",
            "repaid",
            "owed_kzt",
            "workers",
            "found",
            "case_id",
        )
    }
    seq: dict[str, int] = {}
    employers = np.flatnonzero(plan.arrears.any(axis=1))
    for e in employers.tolist():
        for a, b in _runs(plan.arrears[e]):
            repaid = bool(b + 1 < tl.n and plan.repaid[e, b + 1])
            conf = [t for t in conf_month.get(e, []) if a <= t <= b + 1]
            months = np.arange(a, b + 1)
            # inspectors come after complaints, and a handful of unpaid workers rarely complain as a group
            staff = plan.staff[e, months]
            hit = rng.random(months.size) < det * np.clip(staff / 40, 0.03, 1) * (
                1 + 0.3 * np.log1p(staff / 50)
            )
            found_t = int(months[np.argmax(hit)]) if hit.any() else -1
            if conf and rng.random() < det_conf:
                found_t = min(found_t, conf[0]) if found_t >= 0 else min(conf[0], b)
            truth["employer_bin"].append(world.bin[e])
            truth["first_month"].append(tl.label(a))
            truth["last_month"].append(tl.label(b))
            truth["repaid"].append(repaid)
            truth["owed_kzt"].append(float(plan.arrears_owed[e, b]))
            truth["workers"].append(int(max(1, round(plan.arrears_share[e, b] * max(plan.staff[e, b], 1)))))
            if found_t < 0:
                truth["found"].append(False)
                truth["case_id"].append(None)
                continue
            found = int(month_start[found_t] + rng.integers(0, 27))
            if found > extract:
                truth["found"].append(False)
                truth["case_id"].append(None)
                continue
            year = tl.year(found_t)
            reg = geo.REGION_CODES[world.region[e]]
            key = f"{reg}-{year}"
            seq[key] = seq.get(key, 0) + 1
            case_id = f"ТИ-{reg}-{year}-{seq[key]:05d}"
            truth["found"].append(True)
            truth["case_id"].append(case_id)
            amount = round(float(plan.arrears_owed[e, found_t]) * rng.uniform(0.85, 1.0), -3)
            workers = int(max(1, round(plan.arrears_share[e, found_t] * max(plan.staff[e, found_t], 1))))
            due = found + int(rng.integers(10, 31))
            repaid_on = int(month_start[b + 1] + rng.integers(0, 27)) if repaid else -1
            if repaid_on >= 0 and repaid_on < found:
                repaid_on = found + int(rng.integers(1, 10))
            if repaid_on > extract:
                repaid_on = -1
            arr["case_id"].append(case_id)
            arr["employer_bin"].append(world.bin[e])
            arr["found_on"].append(found)
            arr["amount_kzt"].append(max(amount, 10_000.0))
            arr["workers"].append(workers)
            arr["months"].append(int(min(max(plan.arrears_months[e, found_t], 1), 120)))
            arr["order_no"].append(f"{reg}-{year}-П{seq[key]:05d}")
            arr["order_due_on"].append(due)
            arr["repaid_on"].append(repaid_on)
            arr["repaid_kzt"].append(max(amount, 10_000.0) if repaid_on >= 0 else None)
            # unpaid by the deadline: a share goes to enforcement
            unpaid_at_due = repaid_on < 0 or repaid_on > due
            if unpaid_at_due and rng.random() < float(params["observe.enforcement"]):
                opened = due + int(rng.integers(15, 91))
                if opened > extract or (0 <= repaid_on <= opened):
                    continue
                basis = ("inspector_order", "court_decision", "notary_writ", "other")[
                    int(rng.choice(4, p=[0.55, 0.38, 0.04, 0.03]))
                ]
                if repaid_on >= 0:
                    status, closed_day, collected = (
                        "closed_paid",
                        min(repaid_on + int(rng.integers(0, 21)), extract),
                        max(amount, 10_000.0),
                    )
                elif plan.exit_month[e] >= 0 and month_start[plan.exit_month[e]] + 60 < extract:
                    status = "closed_other"
                    closed_day = max(opened, int(month_start[plan.exit_month[e]]) + 60)
                    collected = round(max(amount, 10_000.0) * rng.uniform(0, 0.3), -3)
                else:
                    status, closed_day = ("suspended" if rng.random() < 0.2 else "open"), -1
                    collected = round(max(amount, 10_000.0) * rng.uniform(0, 0.5), -3)
                enf["proceeding_id"].append(f"{year}{reg}{len(enf['proceeding_id']) + 1:07d}")
                enf["employer_bin"].append(world.bin[e])
                enf["opened_on"].append(opened)
                enf["basis"].append(basis)
                enf["amount_kzt"].append(max(amount, 10_000.0))
                enf["collected_kzt"].append(collected)
                enf["workers"].append(workers)
                enf["status"].append(status)
                enf["closed_on"].append(closed_day)
                enf["order_no"].append(arr["order_no"][-1] if basis == "inspector_order" else None)
    arrears = pa.table(
        {
            "case_id": pa.array(arr["case_id"], type=pa.string()),
            "employer_bin": pa.array(arr["employer_bin"], type=pa.string()),
            "found_on": _d(arr["found_on"]),
            "amount_kzt": pa.array(arr["amount_kzt"], type=pa.float64()),
            "workers": pa.array(arr["workers"], type=pa.int64()),
            "months": pa.array(arr["months"], type=pa.int64()),
            "order_no": pa.array(arr["order_no"], type=pa.string()),
            "order_due_on": _d(arr["order_due_on"]),
            "repaid_on": _d(arr["repaid_on"], np.array(arr["repaid_on"], dtype=np.int64) >= 0),
            "repaid_kzt": pa.array(arr["repaid_kzt"], type=pa.float64()),
        }
    ).sort_by([("found_on", "ascending"), ("case_id", "ascending")])
    closed = np.array(enf["closed_on"], dtype=np.int64)
    enforcement = pa.table(
        {
            "proceeding_id": pa.array(enf["proceeding_id"], type=pa.string()),
            "employer_bin": pa.array(enf["employer_bin"], type=pa.string()),
            "opened_on": _d(enf["opened_on"]),
            "basis": pa.array(enf["basis"], type=pa.string()),
            "amount_kzt": pa.array(enf["amount_kzt"], type=pa.float64()),
            "collected_kzt": pa.array(enf["collected_kzt"], type=pa.float64()),
            "workers": pa.array(enf["workers"], type=pa.int64()),
            "status": pa.array(enf["status"], type=pa.string()),
            "closed_on": _d(closed, closed >= 0),
            "order_no": pa.array(enf["order_no"], type=pa.string()),
        }
    ).sort_by([("opened_on", "ascending"), ("proceeding_id", "ascending")])
    truth_t = (
        pa.table({k: pa.array(v) for k, v in truth.items()})
        if truth["employer_bin"]
        else pa.table({"employer_bin": pa.array([], pa.string())})
    )
    return arrears, enforcement, truth_t


DEMANDS = {
    "wage_level": "Повышение заработной платы на {pct}%",
    "wage_arrears": "Погашение задолженности по заработной плате за {months} мес.",
    "layoffs": "Отмена сокращения работников и сохранение рабочих мест",
    "transfer_to_parent": "Перевод работников в штат компании-заказчика",
    "pay_gap": "Устранение разрыва в оплате труда с работниками заказчика",
    "working_conditions": "Улучшение условий и охраны труда, выдача спецодежды",
    "management": "Смена руководства, прекращение давления на работников",
    "social_package": "Пересмотр вахтовых надбавок и социального пакета",
}


def conflicts_tables(
    world: World, plan: Plan, tl: Timeline
) -> tuple[pa.Table, pa.Table, list[str], np.ndarray]:
    """The register of conflicts (what the state recorded), the truth of every conflict (in start order), the
    truth id of each conflict of the plan, and that start order."""
    c = plan.conflicts
    month_start = _days(tl.month_start(np.arange(tl.n + 1)))
    extract = int(_days(tl.extract_on))
    k = c.employer.size
    started = month_start[c.month] + c.day - 1 if k else np.zeros(0, np.int64)
    ended = started + c.duration
    ongoing = ended > extract
    outcome = np.where(ongoing, OUTCOME_CODES.index("ongoing"), c.outcome) if k else np.zeros(0, np.int64)
    registered = started + c.registered_delay
    in_register = c.observed & (registered <= extract) if k else np.zeros(0, bool)
    order = np.lexsort((c.employer, started)) if k else np.zeros(0, np.int64)
    ids: list[str | None] = [None] * k
    seq: dict[int, int] = {}
    truth_ids = [""] * k
    for n_, i in enumerate(order.tolist()):
        y = tl.year(int(c.month[i]))
        truth_ids[i] = f"T{n_ + 1:06d}"
        if in_register[i]:
            seq[y] = seq.get(y, 0) + 1
            ids[i] = f"СТК-{y}-{seq[y]:04d}"
    causes = [";".join(CAUSE_CODES[j] for j in cs) for cs in c.causes]
    demands = [
        "; ".join(DEMANDS[CAUSE_CODES[j]].format(pct=int(r), months=max(int(m), 1)) for j in cs)
        for cs, r, m in zip(c.causes, c.demand_raise.tolist(), c.arrears_months.tolist(), strict=True)
    ]
    kinds = [KINDS[j] for j in c.kind.tolist()]
    outcomes = [OUTCOME_CODES[j] for j in outcome.tolist()]
    bins = [world.bin[e] for e in c.employer.tolist()]
    sel = order[in_register[order]]
    register = pa.table(
        {
            "conflict_id": pa.array([ids[i] for i in sel.tolist()], type=pa.string()),
            "employer_bin": pa.array([bins[i] for i in sel.tolist()], type=pa.string()),
            "started_on": _d(started[sel]),
            "ended_on": _d(ended[sel], ~ongoing[sel]),
            "kind": pa.array([kinds[i] for i in sel.tolist()], type=pa.string()),
            "causes": pa.array([causes[i] for i in sel.tolist()], type=pa.string()),
            "participants": pa.array(c.participants[sel].astype(np.int64)),
            "participant_group": pa.array([c.group[i] for i in sel.tolist()], type=pa.string()),
            "demands": pa.array([demands[i] for i in sel.tolist()], type=pa.string()),
            "outcome": pa.array([outcomes[i] for i in sel.tolist()], type=pa.string()),
            "registered_on": _d(registered[sel]),
        }
    )
    truth = pa.table(
        {
            "truth_id": pa.array([truth_ids[i] for i in order.tolist()], type=pa.string()),
            "conflict_id": pa.array([ids[i] for i in order.tolist()], type=pa.string()),
            "employer_bin": pa.array([bins[i] for i in order.tolist()], type=pa.string()),
            "month": pa.array([tl.label(int(c.month[i])) for i in order.tolist()], type=pa.string()),
            "started_on": _d(started[order]),
            "ended_on": _d(ended[order], ~ongoing[order]),
            "kind": pa.array([kinds[i] for i in order.tolist()], type=pa.string()),
            "causes": pa.array([causes[i] for i in order.tolist()], type=pa.string()),
            "participants": pa.array(c.participants[order].astype(np.int64)),
            "participant_group": pa.array([c.group[i] for i in order.tolist()], type=pa.string()),
            "outcome": pa.array([outcomes[i] for i in order.tolist()], type=pa.string()),
            "observed": pa.array(in_register[order]),
            "arrears_months": pa.array(c.arrears_months[order].astype(np.int64)),
        }
    )
    return register, truth, truth_ids, order


def collective_agreements_table(
    world: World, agreements: Agreements, plan: Plan, tl: Timeline, seed: int
) -> pa.Table:
    rng = np.random.default_rng([seed, 22])
    month_start = _days(tl.month_start(np.arange(-60, tl.n + 60)))
    extract = int(_days(tl.extract_on))
    rows: dict[str, list[Any]] = {k: [] for k in REGISTRIES["collective_agreements"].column_names}
    for n_, (e, a, b) in enumerate(
        zip(agreements.employer.tolist(), agreements.start.tolist(), agreements.end.tolist(), strict=True)
    ):
        if a + 60 < 0 or (plan.exit_month[e] >= 0 and a > plan.exit_month[e]):
            continue
        valid_from = int(month_start[a + 60])
        if valid_from > extract:
            continue
        valid_to = min(int(month_start[min(b + 61, len(month_start) - 1)]) - 1, horizon(tl))
        signed = valid_from - int(rng.integers(3, 30))
        registered = signed + int(rng.integers(1, 30))
        if registered > extract:
            continue
        sec = oked_section_of(world.oked[e]) or ""
        year = (tl.first + a) // 12
        mzp = parameters_for(year).mzp
        grades = 1 + int(rng.integers(3, 7))
        step = float(rng.choice([1.1, 1.15, 1.2, 1.25]))
        rows["agreement_id"].append(f"КД-{geo.REGION_CODES[world.region[e]]}-{n_ + 1:06d}")
        rows["employer_bin"].append(world.bin[e])
        rows["union_name"].append(
            f"Первичная профсоюзная организация {world.name_ru[e]}"
            if world.union[e]
            else "Представители работников"
        )
        rows["signed_on"].append(signed)
        rows["valid_from"].append(valid_from)
        rows["valid_to"].append(max(valid_to, valid_from))
        rows["min_tariff_kzt"].append(
            round(mzp * TARIFF_BY_SECTION.get(sec, 1.0) * rng.uniform(1.0, 1.3), -2)
        )
        rows["tariff_coefficients"].append(";".join(f"{step**g:.2f}" for g in range(grades)))
        rows["hazard_bonus_pct"].append(float(rng.integers(10, 31)) if world.hazardous_share[e] > 0 else None)
        rows["registered_on"].append(registered)
    return pa.table(
        {
            "agreement_id": pa.array(rows["agreement_id"], type=pa.string()),
            "employer_bin": pa.array(rows["employer_bin"], type=pa.string()),
            "union_name": pa.array(rows["union_name"], type=pa.string()),
            "signed_on": _d(rows["signed_on"]),
            "valid_from": _d(rows["valid_from"]),
            "valid_to": _d(rows["valid_to"]),
            "min_tariff_kzt": pa.array(rows["min_tariff_kzt"], type=pa.float64()),
            "tariff_coefficients": pa.array(rows["tariff_coefficients"], type=pa.string()),
            "hazard_bonus_pct": pa.array(rows["hazard_bonus_pct"], type=pa.float64()),
            "registered_on": _d(rows["registered_on"]),
        }
    )


def sector_agreements_table(tl: Timeline) -> pa.Table:
    """Yearly general, sectoral and regional agreements with their minimum tariffs (multiples of the МЗП)."""
    rows: dict[str, list[Any]] = {k: [] for k in REGISTRIES["sector_agreements"].column_names}
    first_year = tl.year(0)
    last_year = tl.year(tl.n - 1)
    for y in range(first_year, last_year + 1):
        mzp = parameters_for(y).mzp
        entries: list[tuple[str, str | None, str | None, str, float, float | None]] = [
            ("general", None, None, f"Генеральное соглашение на {y} год", 1.0, None)
        ]
        for sec, coef in TARIFF_BY_SECTION.items():
            bonus = 12.0 if sec in ("B", "C", "D") else None
            entries.append(
                ("sectoral", sec, None, f"{SECTION_AGREEMENT_TITLES[sec]} на {y} год", coef, bonus)
            )
        for reg in geo.REGION_CODES:
            coef = 1.1 if reg in ("23", "47", "62") else 1.0
            entries.append(("regional", None, reg, f"Региональное соглашение ({reg}) на {y} год", coef, None))
        for n_, (level, sec_, reg_, title, coef, bonus) in enumerate(entries):
            rows["agreement_id"].append(f"СГ-{y}-{n_ + 1:03d}")
            rows["level"].append(level)
            rows["oked_section"].append(sec_)
            rows["region"].append(reg_)
            rows["title"].append(title)
            rows["valid_from"].append(int(_days(np.datetime64(f"{y}-01-01"))))
            rows["valid_to"].append(int(_days(np.datetime64(f"{y}-12-31"))))
            rows["min_tariff_kzt"].append(float(round(mzp * coef, -2)))
            rows["inter_grade_coefficient"].append(1.2 if level == "sectoral" else None)
            rows["hazard_bonus_pct"].append(bonus)
    return pa.table(
        {
            "agreement_id": pa.array(rows["agreement_id"], type=pa.string()),
            "level": pa.array(rows["level"], type=pa.string()),
            "oked_section": pa.array(rows["oked_section"], type=pa.string()),
            "region": pa.array(rows["region"], type=pa.string()),
            "title": pa.array(rows["title"], type=pa.string()),
            "valid_from": _d(rows["valid_from"]),
            "valid_to": _d(rows["valid_to"]),
            "min_tariff_kzt": pa.array(rows["min_tariff_kzt"], type=pa.float64()),
            "inter_grade_coefficient": pa.array(rows["inter_grade_coefficient"], type=pa.float64()),
            "hazard_bonus_pct": pa.array(rows["hazard_bonus_pct"], type=pa.float64()),
        }
    )


def contractor_links_table(world: World, links: Links, plan: Plan, tl: Timeline, seed: int) -> pa.Table:
    rng = np.random.default_rng([seed, 23])
    extract = int(_days(tl.extract_on))
    k = links.contractor.size
    lo_m = int(min(links.start.min(), 0)) if k else 0
    month_start = _days(tl.month_start(np.arange(lo_m, tl.n + 60)))
    start = month_start[links.start - lo_m] + rng.integers(0, 10, k) if k else np.zeros(0, np.int64)
    end = (
        month_start[np.minimum(links.end + 1 - lo_m, len(month_start) - 1)] - 1
        if k
        else np.zeros(0, np.int64)
    )
    ex = plan.exit_month[links.contractor] if k else np.zeros(0, np.int64)
    ex_day = np.where(ex >= 0, month_start[np.clip(ex + 1 - lo_m, 0, len(month_start) - 1)] - 1, end)
    end = np.minimum(np.minimum(end, ex_day), horizon(tl))
    end = np.maximum(end, start)
    registered = start - rng.integers(5, 41, k)
    months = np.maximum((end - start) / 30.4, 1)
    wage = world.wage_2025[links.customer] * 0.7 if k else np.zeros(0)
    amount = np.round(links.workers * wage * months * rng.uniform(1.3, 1.8, k), -3)
    keep = (registered <= extract) & (start <= extract)
    keep &= ~((ex >= 0) & (links.start > ex))
    idx = np.flatnonzero(keep)
    ids = [f"ДУ-{(tl.first + int(links.start[i])) // 12}-{n_ + 1:06d}" for n_, i in enumerate(idx.tolist())]
    return pa.table(
        {
            "contract_id": pa.array(ids, type=pa.string()),
            "customer_bin": pa.array([world.bin[c] for c in links.customer[idx].tolist()], type=pa.string()),
            "employer_bin": pa.array(
                [world.bin[c] for c in links.contractor[idx].tolist()], type=pa.string()
            ),
            "service": pa.array([links.service[i] for i in idx.tolist()], type=pa.string()),
            "start_on": _d(start[idx]),
            "end_on": _d(end[idx]),
            "workers": pa.array(links.workers[idx].astype(np.int64)),
            "amount_kzt": pa.array(amount[idx].astype(np.float64)),
            "registered_on": _d(registered[idx]),
        }
    )


def surveys_table(world: World, plan: Plan, tl: Timeline, params: dict[str, Any], seed: int) -> pa.Table:
    """Semi-annual anonymous answer sheets: each answer drifts with the employer's mood and its own driver."""
    rng = np.random.default_rng([seed, 24])
    month_start = _days(tl.month_start(np.arange(tl.n + 1)))
    extract = int(_days(tl.extract_on))
    share = float(params["observe.survey_employer_share"])
    sheets_n = int(params["observe.survey_sheets"])
    noise = float(params["observe.survey_noise"])
    cols: dict[str, list[np.ndarray]] = {
        k: []
        for k in (
            "sheet_id",
            "employer",
            "wave",
            "answered_on",
            "q_pay",
            "q_pay_on_time",
            "q_conditions",
            "q_safety",
            "q_management",
            "q_job_security",
            "q_voice",
            "q_protest",
        )
    }
    for t in range(tl.n):
        mo = tl.month_of_year(t)
        if mo not in (5, 11):
            continue
        wave = f"{tl.year(t)}-{'H1' if mo == 5 else 'H2'}"
        staff = plan.staff[:, t]
        p_take = share * (1 + world.size_class)
        take = np.flatnonzero((staff >= 20) & (rng.random(world.n) < p_take))
        if take.size == 0:
            continue
        n_sheets = np.minimum(sheets_n, staff[take] // 3).astype(np.int64)
        emp = np.repeat(take, n_sheets)
        k = emp.size
        g = plan.grievance[emp, t].astype(np.float64)
        lay = plan.layoffs[emp, max(t - 5, 0) : t + 1].sum(axis=1) / np.maximum(staff[emp], 1)
        base = 3.4 - 0.45 * g
        drivers = {
            "q_pay": base
            - 4 * np.maximum(plan.erosion[emp, t], 0)
            - 0.5 * world.pay_gap[emp]
            - 0.4 * world.underpay[emp],
            "q_pay_on_time": base + 0.3 - 1.4 * plan.arrears[emp, t] - 0.6 * plan.late_pay[emp, t],
            "q_conditions": base - 0.6 * world.hazardous_share[emp] * 2,
            "q_safety": base + 0.3 - 0.8 * world.hazardous_share[emp] * 2 * ~world.insured[emp],
            "q_management": base - 0.2,
            "q_job_security": base - 3 * lay - 0.8 * (plan.idle_share[emp, t] > 0),
            "q_voice": base + 0.4 * world.union[emp],
            "q_protest": 2.0 + 0.55 * g,
        }
        day = month_start[t] + rng.integers(0, 28, k)
        ok = day <= extract
        cols["sheet_id"].append(
            np.array(
                [
                    f"{wave}-{e:06d}-{j:03d}"
                    for e, j in zip(emp.tolist(), _within(n_sheets).tolist(), strict=True)
                ],
                dtype=object,
            )
        )
        cols["employer"].append(emp)
        cols["wave"].append(np.full(k, wave, dtype=object))
        cols["answered_on"].append(day)
        for q, v in drivers.items():
            ans = np.clip(np.round(v + rng.normal(0, noise, k)), 1, 5).astype(np.float64)
            ans[rng.random(k) < 0.04] = np.nan
            cols[q].append(ans)
        for key in cols:
            cols[key][-1] = cols[key][-1][ok]
    if not cols["employer"]:
        cat: dict[str, np.ndarray] = {k: np.zeros(0) for k in cols}
    else:
        cat = {k: np.concatenate(v) for k, v in cols.items()}
    table = {
        "sheet_id": pa.array(cat["sheet_id"].tolist(), type=pa.string()),
        "employer_bin": pa.array([world.bin[int(e)] for e in cat["employer"].tolist()], type=pa.string()),
        "wave": pa.array(cat["wave"].tolist(), type=pa.string()),
        "answered_on": _d(cat["answered_on"].astype(np.int64)),
    }
    for q in (
        "q_pay",
        "q_pay_on_time",
        "q_conditions",
        "q_safety",
        "q_management",
        "q_job_security",
        "q_voice",
        "q_protest",
    ):
        v = cat[q].astype(np.float64)
        table[q] = pa.array(np.nan_to_num(v, nan=0).astype(np.int64), mask=np.isnan(v))
    return pa.table(table)


def _within(counts: np.ndarray) -> np.ndarray:
    starts = np.repeat(np.cumsum(counts) - counts, counts)
    return np.arange(int(counts.sum())) - starts
