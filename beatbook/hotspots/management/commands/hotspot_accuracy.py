"""beatbook hotspot_accuracy: how well each method's hotspots from one period predict the next."""

from __future__ import annotations

import json

import numpy as np
from django.core.management.base import BaseCommand, CommandError, CommandParser

from beatbook.areas.lookup import area_from_option
from beatbook.crime.categories import Category
from beatbook.crime.periods import parse_month
from beatbook.hotspots import analysis
from beatbook.hotspots.points import located_points
from beatbook.lib.csvsafe import csv_text

SHARES = (0.01, 0.02, 0.05)


class Command(BaseCommand):
    help = (
        "Rank the cells of a grid by each method on a training period, then measure how much of a test period's "
        "incidents the top 1%, 2% and 5% of cells catch: the Predictive Accuracy Index (hit rate % ÷ area %) and "
        "the Recapture Rate Index. 'perfect' ranks by the test period itself, the ceiling any method could reach. "
        "The grid covers the located incidents of both periods. Reads only."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--force", metavar="SLUG")
        parser.add_argument("--area", metavar="CODE")
        parser.add_argument("--train-from", required=True, metavar="YYYY-MM")
        parser.add_argument("--train-to", required=True, metavar="YYYY-MM")
        parser.add_argument("--test-from", required=True, metavar="YYYY-MM")
        parser.add_argument("--test-to", required=True, metavar="YYYY-MM")
        parser.add_argument("--category", nargs="+", default=[], metavar="SLUG")
        parser.add_argument(
            "--test-category",
            nargs="+",
            default=None,
            metavar="SLUG",
            help="Categories of the test period, where they differ from --category: for example, do crime "
            "hotspots predict where anti-social behaviour is reported?",
        )
        parser.add_argument("--cell-size", type=int, default=analysis.DEFAULT_CELL_METRES, metavar="METRES")
        parser.add_argument("--bandwidth", type=float, default=analysis.DEFAULT_BANDWIDTH_METRES, metavar="METRES")
        parser.add_argument("--format", choices=["csv", "json"], default="csv")

    def handle(self, *args: object, **options: object) -> None:
        try:
            months = [parse_month(options[k]) for k in ("train_from", "train_to", "test_from", "test_to")]
            analysis.check_cell_size(options["cell_size"])
        except ValueError as error:
            raise CommandError(str(error)) from None
        test_categories = options["category"] if options["test_category"] is None else options["test_category"]
        for option, categories in (("--category", options["category"]), ("--test-category", test_categories)):
            unknown = [c for c in categories if c not in Category.values]
            if unknown:
                raise CommandError(f"{option}: {', '.join(unknown)} unknown; known: {', '.join(Category.values)}")
        force = area_from_option(options["force"], "--force", force=True)
        area = area_from_option(options["area"], "--area")
        common = {"force": force, "area": area}
        train = located_points(first=months[0], last=months[1], categories=options["category"], **common)
        test = located_points(first=months[2], last=months[3], categories=test_categories, **common)
        if not len(train) or not len(test):
            raise CommandError("Both periods need located incidents: check the months, force, area and categories.")
        rows = accuracy_rows(train, test, options["cell_size"], options["bandwidth"])
        if options["format"] == "json":
            self.stdout.write(json.dumps(rows))
        else:
            header = ["method", "share", "cells", "hit_rate", "area_percent", "pai", "rri"]
            self.stdout.write(csv_text(header, ([r[k] for k in header] for r in rows)), ending="")


def accuracy_rows(train, test, cell_size: int, bandwidth: float) -> list[dict]:  # noqa: ANN001
    grid = analysis.grid_covering(np.concatenate([train.x, test.x]), np.concatenate([train.y, test.y]), cell_size)
    train_counts = analysis.count_grid(grid, train.x, train.y)
    test_counts = analysis.count_grid(grid, test.x, test.y)
    rankings = {
        "count": train_counts.astype(float),
        "kde": analysis.kde(grid, train.x, train.y, bandwidth),
        "gistar": analysis.gi_star(train_counts).z,
        "perfect": test_counts.astype(float),
    }
    rows = []
    for method, scores in rankings.items():
        for share in SHARES:
            result = analysis.prediction_accuracy(scores, train_counts, test_counts, share)
            rows.append(
                {
                    "method": method,
                    "share": f"{share:.0%}",
                    "cells": result.cells,
                    "hit_rate": round(result.hit_rate, 2),
                    "area_percent": round(result.area, 3),
                    "pai": round(result.pai, 2),
                    "rri": None if result.rri is None else round(result.rri, 3),
                }
            )
    return rows
