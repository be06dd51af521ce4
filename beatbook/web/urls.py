from django.urls import path

from beatbook.web import views

app_name = "web"
urlpatterns = [path("", views.front, name="home")]
