from django.apps import AppConfig


class AreasConfig(AppConfig):
    name = "beatbook.areas"
    verbose_name = "Geography"
