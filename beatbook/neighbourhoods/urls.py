from django.urls import path

from beatbook.neighbourhoods import (
    abstraction_views,
    community_views,
    engagement_views,
    own_record_views,
    priority_views,
)

app_name = "neighbourhoods"
urlpatterns = [
    path("engagements/new/", engagement_views.record_engagement, name="record_engagement"),
    path("engagements/<uuid:engagement_uuid>/review/", engagement_views.review_engagement, name="review_engagement"),
    path("areas/<slug:code>/engagement/", engagement_views.engagement_report, name="engagement"),
    path("areas/<slug:code>/community-groups/", community_views.community_groups, name="community_groups"),
    path("abstractions/new/", abstraction_views.record_abstraction, name="record_abstraction"),
    path("areas/<slug:code>/abstractions/", abstraction_views.abstraction_report, name="abstractions"),
    path("areas/<slug:code>/priorities/", priority_views.priorities, name="priorities"),
    path("priorities/new/", priority_views.set_priority, name="set_priority"),
    path("priorities/<uuid:priority_uuid>/", priority_views.priority_detail, name="priority"),
    path("priorities/<uuid:priority_uuid>/publish/", priority_views.publish_priority, name="publish_priority"),
    path("my-records/", own_record_views.my_records, name="my_records"),
    path("engagements/<uuid:engagement_uuid>/edit/", own_record_views.edit_engagement, name="edit_engagement"),
    path(
        "engagements/<uuid:engagement_uuid>/withdraw/", own_record_views.withdraw_engagement, name="withdraw_engagement"
    ),
    path("abstractions/<uuid:abstraction_uuid>/edit/", own_record_views.edit_abstraction, name="edit_abstraction"),
    path(
        "abstractions/<uuid:abstraction_uuid>/withdraw/",
        own_record_views.withdraw_abstraction,
        name="withdraw_abstraction",
    ),
]
