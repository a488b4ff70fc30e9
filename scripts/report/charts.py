"""The report's charts: matplotlib on the Agg backend (offline), returned as PNG `data:` URIs.

Each `chart_*` function takes the rows of one query (scripts/report/queries.py) and returns the
URI the page embeds in an `<img>`; with no rows it draws a short "nothing to show" panel instead.
matplotlib is imported on first use.
"""

from __future__ import annotations

import base64
import io
from typing import Any

from scripts.report.formatting import product_line_label, product_line_names, season_label

PALETTE = ("#2f6690", "#d1495b", "#edae49", "#00798c", "#66a182", "#8d6a9f", "#8a8a8a")
# Window of the rolling average drawn over the daily revenue.
ROLLING_DAYS = 30


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update(
        {
            "font.size": 9,
            "axes.titlesize": 11,
            "axes.titleweight": "bold",
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.grid": True,
            "grid.color": "#e3e3e3",
            "grid.linewidth": 0.6,
            "axes.axisbelow": True,
        }
    )
    return plt


def _png_data_uri(fig: Any) -> str:
    plt = _pyplot()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110, bbox_inches="tight", metadata={"Software": None})
    plt.close(fig)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _money_axis(ax: Any, axis: str = "y") -> None:
    from matplotlib.ticker import FuncFormatter

    def fmt(value: float, _pos: int) -> str:
        if abs(value) >= 1_000_000:
            return f"${value / 1_000_000:,.1f}M"
        if abs(value) >= 1_000:
            return f"${value / 1_000:,.0f}k"
        return f"${value:,.0f}"

    getattr(ax, f"{axis}axis").set_major_formatter(FuncFormatter(fmt))


def _empty_chart(title: str, message: str) -> str:
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(10, 1.6))
    ax.set_axis_off()
    ax.set_title(title, loc="left")
    ax.text(0.5, 0.4, message, ha="center", va="center", color="#666666")
    return _png_data_uri(fig)


def chart_daily_sales(rows: list[dict[str, Any]]) -> str:
    title = "Daily revenue and orders"
    if not rows:
        return _empty_chart(title, "no days in rpt_daily_sales")
    import matplotlib.dates as mdates

    plt = _pyplot()
    days = [row["date_day"] for row in rows]
    revenue = [float(row["revenue"]) for row in rows]
    orders = [row["order_count"] for row in rows]
    rolling = []
    window_sum = 0.0
    for index, value in enumerate(revenue):
        window_sum += value
        if index >= ROLLING_DAYS:
            window_sum -= revenue[index - ROLLING_DAYS]
        rolling.append(window_sum / min(index + 1, ROLLING_DAYS))

    fig, (ax_revenue, ax_orders) = plt.subplots(
        2, 1, figsize=(10, 5.2), sharex=True, gridspec_kw={"height_ratios": (3, 1.3)}
    )
    ax_revenue.bar(days, revenue, width=1.0, color="#7fa7cb", label="revenue per day")
    ax_revenue.plot(
        days, rolling, color=PALETTE[0], linewidth=1.8, label=f"{ROLLING_DAYS}-day average"
    )
    ax_revenue.set_title("Daily revenue (order subtotals, USD)", loc="left")
    ax_revenue.set_ylabel("revenue (USD)")
    _money_axis(ax_revenue)
    ax_revenue.legend(frameon=False, loc="upper left")
    ax_orders.bar(days, orders, width=1.0, color=PALETTE[1])
    ax_orders.set_title("Orders per day", loc="left")
    ax_orders.set_ylabel("orders")
    ax_orders.xaxis.set_major_locator(mdates.AutoDateLocator())
    ax_orders.xaxis.set_major_formatter(mdates.ConciseDateFormatter(mdates.AutoDateLocator()))
    fig.tight_layout()
    return _png_data_uri(fig)


def chart_revenue_by_product_line(rows: list[dict[str, Any]]) -> str:
    title = "Revenue by product line and month"
    if not rows:
        return _empty_chart(title, "no order lines with an order date")
    plt = _pyplot()
    months = sorted({row["year_month"] for row in rows})
    lines = sorted({row["product_line"] for row in rows}, key=lambda c: (c is None, c or ""))
    values = {(row["year_month"], row["product_line"]): float(row["revenue"]) for row in rows}
    names = product_line_names(rows)
    fig, ax = plt.subplots(figsize=(10, 4.4))
    bottom = [0.0] * len(months)
    positions = list(range(len(months)))
    for index, line in enumerate(lines):
        heights = [values.get((month, line), 0.0) for month in months]
        ax.bar(
            positions,
            heights,
            bottom=bottom,
            width=0.8,
            label=product_line_label(line, names.get(line)),
            color=PALETTE[index % len(PALETTE)],
        )
        bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
    step = max(1, len(months) // 18)
    ax.set_xticks(positions[::step], months[::step], rotation=45, ha="right")
    ax.grid(axis="x", visible=False)
    ax.set_xlabel("month of order")
    ax.set_ylabel("revenue (USD)")
    _money_axis(ax)
    ax.set_title(f"{title} (sum of order line totals, USD)", loc="left")
    ax.legend(frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1.0), title="product line")
    fig.tight_layout()
    return _png_data_uri(fig)


def chart_ratings_heatmap(rows: list[dict[str, Any]], genre_order: list[str]) -> str:
    title = "Mean IMDb rating by genre and decade"
    if not rows:
        return _empty_chart(title, "no rated titles with a genre and a start year")
    import numpy as np

    plt = _pyplot()
    decades = list(range(min(r["decade"] for r in rows), max(r["decade"] for r in rows) + 1, 10))
    grid = np.full((len(genre_order), len(decades)), np.nan)
    counts = np.zeros_like(grid)
    for row in rows:
        i, j = genre_order.index(row["genre_name"]), decades.index(row["decade"])
        grid[i, j] = row["mean_rating"]
        counts[i, j] = row["title_count"]
    height = max(3.0, 0.32 * len(genre_order) + 1.4)
    fig, ax = plt.subplots(figsize=(10, height))
    image = ax.imshow(np.ma.masked_invalid(grid), cmap="viridis", vmin=1, vmax=10, aspect="auto")
    ax.set_xticks(range(len(decades)), [f"{d}s" for d in decades], rotation=45, ha="right")
    ax.set_yticks(range(len(genre_order)), genre_order)
    ax.grid(False)
    for i in range(len(genre_order)):
        for j in range(len(decades)):
            if not np.isnan(grid[i, j]):
                colour = "white" if grid[i, j] < 6.0 else "black"
                ax.text(
                    j, i, f"{grid[i, j]:.1f}", ha="center", va="center", fontsize=7, color=colour
                )
    ax.set_xlabel("decade of first release (start year)")
    ax.set_ylabel("genre (most rated titles first)")
    ax.set_title(title + " (blank: no rated titles)", loc="left")
    colorbar = fig.colorbar(image, ax=ax, fraction=0.03, pad=0.02)
    colorbar.set_label("mean rating (1-10)")
    fig.tight_layout()
    return _png_data_uri(fig)


def chart_rating_boxes(rows: list[dict[str, Any]]) -> str:
    title = "Rating distribution by genre"
    if not rows:
        return _empty_chart(title, "no rated titles with a genre")
    plt = _pyplot()
    stats = [
        {
            "label": row["genre_name"],
            "whislo": row["quantiles"][0],
            "q1": row["quantiles"][1],
            "med": row["quantiles"][2],
            "q3": row["quantiles"][3],
            "whishi": row["quantiles"][4],
            "mean": row["mean_rating"],
            "fliers": [],
        }
        for row in rows
    ]
    fig, ax = plt.subplots(figsize=(10, 4.2))
    ax.bxp(
        stats,
        showmeans=True,
        showfliers=False,
        patch_artist=True,
        boxprops={"facecolor": "#cfe0ee", "edgecolor": PALETTE[0]},
        medianprops={"color": PALETTE[1], "linewidth": 1.6},
        meanprops={
            "marker": "D",
            "markerfacecolor": "white",
            "markeredgecolor": "black",
            "markersize": 3.5,
        },
    )
    ax.set_ylim(0.5, 10.5)
    ax.set_ylabel("IMDb average rating (1-10)")
    ax.set_xlabel("genre (most rated titles first)")
    ax.tick_params(axis="x", rotation=60)
    ax.set_title(
        f"{title}: box = 25th-75th percentile, line = median, diamond = mean, whiskers = 5th-95th",
        loc="left",
    )
    fig.tight_layout()
    return _png_data_uri(fig)


def chart_episodes(episodes: dict[str, Any]) -> str:
    title = "Episodes per season"
    if not episodes["series"]:
        return _empty_chart(title, "no series with votes and episodes")
    plt = _pyplot()
    rows = episodes["rows"]
    labels = [season_label(row["season_number"]) for row in rows]
    counts = [row["episode_count"] for row in rows]
    fig, ax = plt.subplots(figsize=(10, 3.6))
    bars = ax.bar(range(len(rows)), counts, color=PALETTE[3], width=0.7)
    ax.bar_label(bars, padding=2, fontsize=8)
    ax.set_xticks(range(len(rows)), labels)
    ax.grid(axis="x", visible=False)
    ax.set_xlabel("season")
    ax.set_ylabel("episodes")
    series = episodes["series"]
    ax.set_title(f"{title}: {series['primary_title']} ({series['title_tconst']})", loc="left")
    ax.margins(y=0.15)
    fig.tight_layout()
    return _png_data_uri(fig)
