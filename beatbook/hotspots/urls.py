from django.urls import path

from beatbook.hotspots import patrol_views, views

app_name = "hotspots"
urlpatterns = [
    path("areas/<slug:code>/hotspots/", views.area_hotspots, name="area"),
    path("areas/<slug:code>/hotspots/designate/", views.designate, name="designate"),
    path("areas/<slug:code>/tasking/", views.tasking, name="tasking"),
    path("hotspots/<uuid:hotspot_uuid>/", patrol_views.hotspot_detail, name="detail"),
    path("hotspots/<uuid:hotspot_uuid>/patrols/new/", patrol_views.log_patrol, name="log_patrol"),
]
