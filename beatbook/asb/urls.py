from django.urls import path

from beatbook.asb import views

app_name = "asb"
urlpatterns = [
    path("areas/<slug:code>/asb-powers/", views.powers, name="powers"),
    path("asb-powers/new/", views.record_power, name="record_power"),
    path("areas/<slug:code>/case-reviews/", views.case_reviews, name="case_reviews"),
    path("case-reviews/new/", views.record_case_review, name="record_case_review"),
    path("case-reviews/<uuid:case_uuid>/", views.case_review, name="case_review"),
    path("case-reviews/<uuid:case_uuid>/complaints/", views.add_complaint, name="add_complaint"),
    path("case-reviews/<uuid:case_uuid>/decision/", views.decide_threshold, name="decide_threshold"),
    path("case-reviews/<uuid:case_uuid>/review/", views.hold_review, name="hold_review"),
    path("case-reviews/<uuid:case_uuid>/escalate/", views.escalate, name="escalate"),
    path("case-review/<slug:force>/apply/", views.apply, name="apply"),
    path("case-review/<slug:force>/applied/", views.applied, name="applied"),
]
