"""The indicator chart: targets against reported figures over time, drawn as
inline SVG on the server (no JavaScript, readable without styles, printable).

Only facts with a year and in the chart's unit can be placed; the page's
tables list every fact, so nothing is hidden by leaving a point out.
"""

import math
from collections import Counter
from decimal import Decimal

from django import template

from documents.templatetags.reader import num

register = template.Library()

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 64, 20, 30, 44


def nice_step(span, ticks=4):
    """1, 2 or 5 × 10ⁿ: round tick steps a reader can add up in their head."""
    raw = span / ticks
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if raw <= factor * power:
            return factor * power
    return 10 * power


@register.inclusion_tag("targets/_chart.html")
def indicator_chart(indicator, targets, figures):
    units = Counter(f.unit for f in [*targets, *figures])
    unit = indicator.unit if indicator.unit in units else (units.most_common(1) or [("", 0)])[0][0]
    placed_targets = [t for t in targets if t.year and t.unit == unit]
    placed_figures = [f for f in figures if f.year and f.unit == unit]
    placed = [*placed_targets, *placed_figures]
    if not placed:
        return {"empty": True, "indicator": indicator}

    years = [f.year for f in placed]
    first, last = min(years), max(years)
    if first == last:
        first, last = first - 1, last + 1
    values = [float(f.value) for f in placed] + [
        float(t.value_max) for t in placed_targets if t.value_max is not None
    ]
    low = min(0.0, min(values))
    high = max(values) * 1.15 or 1.0
    step = nice_step(high - low)
    high = math.ceil(high / step) * step

    def x(year):
        # Half a year of margin each side keeps end points off the axes.
        return LEFT + (year - first + 0.5) / (last - first + 1) * (WIDTH - LEFT - RIGHT)

    def y(value):
        return TOP + (high - float(value)) / (high - low) * (HEIGHT - TOP - BOTTOM)

    y_ticks = []
    tick = low
    while tick <= high + step / 2:
        y_ticks.append({"y": round(y(tick), 1), "label": num(Decimal(str(round(tick, 6))))})
        tick += step
    year_step = max(1, math.ceil((last - first) / 10))
    x_ticks = [
        {"x": round(x(year), 1), "label": year}
        for year in range(first, last + 1, year_step)
    ]

    figure_points = [
        {
            "x": round(x(f.year), 1),
            "y": round(y(f.value), 1),
            "label": f"统计数据 {f.year}年：{num(f.value)}{f.unit}"
            + (f"（原文 {num(f.raw_value)}）" if f.is_corrected else "")
            + f" · {f.document.display_title}",
        }
        for f in sorted(placed_figures, key=lambda f: (f.year, f.value))
    ]
    target_points = [
        {
            "x": round(x(t.year), 1),
            "y": round(y(t.value), 1),
            "y_max": round(y(t.value_max), 1) if t.value_max is not None else None,
            "status": getattr(t, "status", "pending"),
            "label": f"目标 {t.year}年：{t.get_comparator_display()}{num(t.value)}{t.unit}"
            f"（{getattr(t, 'status_label', '')}） · {t.document.display_title}",
        }
        for t in placed_targets
    ]
    # Diamonds for targets, so status is told by shape and colour together.
    for p in target_points:
        p["diamond"] = (
            f"{p['x']},{p['y'] - 7} {p['x'] + 7},{p['y']} {p['x']},{p['y'] + 7} {p['x'] - 7},{p['y']}"
        )
    return {
        "empty": False,
        "indicator": indicator,
        "unit": unit,
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "top": TOP,
        "bottom": HEIGHT - BOTTOM,
        "y_ticks": y_ticks,
        "x_ticks": x_ticks,
        "line": " ".join(f"{p['x']},{p['y']}" for p in figure_points),
        "figure_points": figure_points,
        "target_points": target_points,
        "first": min(years),
        "last": max(years),
        "left_out": len(targets) + len(figures) - len(placed),
    }
