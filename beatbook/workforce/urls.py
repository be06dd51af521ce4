from django.urls import path

from beatbook.workforce import views

app_name = "workforce"
urlpatterns = [
    path("areas/<slug:code>/workforce/", views.area_workforce, name="area"),
]
