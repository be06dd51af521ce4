from django.urls import path

from beatbook.crime import views

app_name = "crime"
urlpatterns = [
    path("areas/<slug:code>/crime/", views.area_crime, name="area"),
]
