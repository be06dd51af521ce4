"""Splitting a whole-number total into parts that add up exactly (for demo figures calibrated to a total)."""

from __future__ import annotations

from collections.abc import Sequence


def largest_remainder(total: int, weights: Sequence[float]) -> list[int]:
    """`total` in whole numbers in proportion to `weights`, adding up exactly: each part's share rounded
    down, then one more to the parts with the largest remainders (Hamilton's method). Raises ValueError
    for a negative total, a negative weight or weights that sum to zero."""
    scale = sum(weights)
    if total < 0 or scale <= 0 or any(w < 0 for w in weights):
        raise ValueError("total must be 0 or more and weights non-negative with a positive sum")
    exact = [total * w / scale for w in weights]
    parts = [int(x) for x in exact]
    for index in sorted(range(len(exact)), key=lambda i: parts[i] - exact[i])[: total - sum(parts)]:
        parts[index] += 1
    return parts
