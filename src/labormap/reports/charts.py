"""Charts rendered to PNG in memory with matplotlib (Agg backend, no display, DejaVu Sans has Cyrillic
and the Kazakh letters)."""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")

from matplotlib import pyplot as plt
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from labormap import fmt
from labormap.reports.model import Chart

PALETTE = ("#b2182b", "#ef8a62", "#67a9cf", "#2166ac", "#999999")


def render_png(chart: Chart, lang: str = "ru", *, width_in: float = 6.3, dpi: int = 150) -> bytes:
    """The chart as PNG bytes; numbers on bars and axes in the reader's convention (labormap.fmt)."""
    n = len(chart.categories)
    height = max(2.4, 0.32 * n + 1.2) if chart.kind == "barh" else 3.0
    fig: Figure = plt.figure(figsize=(width_in, height), dpi=dpi)
    try:
        ax = fig.add_subplot(1, 1, 1)
        ax.set_title(chart.title, fontsize=10, fontfamily="DejaVu Sans")
        k = max(len(chart.series), 1)
        x = list(range(n))
        if chart.kind == "line":
            for i, s in enumerate(chart.series):
                ax.plot(x, s.values, marker="o", color=PALETTE[i % len(PALETTE)], label=s.name)
            ax.set_xticks(x, chart.categories, fontsize=8)
        else:
            bw = 0.8 / k
            for i, s in enumerate(chart.series):
                pos = [p - 0.4 + bw * (i + 0.5) for p in x]
                if chart.kind == "barh":
                    bars = ax.barh(pos, s.values, height=bw, color=PALETTE[i % len(PALETTE)], label=s.name)
                else:
                    bars = ax.bar(pos, s.values, width=bw, color=PALETTE[i % len(PALETTE)], label=s.name)
                ax.bar_label(bars, labels=[fmt.number(v, lang) for v in s.values], fontsize=7, padding=2)
            if chart.kind == "barh":
                ax.set_yticks(x, chart.categories, fontsize=8)
                ax.invert_yaxis()
            else:
                ax.set_xticks(x, chart.categories, fontsize=8)
        if chart.y_label:
            (ax.set_xlabel if chart.kind == "barh" else ax.set_ylabel)(chart.y_label, fontsize=8)
        # counts: whole-number ticks written in the reader's convention
        value_axis = ax.xaxis if chart.kind == "barh" else ax.yaxis
        value_axis.set_major_locator(MaxNLocator(integer=True))
        value_axis.set_major_formatter(FuncFormatter(lambda v, _pos: fmt.number(v, lang)))
        ax.spines[["top", "right"]].set_visible(False)
        ax.tick_params(labelsize=8)
        if len(chart.series) > 1:
            ax.legend(fontsize=8, frameon=False)
        fig.tight_layout()
        buf = io.BytesIO()
        fig.savefig(buf, format="png")
        return buf.getvalue()
    finally:
        plt.close(fig)
