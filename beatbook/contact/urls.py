from django.urls import path

from beatbook.contact import views

app_name = "contact"
urlpatterns = [
    path("areas/<slug:code>/contact/", views.area_contact, name="area"),
]
