from django.urls import path

from beatbook.scrutiny import paper_views, plan_views, staff_views, views

app_name = "scrutiny"
urlpatterns = [
    path("scrutiny/", views.index, name="index"),
    path("scrutiny/feed/", views.ScrutinyFeed(), name="feed"),
    path("scrutiny/compare/", views.compare, name="compare"),
    path("scrutiny/meetings/<uuid:uuid>/", views.meeting, name="meeting"),
    path("scrutiny/meetings/<uuid:uuid>/ask/", views.ask, name="ask"),
    path("scrutiny/meetings/<uuid:uuid>/asked/", views.asked, name="asked"),
    path("scrutiny/papers/<uuid:uuid>/", views.paper, name="paper"),
    path("scrutiny/papers/<uuid:uuid>/paper.docx", views.paper_docx, name="paper_docx"),
    path("scrutiny/papers/<uuid:uuid>/paper.pdf", views.paper_pdf, name="paper_pdf"),
    path("scrutiny/priorities/<int:pk>/", views.priority, name="priority"),
    path("scrutiny/measures/<slug:slug>/", views.measure, name="measure"),
    path("scrutiny/manage/", staff_views.workspace, name="manage"),
    path("scrutiny/manage/questions/<uuid:uuid>/", staff_views.question, name="manage_question"),
    path("scrutiny/manage/papers/<uuid:uuid>/", staff_views.paper, name="manage_paper"),
    path("scrutiny/manage/measures/new/", plan_views.add_measure, name="add_measure"),
    path("scrutiny/manage/plans/new/", plan_views.new_plan, name="new_plan"),
    path("scrutiny/manage/plans/<int:pk>/priorities/new/", plan_views.add_priority, name="add_priority"),
    path("scrutiny/manage/priorities/<int:pk>/edit/", plan_views.edit_priority, name="edit_priority"),
    path(
        "scrutiny/manage/priorities/<int:pk>/sub-objectives/new/",
        plan_views.add_sub_objective,
        name="add_sub_objective",
    ),
    path("scrutiny/manage/meetings/new/", paper_views.new_meeting, name="new_meeting"),
    path("scrutiny/manage/meetings/<uuid:uuid>/papers/new/", paper_views.draft_paper, name="draft_paper"),
    path("scrutiny/manage/papers/<uuid:uuid>/edit/", paper_views.edit_paper, name="edit_paper"),
    path("scrutiny/manage/measures/<slug:slug>/values/new/", paper_views.record_value, name="record_value"),
    path(
        "scrutiny/manage/meetings/<uuid:uuid>/publish-questions/",
        staff_views.publish_questions,
        name="publish_questions",
    ),
]
