from django.urls import include, path

from beatbook.api.api import api

urlpatterns = [
    path("", include("beatbook.web.urls")),
    path("", include("beatbook.accounts.urls")),
    path("areas/", include("beatbook.areas.urls")),
    path("", include("beatbook.crime.urls")),
    path("", include("beatbook.hotspots.urls")),
    path("", include("beatbook.neighbourhoods.urls")),
    path("", include("beatbook.public.urls")),
    path("audit/", include("beatbook.audit.urls")),
    path("", include("beatbook.problemsolving.urls")),
    path("", include("beatbook.asb.urls")),
    path("", include("beatbook.workforce.urls")),
    path("", include("beatbook.contact.urls")),
    path("", include("beatbook.community.urls")),
    path("", include("beatbook.stopsearch.urls")),
    path("", include("beatbook.outcomes.urls")),
    path("", include("beatbook.api.urls")),
    path("api/v1/", api.urls),
    path("", include("beatbook.scrutiny.urls")),
]

handler400 = "beatbook.web.views.bad_request"
handler403 = "beatbook.web.views.permission_denied"
handler404 = "beatbook.web.views.page_not_found"
handler500 = "beatbook.web.views.server_error"
