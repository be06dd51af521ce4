"""The public "your area" pages: no sign-in, only what `published` releases."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from beatbook.areas.models import Area
from beatbook.counts.cache import cached
from beatbook.crime.periods import add_months
from beatbook.public import disclosure, places, published, ratelimit
from beatbook.public.page_version import public_page_version
from beatbook.web.fragments import fragment
from beatbook.web.tables import Column, Table, render_with_twins, requested_format

# The crime table's filter and page (beatbook.web.tables.Table.filter_param and page_param of "crime").
CRIME_TABLE_PARAMETERS = ("crime-q", "crime-page")


def find(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:100]
    if query and (wait := ratelimit.retry_after(request)):
        return too_many_requests(request, wait)
    found = places.search(query) if query else None
    too_short = found is not None and not found.district and len(query) < 2
    context = {"query": query, "found": found, "results": found.neighbourhoods if found else [], "too_short": too_short}
    return render(request, "public/find.html", context)


def too_many_requests(request: HttpRequest, wait: int) -> HttpResponse:
    response = render(request, "public/too_many_requests.html", {"wait": wait}, status=429)
    response["Retry-After"] = str(wait)
    return response


def landing(request: HttpRequest) -> HttpResponse:
    """The site root for the public: find your area, and sign-in for staff."""
    context = {"forces": published.public_forces(), "local_policing_body": settings.LOCAL_POLICING_BODY_TITLE}
    return render(request, "public/landing.html", context)


def neighbourhood(request: HttpRequest, force: str, code: str) -> HttpResponse:
    area = published.find_neighbourhood(force, code)
    if area is None:
        raise Http404("No such neighbourhood")
    # The whole page body is cached for PUBLIC_PAGE_CACHE_SECONDS, per data version and per public content
    # version (beatbook.public.page_version: an officer, contact or priority saved starts a new copy): the
    # busiest public page, and all of it public. One copy a neighbourhood: other query parameters are not in
    # the key, and a filtered or paged crime table is rendered without being stored, so nobody signed out can
    # fill the cache (and push the warmed pages out) by varying the URL.
    filtered = any(request.GET.get(param) for param in CRIME_TABLE_PARAMETERS)
    lifetime = 0 if filtered else settings.PUBLIC_PAGE_CACHE_SECONDS
    page = fragment(
        request,
        area,
        "public-neighbourhood",
        timeout=lifetime,
        keyed_on_query=False,
        also_keyed_on=public_page_version(),
    )
    if page.html is not None and requested_format(request) == "html":
        return render(request, "public/neighbourhood.html", {"area": area, "fragment": page})
    # From the counts alone (no published or live data): once per data version.
    figures = cached(("public-crime-figures", area.pk), lambda: published.crime_figures(area))
    crime = crime_table(area, figures)
    context = {
        "area": area,
        "force": area.ancestors()[0] if area.ancestors() else area,
        "officers": published.officers(area),
        "contact": published.contact(area),
        "alert_signup_url": published.alert_signup_url(area),
        "priorities": published.priorities(area, timezone.localdate()),
        "figures": figures,
        "fewer": disclosure.FEWER,
        "withheld": disclosure.WITHHELD,
        "fragment": page,
    }
    return render_with_twins(request, "public/neighbourhood.html", context, crime, area=area)


def crime_table(area: Area, figures: published.CrimeFigures | None) -> Table:
    """Categories down, quarters across, and each quarter's total; withheld figures carry their marker."""
    if figures is None:
        return Table("crime", f"Crime and anti-social behaviour in {area.name}", [Column("category", "Type")], [])
    keys = [f"{quarter:%Y-%m}" for quarter in figures.quarters]
    columns = [Column("category", "Type")] + [
        Column(key, f"{quarter:%b} to {add_months(quarter, 2):%b %Y}", True)
        for key, quarter in zip(keys, figures.quarters, strict=True)
    ]
    rows = [
        {"category": label} | {key: column.cells[label] for key, column in zip(keys, figures.columns, strict=True)}
        for label in published.public_categories()
    ]
    rows.append({"category": "All crime and ASB"} | dict(zip(keys, (c.total for c in figures.columns), strict=True)))
    caption = f"Crime and anti-social behaviour in {area.name}, {figures.first:%B %Y} to {figures.last:%B %Y}"
    return Table("crime", caption, columns, rows)


def figures_help(request: HttpRequest) -> HttpResponse:
    return render(request, "public/figures_help.html", {"fewer": disclosure.FEWER, "withheld": disclosure.WITHHELD})
