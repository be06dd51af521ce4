from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "beatbook.public"
    verbose_name = "Public pages"
