from django.urls import path

from beatbook.community import views

app_name = "community"
urlpatterns = [
    path("areas/<slug:code>/community/", views.area_community, name="area"),
]
