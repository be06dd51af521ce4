import logging

from django.apps import AppConfig


class ScrutinyConfig(AppConfig):
    name = "beatbook.scrutiny"
    verbose_name = "Public scrutiny"

    def ready(self) -> None:
        # WeasyPrint reports each step of every PDF at INFO: noise in the service's log.
        logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
        # The receivers that record a failed job on its paper or question (registered in every process,
        # including the worker whose reaper fails a job of a lost worker).
        from beatbook.scrutiny import askers, tasks  # noqa: F401
