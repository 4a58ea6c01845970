"""Health of the parts the app depends on, reported by /healthz.

Core checks the database. An app that owns another part registers its check from its
AppConfig.ready, as apps register admin classes (notifications: the Celery broker and
the reminder scans), so core imports none of them.
"""

import datetime
from collections.abc import Callable

from django.db import connection

# check(now) -> (healthy, the /healthz fields that describe the part)
Check = Callable[[datetime.datetime], tuple[bool, dict]]


def database_check(now: datetime.datetime) -> tuple[bool, dict]:
    """Run a trivial query."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True, {"database": "ok"}
    except Exception as exc:  # any driver error means "down"
        return False, {"database": exc.__class__.__name__}


# In the order of registration, which is the order of the fields in /healthz.
_checks: dict[str, Check] = {"database": database_check}


def register_check(name: str, check: Check) -> None:
    """Add (or replace) the check of one part; call from the owning app's AppConfig.ready."""
    _checks[name] = check


def run_checks(now: datetime.datetime) -> tuple[bool, dict]:
    """Run every check, even after one fails: healthy when all are, and all their fields."""
    healthy, fields = True, {}
    for check in _checks.values():
        ok, part = check(now)
        healthy = healthy and ok
        fields.update(part)
    return healthy, fields
