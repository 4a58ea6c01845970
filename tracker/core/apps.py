from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _

from tracker.core.datafolder import create_embedded_folders
from tracker.core.fulltext import strip_accents


def add_unaccent_to_sqlite(sender, connection, **kwargs) -> None:
    """SQLite has no unaccent: give it one, so `__unaccent__icontains` works on `make run`'s
    database as on PostgreSQL."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("UNACCENT", 1, strip_accents, deterministic=True)


class CoreConfig(AppConfig):
    name = "tracker.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        create_embedded_folders()
        connection_created.connect(add_unaccent_to_sqlite)
