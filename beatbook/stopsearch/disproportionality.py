"""Searches per 1,000 population by ethnic group and the rate ratio against White, with a 95% interval.

Method: the Home Office's "Police powers and procedures: stop and search and arrests, England and Wales"
(statistical bulletin and its technical annex) gives searches per 1,000 people of each ethnic group, using
the 2021 Census resident population, and the disparity ("disproportionality") ratio as a group's rate over
the White rate. The interval is the log method for a ratio of two proportions (Katz et al., 1978):
SE(ln RR) = sqrt(1/a − 1/n₁ + 1/b − 1/n₂), RR·exp(±1.96·SE), where a, b are the searches and n₁, n₂ the
populations. It treats each search as a different person, which overstates the precision when people are
searched repeatedly.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

Z95 = NormalDist().inv_cdf(0.975)

CAVEATS = [
    "Ethnicity is as the person searched defined it; searches where it was not stated are left out of the "
    "rates, so every group's rate is a lower bound.",
    "Rates use the resident population of the force area (Census 2021); people searched where they do not "
    "live, and areas with more visitors (town centres, the night-time economy), are not reflected in it.",
    "A person searched more than once counts each time; the interval assumes independent searches.",
    "Below the force, the area's population is split by the force-wide Census 2021 shares.",
    "A ratio shows a difference in rates, not its cause.",
]


@dataclass(frozen=True)
class RateRatio:
    ratio: float
    low: float
    high: float


def rate_per_thousand(searches: int, population: float) -> float | None:
    return 1000 * searches / population if population else None


def rate_ratio(a: int, n1: float, b: int, n2: float) -> RateRatio | None:
    """Group rate a/n1 over reference rate b/n2 with its 95% interval; None when any count is zero."""
    if min(a, b) <= 0 or min(n1, n2) <= 0 or a > n1 or b > n2:
        return None
    ratio = (a / n1) / (b / n2)
    se = math.sqrt(1 / a - 1 / n1 + 1 / b - 1 / n2)
    return RateRatio(ratio, ratio * math.exp(-Z95 * se), ratio * math.exp(Z95 * se))
