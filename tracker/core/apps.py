from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from tracker.core.datafolder import create_embedded_folders


class CoreConfig(AppConfig):
    name = "tracker.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        create_embedded_folders()
