from django.urls import path

from beatbook.outcomes import views

app_name = "outcomes"
urlpatterns = [
    path("areas/<slug:code>/outcomes/", views.area_outcomes, name="area"),
]
