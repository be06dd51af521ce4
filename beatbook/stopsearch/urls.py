from django.urls import path

from beatbook.stopsearch import views

app_name = "stopsearch"
urlpatterns = [
    path("areas/<slug:code>/stop-and-search/", views.area_stop_search, name="area"),
    path("areas/<slug:code>/stop-and-search/scrutiny-panels/", views.scrutiny_panels, name="panels"),
    path("areas/<slug:code>/stop-and-search/mapping/", views.object_mapping, name="mapping"),
    path(
        "areas/<slug:code>/stop-and-search/scrutiny-panels/<uuid:panel_uuid>/",
        views.edit_scrutiny_panel,
        name="panel",
    ),
]
