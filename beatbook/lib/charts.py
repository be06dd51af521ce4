"""Bar charts as plain geometry for an SVG template: no JavaScript, and a data table always beside."""

from __future__ import annotations

import math
from dataclasses import dataclass

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
class Tick:
    y: float
    label: str


def nice_ceiling(value: float) -> int:
    """A round axis maximum at or above `value` (1, 2 or 5 times a power of ten)."""
    if value <= 0:
        return 1
    power = 10 ** math.floor(math.log10(value))
    return int(next(step * power for step in (1, 2, 5, 10) if step * power >= value))


def grouped_bars(labels: list[str], series: list[list[int]]) -> dict:
    """Geometry for bars of several series side by side per label (e.g. crime and ASB per month)."""
    top = nice_ceiling(max((v for values in series for v in values), default=0))
    plot_width, plot_height = WIDTH - LEFT - 8, HEIGHT - BOTTOM - TOP
    slot = plot_width / max(len(labels), 1)
    bar_width = slot * 0.8 / max(len(series), 1)
    bars = []
    for index, label in enumerate(labels):
        for number, values in enumerate(series):
            height = plot_height * values[index] / top
            bars.append(
                Bar(
                    LEFT + index * slot + slot * 0.1 + number * bar_width,
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
        "ticks": ticks,
        "labels": label_marks,
        "axis_x": LEFT,
        "axis_y": TOP + plot_height,
        "axis_right": WIDTH - 8,
        "label_y": HEIGHT - BOTTOM + 18,
    }
