"""Health of the parts the app depends on: the database, the Celery broker, and the
scheduler that runs the reminder scans."""

import datetime

from django.conf import settings
from django.db import connection

from tracker.celery import app as celery_app
from tracker.notifications.health import SchedulerHealth, scheduler_health


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


def scheduler_ok(now: datetime.datetime) -> tuple[bool, SchedulerHealth]:
    """Whether the reminder scans run (see tracker/notifications/health.py); a database
    error here is reported by database_ok, so it counts as unknown, not as stale."""
    try:
        health = scheduler_health(now)
    except Exception:  # the database is down: database_ok names it
        return True, SchedulerHealth("unknown", None)
    return health.healthy, health
