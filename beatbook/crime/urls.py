from django.urls import path

from beatbook.crime import import_views, views

app_name = "crime"
urlpatterns = [
    path("areas/<slug:code>/crime/", views.area_crime, name="area"),
    path("data/imports/", import_views.imports, name="imports"),
    path("data/imports/<uuid:run_uuid>/", import_views.import_report, name="import_report"),
]
