from django.apps import AppConfig


class ProblemSolvingConfig(AppConfig):
    name = "beatbook.problemsolving"
    verbose_name = "Problem-solving plans"
