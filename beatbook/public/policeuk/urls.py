"""police.uk's paths under /api/police-uk/ (no trailing slash, as police.uk's). Listed before the feed's
`<force>/<code>` patterns in `beatbook.public.urls`, which would otherwise catch `crimes-street/<category>`."""

from django.urls import path

from beatbook.public.policeuk import crimes, neighbourhoods, stops

P = "api/police-uk/"
urlpatterns = [
    path(f"{P}forces/<slug:force>/people", neighbourhoods.senior_officers, name="policeuk_senior_officers"),
    path(f"{P}crime-categories", crimes.crime_categories, name="policeuk_crime_categories"),
    path(f"{P}crime-last-updated", crimes.crime_last_updated, name="policeuk_crime_last_updated"),
    path(f"{P}crimes-street-dates", crimes.crimes_street_dates, name="policeuk_crimes_street_dates"),
    path(f"{P}crimes-street/<slug:category>", crimes.crimes_street, name="policeuk_crimes_street"),
    path(f"{P}crimes-at-location", crimes.crimes_at_location, name="policeuk_crimes_at_location"),
    path(f"{P}crimes-no-location", crimes.crimes_no_location, name="policeuk_crimes_no_location"),
    path(f"{P}outcomes-at-location", crimes.outcomes_at_location, name="policeuk_outcomes_at_location"),
    path(f"{P}outcomes-for-crime/<str:persistent_id>", crimes.outcomes_for_crime, name="policeuk_outcomes_for_crime"),
    path(f"{P}stops-street", stops.stops_street, name="policeuk_stops_street"),
    path(f"{P}stops-at-location", stops.stops_at_location, name="policeuk_stops_at_location"),
    path(f"{P}stops-no-location", stops.stops_no_location, name="policeuk_stops_no_location"),
    path(f"{P}stops-force", stops.stops_force, name="policeuk_stops_force"),
    path(f"{P}locate-neighbourhood", neighbourhoods.locate_neighbourhood, name="policeuk_locate_neighbourhood"),
    path(f"{P}<slug:force>/<slug:code>/events", neighbourhoods.events, name="policeuk_events"),
    path(f"{P}<slug:force>/<slug:code>/boundary", neighbourhoods.boundary, name="policeuk_boundary"),
]
