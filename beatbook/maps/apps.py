from django.apps import AppConfig


class MapsConfig(AppConfig):
    name = "beatbook.maps"
    verbose_name = "Map reference layers"
