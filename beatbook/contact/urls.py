from django.urls import path

from beatbook.contact import import_views, views

app_name = "contact"
urlpatterns = [
    path("areas/<slug:code>/contact/", views.area_contact, name="area"),
    path("contact/imports/", import_views.imports, name="imports"),
]
