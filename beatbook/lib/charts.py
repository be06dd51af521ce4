"""Bar charts as plain geometry for an SVG template: no JavaScript, and a data table always beside.

A missing value (None) is not drawn as a zero bar: its slot stays empty and carries a "no data" mark, and
the chart's legend explains the mark (components/bar_chart.html).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

WIDTH, HEIGHT = 720, 260
LEFT, BOTTOM, TOP = 56, 40, 12


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    value: int
    series: int


@dataclass(frozen=True)
class Gap:
    """Where a bar would be if the value were known: x at the slot's centre, y on the axis."""

    x: float
    y: float
    label: str
    series: int


@dataclass(frozen=True)
class Tick:
    y: float
    label: str


def nice_ceiling(value: float) -> int:
    """A round axis maximum at or above `value` (1, 2 or 5 times a power of ten)."""
    if value <= 0:
        return 1
    power = 10 ** math.floor(math.log10(value))
    return int(next(step * power for step in (1, 2, 5, 10) if step * power >= value))


def grouped_bars(labels: list[str], series: list[list[int | None]]) -> dict:
    """Geometry for bars of several series side by side per label (e.g. crime and ASB per month). A None
    value gives a `Gap` (a "no data" mark), never a bar; `has_gaps` tells the template to explain it."""
    top = nice_ceiling(max((v for values in series for v in values if v is not None), default=0))
    plot_width, plot_height = WIDTH - LEFT - 8, HEIGHT - BOTTOM - TOP
    slot = plot_width / max(len(labels), 1)
    bar_width = slot * 0.8 / max(len(series), 1)
    bars, gaps = [], []
    for index, label in enumerate(labels):
        for number, values in enumerate(series):
            x = LEFT + index * slot + slot * 0.1 + number * bar_width
            if values[index] is None:
                gaps.append(Gap(x + bar_width / 2, TOP + plot_height, label, number))
                continue
            height = plot_height * values[index] / top
            bars.append(
                Bar(
                    x,
                    TOP + plot_height - height,
                    bar_width,
                    height,
                    label,
                    values[index],
                    number,
                )
            )
    ticks = [Tick(TOP + plot_height * (1 - i / 4), f"{top * i // 4:,}") for i in range(5)]
    every = max(1, len(labels) // 8)
    label_marks = [(LEFT + i * slot + slot / 2, label) for i, label in enumerate(labels) if i % every == 0]
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "bars": bars,
        "gaps": gaps,
        "has_gaps": bool(gaps),
        "ticks": ticks,
        "labels": label_marks,
        "axis_x": LEFT,
        "axis_y": TOP + plot_height,
        "axis_right": WIDTH - 8,
        "label_y": HEIGHT - BOTTOM + 18,
    }


def monthly_series(values: list[tuple[date, float | None]]) -> tuple[list[str], list[int | None]]:
    """Labels ("Apr 22") and values for every month from the first given to the last, None (a gap) for a
    month not given: a series with a missing month keeps its place on the axis rather than closing up."""
    if not values:
        return [], []
    given = {date(m.year, m.month, 1): v for m, v in values}
    month, last = min(given), max(given)
    labels, series = [], []
    while month <= last:
        value = given.get(month)
        labels.append(f"{month:%b %y}")
        series.append(None if value is None else int(value))
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return labels, series
