from django.apps import AppConfig


class OutcomesConfig(AppConfig):
    name = "beatbook.outcomes"
    verbose_name = "Crime outcomes and offence groups"
