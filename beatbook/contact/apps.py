from django.apps import AppConfig


class ContactConfig(AppConfig):
    name = "beatbook.contact"
    verbose_name = "Public contact: 999 and 101 call handling, digital contact and social media"
