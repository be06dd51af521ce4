from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "beatbook.public"
    verbose_name = "Public pages"

    def ready(self) -> None:
        from beatbook.public.page_version import watch_public_content

        watch_public_content()
