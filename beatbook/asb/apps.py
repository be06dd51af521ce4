from django.apps import AppConfig


class AsbConfig(AppConfig):
    name = "beatbook.asb"
    verbose_name = "ASB tools and powers, and the ASB Case Review"
