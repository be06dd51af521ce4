from django.apps import AppConfig


class StopSearchConfig(AppConfig):
    name = "beatbook.stopsearch"
    verbose_name = "Stop and search: figures, disproportionality and the scrutiny panel log"
