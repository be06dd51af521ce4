from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "beatbook.api"
    verbose_name = "API"
