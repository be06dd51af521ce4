"""Did the patrols change anything? Crime and ASB in a hotspot before and after designation, against a
comparison area (the rest of its local policing unit) over the same months: a difference-in-differences
estimate on the ratio scale with a Poisson 95% interval. Pure functions.

The estimate is (hotspot after ÷ hotspot before) ÷ (comparison after ÷ comparison before) − 1: the hotspot's
change beyond what happened around it. Its uncertainty assumes Poisson counts:
se(log ratio) = √(1/a + 1/b + 1/c + 1/d). It cannot separate the patrols from anything else that changed
only in the hotspot at the same time, and regression to the mean flatters places chosen for a peak.
"""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Evaluation:
    hotspot_before: int
    hotspot_after: int
    comparison_before: int
    comparison_after: int
    effect: float | None  # relative change beyond the comparison, e.g. -0.44 for 44% fewer
    low: float | None  # 95% interval of `effect`
    high: float | None

    @property
    def hotspot_change(self) -> float | None:
        return _change(self.hotspot_before, self.hotspot_after)

    @property
    def comparison_change(self) -> float | None:
        return _change(self.comparison_before, self.comparison_after)

    @property
    def significant(self) -> bool:
        return self.low is not None and (self.high < 0 or self.low > 0)


def _change(before: int, after: int) -> float | None:
    return None if before == 0 else after / before - 1


def difference_in_differences(
    hotspot_before: int, hotspot_after: int, comparison_before: int, comparison_after: int
) -> Evaluation:
    counts = (hotspot_before, hotspot_after, comparison_before, comparison_after)
    if min(counts) == 0:
        return Evaluation(*counts, None, None, None)  # a zero count leaves the ratio undefined
    log_ratio = math.log((hotspot_after / hotspot_before) / (comparison_after / comparison_before))
    se = math.sqrt(sum(1 / n for n in counts))
    return Evaluation(
        *counts, math.exp(log_ratio) - 1, math.exp(log_ratio - 1.96 * se) - 1, math.exp(log_ratio + 1.96 * se) - 1
    )
