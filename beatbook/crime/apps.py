from django.apps import AppConfig


class CrimeConfig(AppConfig):
    name = "beatbook.crime"
    verbose_name = "Crime and anti-social behaviour"
