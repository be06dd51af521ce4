from django.apps import AppConfig


class WorkforceConfig(AppConfig):
    name = "beatbook.workforce"
    verbose_name = "Officers and staffing"

    def ready(self) -> None:
        # The receiver that fails an HR import whose job failed, registered in every process.
        from beatbook.workforce import tasks  # noqa: F401
