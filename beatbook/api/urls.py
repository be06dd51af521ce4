"""The API's human-readable reference page. The API itself is mounted from beatbook/urls.py (`api.urls`)."""

from django.urls import path

from beatbook.api import reference

app_name = "api_docs"
urlpatterns = [path("api/", reference.api_reference, name="reference")]
