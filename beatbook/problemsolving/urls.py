from django.urls import path

from beatbook.problemsolving import config_views, tasking_views, views

app_name = "problemsolving"
urlpatterns = [
    path("areas/<slug:code>/problem-solving/", views.area_plans, name="area"),
    path("problem-solving/plans/new/", views.draft_plan, name="draft"),
    path("problem-solving/plans/<uuid:plan_uuid>/", views.plan_detail, name="plan"),
    path("problem-solving/plans/<uuid:plan_uuid>/approve/", views.approve_plan, name="approve"),
    path("problem-solving/plans/<uuid:plan_uuid>/close/", views.close_plan, name="close"),
    path("problem-solving/plans/<uuid:plan_uuid>/review/", views.review_plan, name="review"),
    path("problem-solving/plans/<uuid:plan_uuid>/responses/", views.add_response, name="add_response"),
    path("problem-solving/plans/<uuid:plan_uuid>/people/", views.add_person, name="add_person"),
    path(
        "problem-solving/plans/<uuid:plan_uuid>/responses/<int:response_id>/status/",
        views.set_response_status,
        name="response_status",
    ),
    path("areas/<slug:code>/tasking-meetings/", tasking_views.tasking_meetings, name="tasking_meetings"),
    path("tasking-meetings/new/", tasking_views.record_meeting, name="record_meeting"),
    path("areas/<slug:code>/hotspot-programme/", tasking_views.hotspot_programme, name="hotspot_programme"),
    path("areas/<slug:code>/problem-solving/closure-codes/", config_views.closure_codes, name="closure_codes"),
]
