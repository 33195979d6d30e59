"""The backtest's HTML report: the headline table and plots (embedded PNG, no external assets)."""

from __future__ import annotations

import base64
import html
import io
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

COLORS = {"model": "#1f5fa8", "scorecard": "#c0502e"}


def _png(fig: Any) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    plt.close(fig)
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode()


def _fmt(x: Any, digits: int = 3) -> str:
    if x is None:
        return "—"
    if isinstance(x, float):
        return f"{x:.{digits}f}"
    return html.escape(str(x))


def _plots(r: dict[str, Any]) -> list[tuple[str, str]]:
    out = []
    fig, ax = plt.subplots(figsize=(5.5, 4))
    for side in ("model", "scorecard"):
        pts = r[side]["curves"]["pr"]
        if pts:
            ax.plot(
                [p[0] for p in pts],
                [p[1] for p in pts],
                color=COLORS[side],
                label=f"{side} (PR-AUC {_fmt(r[side]['pr_auc'])})",
            )
    base = r["positives"] / max(1, r["samples"])
    ax.axhline(base, color="grey", ls=":", label=f"base rate {base:.3f}")
    ax.set(xlabel="recall", ylabel="precision", title="Precision–recall, all origins pooled")
    ax.legend()
    out.append(("Precision and recall", _png(fig)))

    fig, ax = plt.subplots(figsize=(5.5, 4))
    keys = list(r["model"]["precision_at"])
    x = range(len(keys))
    for i, side in enumerate(("model", "scorecard")):
        vals = [r[side]["precision_at"][k] or 0 for k in keys]
        ax.bar([xi + (i - 0.5) * 0.38 for xi in x], vals, width=0.38, color=COLORS[side], label=side)
    ax.set_xticks(list(x), [f"top {k}" for k in keys])
    ax.set(ylabel="precision", title="Precision at top-k (per origin)")
    ax.legend()
    out.append(("Precision at top-k", _png(fig)))

    fig, ax = plt.subplots(figsize=(5.5, 4))
    ax.plot([0, 0.5], [0, 0.5], color="grey", ls=":")
    for side in ("model", "scorecard"):
        rows = [c for c in r[side]["calibration"] if c["n"]]
        ax.plot(
            [c["mean_predicted"] for c in rows],
            [c["observed_rate"] for c in rows],
            "o-",
            color=COLORS[side],
            label=f"{side} (Brier {_fmt(r[side]['brier'], 4)})",
        )
    ax.set(xlabel="predicted probability", ylabel="observed rate", title="Calibration")
    ax.legend()
    out.append(("Calibration", _png(fig)))

    fig, ax = plt.subplots(figsize=(7, 3.6))
    dates = [o["origin"] for o in r["origins"]]
    for side in ("model", "scorecard"):
        ax.plot(
            dates, [o[side]["pr_auc"] or 0 for o in r["origins"]], "o-", ms=3, color=COLORS[side], label=side
        )
    ax.set(ylabel="PR-AUC", title="PR-AUC by origin")
    ax.set_xticks(dates[:: max(1, len(dates) // 8)])
    ax.tick_params(axis="x", rotation=45)
    ax.legend()
    out.append(("By origin", _png(fig)))
    return out


def _honesty(r: dict[str, Any]) -> str:
    """Onset apart from persistence, the oracle's ceiling and the aggregate forecasts (when present)."""
    if "onset" not in r:
        return ""
    sides = [s for s in ("model", "scorecard", "oracle") if s in r["onset"]]
    head = "".join(f"<th>{s}</th>" for s in sides)
    rows = []
    for part in ("onset", "persistence"):
        for label, key, digits in (
            ("employer-origins", "n", 0),
            ("positives", "positives", 0),
            ("PR-AUC", "pr_auc", 3),
            ("ROC-AUC", "roc_auc", 3),
            ("recall of high or elevated", "recall_at_risk", 3),
            ("conflicts flagged ≥ 30 days ahead", "flagged_30d_share", 3),
        ):
            cells = "".join(f"<td>{_fmt(r[part][s].get(key), digits)}</td>" for s in sides)
            rows.append(f"<tr><th>{part}: {label}</th>{cells}</tr>")
    flagged = "".join(f"<td>{_fmt(r.get(s, {}).get('flagged_30d_share'), 3)}</td>" for s in sides)
    rows.append(f"<tr><th>all: conflicts flagged ≥ 30 days ahead</th>{flagged}</tr>")
    share = ""
    if "oracle" in r:
        ms = r["oracle"]["model_share"]
        share = (
            f"<p>The model reaches {_fmt(ms.get('pr_auc'))} of the ceiling's PR-AUC and "
            f"{_fmt(ms.get('flagged_30d_share'))} of its share flagged 30 days ahead.</p>"
        )
    fc = r.get("forecast", {}).get("horizons", {})
    frows = "".join(
        f"<tr><th>{h} days</th><td>{_fmt(v['national']['interval_coverage'])}</td><td>{_fmt(v['national']['crps'])}</td>"
        f"<td>{_fmt(v['regions']['interval_coverage'])}</td><td>{_fmt(v['regions']['crps'])}</td></tr>"
        for h, v in fc.items()
    )
    return (
        "<h2>New outbreaks (onset) and persistent hotspots; the ceiling</h2>"
        "<p>Onset: employer-origins with no conflict in the three years before; persistence: with one. "
        "The oracle ranks employers by the simulator's true hazard (evaluation only).</p>"
        f"<table><tr><th></th>{head}</tr>{''.join(rows)}</table>{share}"
        "<h2>Aggregate forecasts against actual counts</h2><table><tr><th>horizon</th>"
        "<th>national 80% coverage</th><th>national CRPS</th><th>regional 80% coverage</th><th>regional CRPS</th>"
        f"</tr>{frows}</table>"
    )


def render_report(r: dict[str, Any]) -> str:
    rows = []
    for label, key, digits in (
        ("ROC-AUC", "roc_auc", 3),
        ("PR-AUC", "pr_auc", 3),
        ("Brier score", "brier", 4),
        ("Median lead time, days", "lead_time_days_median", 0),
        ("Conflicts flagged “high” before they started", "conflicts_flagged_high", 0),
        ("Precision of the “high” level", "high_precision", 3),
    ):
        rows.append(
            f"<tr><th>{label}</th><td>{_fmt(r['model'][key], digits)}</td>"
            f"<td>{_fmt(r['scorecard'][key], digits)}</td></tr>"
        )
    for k in r["model"]["precision_at"]:
        rows.append(
            f"<tr><th>Precision / recall at top {k}</th>"
            f"<td>{_fmt(r['model']['precision_at'][k])} / {_fmt(r['model']['recall_at'][k])}</td>"
            f"<td>{_fmt(r['scorecard']['precision_at'][k])} / {_fmt(r['scorecard']['recall_at'][k])}</td></tr>"
        )
    plots = "".join(
        f"<figure><img src='{src}' alt='{html.escape(t)}'><figcaption>{html.escape(t)}</figcaption></figure>"
        for t, src in _plots(r)
    )
    bd = []
    for dim in ("region", "sector", "kind"):
        body = "".join(
            f"<tr><td>{html.escape(g)}</td><td>{v['positives']}</td>"
            f"<td>{_fmt(v['model']['roc_auc'])}</td><td>{_fmt(v['scorecard']['roc_auc'])}</td>"
            f"<td>{_fmt(v['model']['recall_high'])}</td><td>{_fmt(v['scorecard']['recall_high'])}</td></tr>"
            for g, v in r["breakdowns"][dim].items()
        )
        bd.append(
            f"<h3>By {dim}</h3><table><tr><th>{dim}</th><th>positives</th><th>ROC-AUC model</th>"
            f"<th>ROC-AUC scorecard</th><th>recall “high” model</th><th>recall “high” scorecard</th></tr>"
            f"{body}</table>"
        )
    cal = "".join(
        f"<tr><td>{c['bin'][0]:.3f}–{c['bin'][1]:.3f}</td><td>{c['n']}</td><td>{_fmt(c['mean_predicted'], 4)}</td>"
        f"<td>{_fmt(c['observed_rate'], 4)}</td></tr>"
        for c in r["model"]["calibration"]
    )
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>LaborMap backtest {html.escape(r["data_end"])}</title>
<style>body{{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}}
table{{border-collapse:collapse;margin:1em 0}}td,th{{border:1px solid #ccc;padding:4px 8px;text-align:right}}
th{{text-align:left;background:#f4f4f4}}figure{{display:inline-block;margin:0.5em}}</style></head><body>
<h1>Rolling-origin backtest</h1>
<p>{len(r["origins"])} monthly origins from {r["origins"][0]["origin"]} to {r["origins"][-1]["origin"]},
horizon {r["horizon_days"]} days, model retrained every {r["retrain_every"]} origins on {r["train_months"]}
monthly sample dates; {r["samples"]} employer-origin pairs, {r["positives"]} positive.
“High” level size: {r["high_level_size"]}. Scorecard version {html.escape(str(r["scorecard_version"]))}.
Code {html.escape(r["code_version"])}; run time {r["runtime_seconds"]} s.</p>
<table><tr><th></th><th>model</th><th>scorecard</th></tr>{"".join(rows)}</table>
{plots}
{_honesty(r)}
<h2>Calibration of the model</h2><table><tr><th>predicted</th><th>n</th><th>mean predicted</th>
<th>observed</th></tr>{cal}</table>
<h2>Breakdowns</h2>{"".join(bd)}
</body></html>"""


def write_report(result: dict[str, Any], path: Path) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_report(result), encoding="utf-8")
