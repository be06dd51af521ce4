from django.apps import AppConfig


class HotspotsConfig(AppConfig):
    name = "beatbook.hotspots"
    verbose_name = "Hotspots"
