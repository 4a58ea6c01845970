"""Health of the parts the app depends on: the database and the Celery broker."""

from django.conf import settings
from django.db import connection

from tracker.celery import app as celery_app


def database_ok() -> tuple[bool, str]:
    """Run a trivial query."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True, "ok"
    except Exception as exc:  # any driver error means "down"
        return False, exc.__class__.__name__


def broker_ok() -> tuple[bool, str]:
    """Open and close a connection to the Celery broker, with a short timeout."""
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=float(settings.HEALTH_BROKER_TIMEOUT))
        return True, "ok"
    except Exception as exc:  # kombu raises many kinds; all mean "down"
        return False, exc.__class__.__name__
