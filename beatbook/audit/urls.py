from django.urls import path

from beatbook.audit import views

app_name = "audit"
urlpatterns = [path("", views.index, name="index")]
