from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "beatbook.ops"
    verbose_name = "Operations: serving, backups and restores"
