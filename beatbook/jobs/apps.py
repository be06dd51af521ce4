from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "beatbook.jobs"
    verbose_name = "Job queue"
