from django.apps import AppConfig


class ScrutinyConfig(AppConfig):
    name = "beatbook.scrutiny"
    verbose_name = "Public scrutiny"
