from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "beatbook.community"
    verbose_name = "Community messaging and watch schemes"
