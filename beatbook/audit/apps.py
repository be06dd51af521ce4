from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "beatbook.audit"
    verbose_name = "Audit log"
