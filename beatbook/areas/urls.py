from django.urls import path

from beatbook.areas import lsoa_assignment, views

app_name = "areas"
urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:code>/", views.detail, name="detail"),
    path("<slug:code>/officers/", views.officers, name="officers"),
    path("<slug:code>/lsoas/", views.lsoas, name="lsoas"),
    path("<slug:code>/lsoas/assign/", lsoa_assignment.assign_lsoas, name="assign_lsoas"),
]
