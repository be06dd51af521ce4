"""beatbook hotspots: grid counts, Getis-Ord Gi* or kernel density for a force or area and period."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError, CommandParser

from beatbook.areas.lookup import area_from_option
from beatbook.crime.categories import Category
from beatbook.crime.periods import parse_month
from beatbook.hotspots import analysis
from beatbook.hotspots.points import located_points
from beatbook.lib.csvsafe import csv_text


class Command(BaseCommand):
    help = (
        "Score every cell of a British National Grid grid for the located incidents of a force or area in a "
        "period: --method count (incidents), kde (kernel-smoothed incidents, --bandwidth metres, default 250) or "
        "gistar (Getis-Ord Gi* z-score with queen-contiguity weights including the cell, or --distance-band "
        "metres; p_value is two-sided and FDR-corrected with --fdr). One CSV row per cell of the study area: "
        "cell_x,cell_y (lower-left corner, BNG metres),count,score,p_value. Reads only."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--force", metavar="SLUG")
        parser.add_argument("--area", metavar="CODE")
        parser.add_argument("--from", dest="first", metavar="YYYY-MM", required=True)
        parser.add_argument("--to", dest="last", metavar="YYYY-MM", required=True)
        parser.add_argument("--category", nargs="+", default=[], metavar="SLUG")
        parser.add_argument("--cell-size", type=int, default=analysis.DEFAULT_CELL_METRES, metavar="METRES")
        parser.add_argument("--method", choices=["gistar", "kde", "count"], default="gistar")
        parser.add_argument("--bandwidth", type=float, default=analysis.DEFAULT_BANDWIDTH_METRES, metavar="METRES")
        parser.add_argument(
            "--distance-band",
            type=float,
            metavar="METRES",
            help="Gi* weights: cells within this distance instead of queen contiguity",
        )
        parser.add_argument("--fdr", action="store_true", help="report Benjamini–Hochberg adjusted p-values")
        parser.add_argument("--format", choices=["csv", "json"], default="csv")

    def handle(self, *args: object, **options: object) -> None:
        try:
            first, last = parse_month(options["first"]), parse_month(options["last"])
            analysis.check_cell_size(options["cell_size"])
        except ValueError as error:
            raise CommandError(str(error)) from None
        unknown = [c for c in options["category"] if c not in Category.values]
        if unknown:
            raise CommandError(f"--category: {', '.join(unknown)} unknown; use {', '.join(Category.values)}")
        force = area_from_option(options["force"], "--force", force=True)
        area = area_from_option(options["area"], "--area")
        points = located_points(force=force, area=area, first=first, last=last, categories=options["category"])
        if not len(points):
            raise CommandError("No located incidents match: check --force/--area, the months and categories.")
        rows = score_rows(points, options)
        if options["format"] == "json":
            self.stdout.write(json.dumps(rows))
        else:
            header = ["cell_x", "cell_y", "count", "score", "p_value"]
            self.stdout.write(csv_text(header, ([r[k] for k in header] for r in rows)), ending="")
        if points.unlocated:
            self.stderr.write(f"{points.unlocated:,} incidents without coordinates were left out.")


def score_rows(points, options: dict) -> list[dict]:  # noqa: ANN001
    grid = analysis.grid_covering(points.x, points.y, options["cell_size"])
    counts = analysis.count_grid(grid, points.x, points.y)
    p_values = None
    if options["method"] == "count":
        scores = counts.astype(float)
    elif options["method"] == "kde":
        scores = analysis.kde(grid, points.x, points.y, options["bandwidth"])
    else:
        kernel = (
            analysis.distance_band_kernel(grid.size, options["distance_band"]) if options.get("distance_band") else None
        )
        result = analysis.gi_star(counts, kernel)
        scores, p_values = result.z, (result.p_fdr if options.get("fdr") else result.p)
    xs, ys = grid.corners()
    flat_counts, flat_scores = counts.ravel(), scores.ravel()
    flat_p = p_values.ravel() if p_values is not None else None
    return [
        {
            "cell_x": int(xs[i]),
            "cell_y": int(ys[i]),
            "count": int(flat_counts[i]),
            "score": float(flat_scores[i]),
            "p_value": "" if flat_p is None else float(flat_p[i]),
        }
        for i in range(grid.cell_count)
    ]
