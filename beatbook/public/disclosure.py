"""Statistical disclosure control for the public crime figures, and a checker that attacks them.

The rule (docs/neighbourhoods.md, "Public figures"): figures are published for whole calendar quarters,
which never overlap, so no figure of one period is a sum over months of another. In each quarter's column

* primary suppression: a count of 1 to 4 is shown as "fewer than 5";
* secondary suppression: while any withheld count could still be worked out exactly from the column's
  total and the other counts (and what "fewer than 5" implies), the smallest count still shown is
  withheld too; if every non-zero count is withheld and one could still be worked out, the total is
  withheld;
* zeros are shown (that nothing happened identifies nobody), totals are exact otherwise.

`recoverable` is the attacker: given every public figure as a sum over unknown monthly counts with the
bounds the public learns from it, it solves integer programmes for the least and greatest value of each
withheld figure; a figure whose least and greatest agree has been disclosed. It knows nothing of how the
figures were made, so it checks any combination of pages, periods and areas, overlapping or not."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import csr_matrix

PRIMARY_BELOW = 5
FEWER = f"fewer than {PRIMARY_BELOW}"
WITHHELD = "withheld"
UNBOUNDED = 10**9  # "at least 5": no upper bound the public can see


@dataclass(frozen=True)
class Column:
    """One period's published figures: category → count, FEWER or WITHHELD; and the total likewise."""

    cells: dict[str, int | str]
    total: int | str


def _bounds(value: int | str) -> tuple[int, int]:
    """What the public learns of a published value: its exact value, or the range its marker implies."""
    if value == FEWER:
        return 1, PRIMARY_BELOW - 1
    if value == WITHHELD:
        return PRIMARY_BELOW, UNBOUNDED
    return int(value), int(value)


def _derivable(cells: Mapping[str, int | str], total: int | str) -> bool:
    """Whether any withheld cell of one column is exactly determined by the column's figures: with one
    sum over boxed unknowns, cell i ranges over [max(lo_i, S - Σ hi_j), min(hi_i, S - Σ lo_j)] (j ≠ i),
    S being the total less the counts shown; this is exact for integers."""
    hidden = {key: _bounds(value) for key, value in cells.items() if isinstance(value, str)}
    if not hidden:
        return False
    if isinstance(total, str):
        return any(lo == hi for lo, hi in hidden.values())
    rest = total - sum(value for value in cells.values() if isinstance(value, int))
    low_sum, high_sum = sum(lo for lo, _ in hidden.values()), sum(hi for _, hi in hidden.values())
    for lo, hi in hidden.values():
        least, most = max(lo, rest - (high_sum - hi)), min(hi, rest - (low_sum - lo))
        if least == most:
            return True
    return False


def protect(counts: Mapping[str, int]) -> Column:
    """The column to publish for one period's counts (category → count), by the rule above."""
    cells: dict[str, int | str] = {key: FEWER if 0 < value < PRIMARY_BELOW else value for key, value in counts.items()}
    total: int | str = sum(counts.values())
    while _derivable(cells, total):
        shown = sorted((value, key) for key, value in cells.items() if isinstance(value, int) and value > 0)
        if shown:
            cells[shown[0][1]] = WITHHELD
        else:
            total = WITHHELD
            break
    return Column(cells, total)


# The attacker ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    """A published figure: the sum of the unknown counts `keys`, known to lie in [low, high] (equal when it
    is printed). `label` names a withheld figure for the report; None for a printed one."""

    keys: frozenset[Hashable]
    low: int
    high: int
    label: str | None = None


def column_figures(column: Column, keys_by_category: Mapping[str, Iterable[Hashable]], label: str) -> list[Figure]:
    """The figures one published column gives the public: each category's count and the total."""
    figures, every_key = [], set()
    for category, value in column.cells.items():
        keys = frozenset(keys_by_category[category])
        every_key |= keys
        low, high = _bounds(value)
        figures.append(Figure(keys, low, high, f"{label} {category}" if isinstance(value, str) else None))
    low, high = _bounds(column.total) if column.total != WITHHELD else (0, UNBOUNDED)
    figures.append(Figure(frozenset(every_key), low, high, f"{label} total" if isinstance(column.total, str) else None))
    return figures


def _components(figures: list[Figure]) -> list[int]:
    """The connected component of each figure (figures sharing an unknown, directly or not, are joined)."""
    parent: dict[Hashable, Hashable] = {}

    def find(key: Hashable) -> Hashable:
        while parent.setdefault(key, key) != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for figure in figures:
        first, *others = figure.keys
        for key in others:
            parent[find(key)] = find(first)
    roots: dict[Hashable, int] = {}
    return [roots.setdefault(find(next(iter(figure.keys))), len(roots)) for figure in figures]


def recoverable(figures: Iterable[Figure]) -> list[tuple[str, int]]:
    """Every withheld figure an attacker can work out exactly from all the `figures`, with its value:
    one whose least and greatest values over all non-negative integer counts consistent with every
    figure are equal.

    Components that share no unknown are independent, so one programme finds the least (or greatest) of
    one withheld figure in every component at once; a figure seen with two different values in any
    solution found cannot be pinned and needs no programme of its own."""
    figures = list(figures)
    component = _components(figures)
    # Unknowns that appear in exactly the same figures can only ever be seen summed: merge them.
    signature: dict[Hashable, list[int]] = defaultdict(list)
    for index, figure in enumerate(figures):
        for key in figure.keys:
            signature[key].append(index)
    groups = sorted({tuple(members) for members in signature.values()})
    rows = [row for members in groups for row in members]
    cols = [col for col, members in enumerate(groups) for _ in members]
    matrix = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(figures), len(groups)))
    constraint = LinearConstraint(matrix, [f.low for f in figures], [f.high for f in figures])
    integrality, bounds = np.ones(len(groups)), Bounds(0, np.inf)
    hidden = [row for row, figure in enumerate(figures) if figure.label is not None]
    seen: dict[int, set[int]] = {row: set() for row in hidden}  # values each figure took in solutions found
    extremes: dict[int, list[int]] = defaultdict(list)
    waiting = {c: [row for row in hidden if component[row] == c] for c in {component[row] for row in hidden}}
    while any(waiting.values()):
        chosen = []
        for rows_left in waiting.values():
            while rows_left and len(seen[rows_left[0]]) > 1:
                rows_left.pop(0)
            if rows_left:
                chosen.append(rows_left.pop(0))
        if not chosen:
            break
        objective = np.asarray(matrix[chosen].sum(axis=0)).ravel()
        for sign in (1, -1):
            result = milp(sign * objective, integrality=integrality, bounds=bounds, constraints=constraint)
            if result.status != 0:
                raise ValueError(f"The published figures are inconsistent or unbounded: {result.message}")
            values = matrix @ np.round(result.x)
            for row in hidden:
                seen[row].add(int(values[row]))
            for row in chosen:
                extremes[row].append(int(values[row]))
    return [(figures[row].label, extremes[row][0]) for row in hidden if len(seen[row]) == 1 and extremes[row]]
