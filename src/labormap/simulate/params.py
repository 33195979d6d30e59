"""Every tunable number of the simulated nation, with its default and meaning.

A scenario YAML file overrides any of them by its dotted key written as nested mappings, e.g.::

    shocks:
      pandemic:
        start: "2020-03"
        size: 1.5
    contagion:
      weight: 0.0

Unknown keys fail with :class:`ScenarioError` naming the key and the nearest known ones, so a typo never
silently leaves a default in place. ``docs/simulation.md`` lists every key (a test checks it).
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml


class ScenarioError(ValueError):
    """A scenario file that cannot be applied (unknown key, wrong type, unreadable YAML)."""


@dataclass(frozen=True, slots=True)
class Param:
    key: str
    default: Any
    meaning: str


_P = Param
PARAMS: tuple[Param, ...] = (
    # --- the world --------------------------------------------------------------------------------
    _P("world.national_employers", 400_000, "employers with staff in the real country (scale reference)"),
    _P(
        "world.oversample",
        "auto",
        "0..1: how strongly a small world over-samples large employers, oil and gas, mining and contractors "
        "(auto: 1 up to 5 000 employers, falling to 0 at national scale)",
    ),
    _P(
        "world.hazard_boost",
        "auto",
        "multiplier on every employer's monthly conflict hazard (auto: (national_employers / employers)^0.55, "
        "at least 1) so that a small world still has enough conflicts to learn from",
    ),
    _P("world.new_employer_share", 0.12, "share of employers registered during the simulated period"),
    _P(
        "world.contractor_share_oil_mining",
        0.55,
        "share of service-sector employers in oil and mining regions that work for a large operator",
    ),
    _P("world.operators_min", 6, "least number of large oil, gas and mining operators in any world"),
    _P("world.union_rate.micro", 0.01, "share of micro employers (≤15 staff) with a trade union"),
    _P("world.union_rate.small", 0.06, "share of small employers (16–100) with a trade union"),
    _P("world.union_rate.medium", 0.30, "share of medium employers (101–250) with a trade union"),
    _P("world.union_rate.large", 0.70, "share of large employers (>250) with a trade union"),
    _P("world.no_accident_insurance", 0.12, "share of employers without the accident insurance contract"),
    _P("world.fixed_term_share", 0.15, "share of labour contracts that are fixed-term"),
    _P(
        "world.hazardous_share_industry",
        0.35,
        "share of industrial (oil, mining, energy) jobs with harmful conditions",
    ),
    _P(
        "world.voluntary_quit_rate",
        0.014,
        "monthly probability that a worker leaves on their own or by agreement",
    ),
    # --- shocks --------------------------------------------------------------------------------------
    _P("shocks.oil_price.start", "2015-12", "month the oil price fall hits oil, gas and mining health"),
    _P("shocks.oil_price.size", 1.1, "size of the oil price shock on oil and gas health (mining gets 60%)"),
    _P("shocks.oil_price.half_life", 7.0, "months for the oil price shock to halve"),
    _P("shocks.pandemic.start", "2020-04", "first month of the pandemic shock"),
    _P("shocks.pandemic.months", 9, "months the pandemic shock lasts at full strength"),
    _P("shocks.pandemic.size", 1.0, "size of the pandemic shock on the most exposed sectors"),
    _P(
        "shocks.project_completion.date",
        "2023-10",
        "month a large operator's construction project completes and its project contracts end",
    ),
    _P("shocks.project_completion.share", 0.45, "share of the operator's contractors tied to the project"),
    _P("shocks.project_completion.size", 1.3, "health shock to a contractor that loses all its work"),
    _P("shocks.unrest_2022.start", "2022-01", "month of the January 2022 wave of unrest"),
    _P("shocks.unrest_2022.months", 3, "months the 2022 wave lasts"),
    _P("shocks.unrest_2022.size", 1.8, "grievance added in oil regions (Mangystau most) during the wave"),
    _P(
        "shocks.contract_loss.size",
        1.0,
        "health shock to a contractor per unit share of its staff on a lost contract",
    ),
    _P("shocks.contract_loss.renewal", 0.78, "probability a service contract is renewed at its end"),
    # --- health -------------------------------------------------------------------------------------
    _P("health.persistence", 0.93, "monthly autocorrelation of an employer's own health"),
    _P("health.noise", 0.55, "long-run standard deviation of an employer's own health"),
    _P("health.sector_noise", 0.25, "standard deviation of the common sector-and-region health factor"),
    _P("health.mean", 0.9, "average health of an ordinary employer"),
    _P("health.mean_spread", 0.5, "standard deviation of employers' average health"),
    _P("health.exit_threshold", -1.6, "health below which an employer may fail"),
    _P("health.exit_rate", 0.04, "monthly failure probability while health stays below the threshold"),
    # --- signals (driven by health) ------------------------------------------------------------------
    _P("signals.arrears.base", -8.0, "log-odds of a wage-arrears episode starting in a month at health 0"),
    _P("signals.arrears.slope", 1.5, "increase of those log-odds per unit of health lost"),
    _P("signals.arrears.lag", 2, "months between a health drop and unpaid wages"),
    _P("signals.arrears.repay", 0.12, "monthly repayment probability at health 0 (rises with health)"),
    _P(
        "signals.late_contributions.base", -3.6, "log-odds of paying a month's contributions late at health 0"
    ),
    _P("signals.late_contributions.slope", 1.1, "increase of those log-odds per unit of health lost"),
    _P(
        "signals.missing_contributions.share",
        0.6,
        "share of workers whose contributions go unpaid during a wage-arrears month",
    ),
    _P("signals.layoffs.threshold", -0.7, "health below which staff-reduction layoffs start"),
    _P("signals.layoffs.rate", 0.08, "monthly probability of a layoff round below the threshold"),
    _P("signals.layoffs.lag", 3, "months between a health drop and layoffs"),
    _P("signals.wage_freeze.threshold", -0.2, "health below which the yearly pay rise is frozen"),
    _P("signals.idle.threshold", -0.8, "health below which idle time or part-time work starts"),
    _P(
        "signals.idle.rate",
        0.07,
        "monthly probability of an idle-time or part-time episode below the threshold",
    ),
    _P(
        "signals.underpay_share",
        0.10,
        "share of employers paying part of their staff below the sectoral minimum",
    ),
    _P(
        "signals.late_esutd.base",
        -3.2,
        "log-odds of registering a contract late in ЕСУТД for a compliant employer",
    ),
    _P("signals.late_esutd.slope", 0.8, "increase of those log-odds per unit of health lost"),
    _P(
        "signals.informal.share", 0.07, "share of employers paying some workers without a registered contract"
    ),
    # --- grievance ----------------------------------------------------------------------------------
    _P("grievance.persistence", 0.75, "monthly persistence of workers' grievance"),
    _P("grievance.noise", 0.25, "monthly noise of grievance"),
    _P("grievance.w_arrears", 0.9, "grievance from unpaid wages (per month of arrears, saturating)"),
    _P("grievance.w_layoffs", 4.0, "grievance per share of staff laid off in the last three months"),
    _P("grievance.w_erosion", 2.5, "grievance per unit of real-wage loss over twelve months"),
    _P("grievance.w_idle", 0.9, "grievance from idle time or part-time work (per share of staff)"),
    _P("grievance.w_underpay", 0.35, "grievance of an employer paying below the sectoral minimum"),
    _P("grievance.w_pay_gap", 0.9, "grievance per unit of pay gap to the customer's own staff (contractors)"),
    _P("grievance.w_late_pay", 0.2, "grievance from contributions paid late or not at all"),
    _P("grievance.w_conditions", 0.15, "grievance from harmful working conditions without insurance"),
    _P("grievance.union_damping", 0.25, "grievance absorbed by a trade union"),
    _P("grievance.agreement_damping", 0.25, "grievance absorbed by a collective agreement in force"),
    _P("grievance.repayment_relief", 1.0, "grievance removed in the month arrears are repaid"),
    _P("grievance.release", 0.45, "share of grievance left after a conflict is resolved"),
    # --- contagion -----------------------------------------------------------------------------------
    _P(
        "contagion.weight",
        0.5,
        "grievance added per log(1 + recent conflicts per 100 employers of the same town and sector)",
    ),
    _P(
        "contagion.region_weight",
        0.12,
        "grievance added per log(1 + recent conflicts per 1 000 employers of the same region)",
    ),
    _P("contagion.window", 3, "months a conflict keeps inspiring others"),
    # --- hazard -------------------------------------------------------------------------------------
    _P("hazard.base", -16.3, "log-odds of a conflict starting in a month for an average small employer"),
    _P("hazard.grievance", 1.05, "log-odds per unit of grievance"),
    _P("hazard.size", 1.5, "log-odds per unit of log(staff)"),
    _P("hazard.contractor", 1.1, "log-odds added for contractors of large operators"),
    _P("hazard.oil_gas", 1.3, "log-odds added for oil and gas employers"),
    _P("hazard.mining", 1.4, "log-odds added for mining and metallurgy employers"),
    _P("hazard.mangystau", 1.2, "log-odds added in Mangystau region"),
    _P("hazard.oil_regions", 0.35, "log-odds added in Atyrau, West Kazakhstan, Aktobe and Kyzylorda"),
    _P("hazard.mining_regions", 0.3, "log-odds added in Karaganda, Ulytau and East Kazakhstan"),
    _P("hazard.public_sector", -0.8, "log-odds added for public administration, education and health"),
    # --- observation --------------------------------------------------------------------------------
    _P(
        "observe.conflicts.stoppage",
        0.95,
        "share of strikes, stoppages and blockades entered in the register",
    ),
    _P("observe.conflicts.protest", 0.8, "share of rallies and hunger strikes entered in the register"),
    _P("observe.conflicts.appeal", 0.55, "share of collective appeals entered in the register"),
    _P("observe.conflicts.dispute", 0.85, "share of collective labour disputes entered in the register"),
    _P("observe.arrears_detection", 0.08, "monthly probability an inspector finds ongoing wage arrears"),
    _P(
        "observe.arrears_detection_conflict", 0.8, "probability arrears are found after a conflict about them"
    ),
    _P(
        "observe.enforcement",
        0.45,
        "share of arrears not repaid by the order deadline that go to enforcement",
    ),
    _P("observe.survey_employer_share", 0.12, "share of employers with 20+ staff surveyed each wave"),
    _P(
        "observe.survey_sheets", 25, "answer sheets per surveyed employer and wave (at most a third of staff)"
    ),
    _P("observe.survey_noise", 1.0, "noise of a worker's answer around the employer's mood (Likert points)"),
    # --- media --------------------------------------------------------------------------------------
    _P(
        "media.unrelated_per_month",
        220,
        "unrelated news and posts per month in a 3 000-employer world "
        "(scaled by the square root of the world's size)",
    ),
    _P("media.conflict_items", 4.0, "average publications around one conflict"),
    _P("media.pre_conflict_items", 1.6, "average publications in the weeks before a conflict"),
    _P(
        "media.grievance_items",
        0.02,
        "monthly probability of a complaint post at an employer with high grievance",
    ),
    _P("media.kazakh_share", 0.3, "share of publications in Kazakh"),
    # --- output -------------------------------------------------------------------------------------
    _P("output.payments_months", 0, "write payments only for the last K months (0 = every month)"),
    _P(
        "output.chunk_employers",
        2000,
        "employers per chunk of worker-level generation (does not change results)",
    ),
)

DEFAULTS: dict[str, Any] = {p.key: p.default for p in PARAMS}


def _flatten(data: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in data.items():
        key = f"{prefix}{k}"
        if isinstance(v, Mapping) and key not in DEFAULTS:
            out.update(_flatten(v, key + "."))
        else:
            out[key] = v
    return out


def _check_type(key: str, value: Any) -> Any:
    default = DEFAULTS[key]
    if default == "auto":
        if value == "auto" or (isinstance(value, int | float) and not isinstance(value, bool)):
            return value
        raise ScenarioError(f"scenario key {key!r} takes a number or 'auto', not {value!r}")
    if isinstance(default, str):
        if not isinstance(value, str):
            raise ScenarioError(f"scenario key {key!r} takes a text value like {default!r}, not {value!r}")
        if len(default) == 7 and default[4] == "-":  # a month
            _check_month(key, value)
        return value
    if isinstance(default, bool) or isinstance(value, bool):
        raise ScenarioError(f"scenario key {key!r} takes a number, not {value!r}")
    if isinstance(default, int) and isinstance(value, int):
        return value
    if isinstance(default, float) and isinstance(value, int | float):
        return float(value)
    raise ScenarioError(f"scenario key {key!r} takes a number like {default!r}, not {value!r}")


def _check_month(key: str, value: str) -> None:
    ok = len(value) == 7 and value[4] == "-" and value[:4].isdigit() and value[5:].isdigit()
    if not ok or not 1 <= int(value[5:]) <= 12:
        raise ScenarioError(f"scenario key {key!r} takes a month YYYY-MM, not {value!r}")


def load_params(scenario: Path | Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Defaults overridden by a scenario (a YAML file or an already-read mapping)."""
    params = dict(DEFAULTS)
    if scenario is None:
        return params
    if isinstance(scenario, Mapping):
        data: Any = scenario
    else:
        try:
            data = yaml.safe_load(Path(scenario).read_text(encoding="utf-8"))
        except OSError as e:
            raise ScenarioError(f"cannot read scenario file {scenario}: {e}") from e
        except yaml.YAMLError as e:
            raise ScenarioError(f"scenario file {scenario} is not valid YAML: {e}") from e
    if data is None:
        return params
    if not isinstance(data, Mapping):
        raise ScenarioError("a scenario must be a mapping of parameter names to values")
    for key, value in _flatten(data).items():
        if key not in DEFAULTS:
            near = difflib.get_close_matches(key, DEFAULTS, n=3)
            hint = f"; did you mean {', '.join(near)}?" if near else "; see docs/simulation.md for every key"
            raise ScenarioError(f"unknown scenario key {key!r}{hint}")
        params[key] = _check_type(key, value)
    return params


def params_table() -> str:
    """Markdown table of every parameter (pasted into docs/simulation.md; a test keeps them in sync)."""
    rows = ["| key | default | meaning |", "|---|---|---|"]
    for p in PARAMS:
        rows.append(f"| `{p.key}` | `{p.default}` | {p.meaning} |")
    return "\n".join(rows)
