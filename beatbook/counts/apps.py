from django.apps import AppConfig


class CountsConfig(AppConfig):
    name = "beatbook.counts"
    verbose_name = "Incident counts (rollups maintained at import)"

    def ready(self) -> None:
        from beatbook.counts import signals  # noqa: F401 - connects the geography receivers
