from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "beatbook.web"
    verbose_name = "Layout and shared pages"
