from django.apps import AppConfig


class WorkforceConfig(AppConfig):
    name = "beatbook.workforce"
    verbose_name = "Officers and staffing"
