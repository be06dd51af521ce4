from django.urls import path

from beatbook.hotspots import views

app_name = "hotspots"
urlpatterns = [path("areas/<slug:code>/hotspots/", views.area_hotspots, name="area")]
