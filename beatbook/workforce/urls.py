from django.urls import path

from beatbook.workforce import config_views, import_views, people_views, views

app_name = "workforce"
urlpatterns = [
    path("areas/<slug:code>/workforce/", views.area_workforce, name="area"),
    path("areas/<slug:code>/workforce/citizens/", views.citizens_page, name="citizens"),
    path("areas/<slug:code>/workforce/skills/", views.skills_page, name="skills"),
    path("areas/<slug:code>/workforce/home-office/", views.home_office_page, name="home_office"),
    path("areas/<slug:code>/people/", people_views.people, name="people"),
    path("areas/<slug:code>/people/new/", people_views.add_person, name="add_person"),
    path("areas/<slug:code>/named-officer/", people_views.name_officer, name="name_officer"),
    path("areas/<slug:code>/team-contact/", people_views.team_contact, name="team_contact"),
    path("people/<int:person_id>/", people_views.person_detail, name="person"),
    path("people/<int:person_id>/edit/", people_views.edit_person, name="edit_person"),
    path("people/<int:person_id>/leave/", people_views.leave_person, name="leave_person"),
    path("people/<int:person_id>/absence/", people_views.add_absence, name="add_absence"),
    path("areas/<slug:code>/workforce/establishment/", config_views.establishment, name="establishment"),
    path("areas/<slug:code>/workforce/forecast/", config_views.forecast, name="forecast"),
    path("areas/<slug:code>/workforce/configuration/", config_views.configuration, name="configuration"),
    path("people/<int:person_id>/training/", config_views.add_certification, name="add_certification"),
    path("people/<int:person_id>/hours/", config_views.add_hours, name="add_hours"),
    path("areas/<slug:code>/workforce/import/", import_views.upload, name="import"),
    path("workforce/imports/<uuid:run_uuid>/", import_views.preview, name="import_preview"),
]
