from django.urls import path

from beatbook.public import feed, views
from beatbook.public.policeuk import urls as policeuk_urls

app_name = "public"
urlpatterns = [
    *policeuk_urls.urlpatterns,  # first: the feed's <force>/<code> paths would catch them
    path("your-area/", views.find, name="find"),
    path("your-area/<slug:force>/<slug:code>/", views.neighbourhood, name="neighbourhood"),
    path("api/police-uk/forces", feed.forces, name="feed_forces"),
    path("api/police-uk/forces/<slug:force>", feed.force, name="feed_force"),
    path("api/police-uk/<slug:force>/neighbourhoods", feed.neighbourhoods, name="feed_neighbourhoods"),
    path("api/police-uk/<slug:force>/<slug:code>", feed.neighbourhood, name="feed_neighbourhood"),
    path("api/police-uk/<slug:force>/<slug:code>/people", feed.people, name="feed_people"),
    path("api/police-uk/<slug:force>/<slug:code>/priorities", feed.priorities, name="feed_priorities"),
]
urlpatterns += [
    path("your-area/how-we-protect-figures/", views.figures_help, name="figures_help"),
]
