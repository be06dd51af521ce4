from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "beatbook.demo"
    verbose_name = "Demo data"
