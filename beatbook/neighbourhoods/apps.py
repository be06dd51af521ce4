from django.apps import AppConfig


class NeighbourhoodsConfig(AppConfig):
    name = "beatbook.neighbourhoods"
    verbose_name = "Neighbourhood apps"
