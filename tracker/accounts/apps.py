from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "tracker.accounts"
    label = "accounts"
    verbose_name = _("People")

    def ready(self) -> None:
        from tracker.accounts import language  # noqa: F401  (connects the sign-in receiver)
