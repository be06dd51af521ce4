"""The public "your area" pages: no sign-in, only what `published` releases."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from beatbook.public import published
from beatbook.web.tables import Column, Table, render_with_twins


def find(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:100]
    results = published.search(query) if query else []
    context = {"query": query, "results": results, "too_short": 0 < len(query) < 2}
    return render(request, "public/find.html", context)


def neighbourhood(request: HttpRequest, force: str, code: str) -> HttpResponse:
    area = published.find_neighbourhood(force, code)
    if area is None:
        raise Http404("No such neighbourhood")
    summary = published.crime_summary(area)
    crime = Table(
        "crime",
        f"Crime and anti-social behaviour in {area.name}"
        + (f", {summary.first:%B %Y} to {summary.last:%B %Y}" if summary else ""),
        [Column("category", "Type"), Column("count", "Incidents", True)],
        [{"category": label, "count": count} for label, count in summary.counts.items()] if summary else [],
    )
    context = {
        "area": area,
        "force": area.ancestors()[0] if area.ancestors() else area,
        "officers": published.officers(area),
        "contact": published.contact(area),
        "alert_signup_url": published.alert_signup_url(area),
        "priorities": published.priorities(area, timezone.localdate()),
        "summary": summary,
        "suppress_below": published.SUPPRESS_BELOW,
    }
    return render_with_twins(request, "public/neighbourhood.html", context, crime)
