from django.urls import path

from beatbook.web import glossary, views

app_name = "web"
urlpatterns = [path("", views.front, name="home")]
urlpatterns += [path("glossary/", glossary.glossary, name="glossary")]
