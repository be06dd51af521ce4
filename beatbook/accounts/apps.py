from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "beatbook.accounts"
    verbose_name = "Accounts and access"
