import logging

from django.apps import AppConfig


class ScrutinyConfig(AppConfig):
    name = "beatbook.scrutiny"
    verbose_name = "Public scrutiny"

    def ready(self) -> None:
        # WeasyPrint reports each step of every PDF at INFO: noise in the service's log.
        logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
