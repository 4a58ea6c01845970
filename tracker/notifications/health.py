"""Is the scheduler alive? The most common failure of reminder systems is a beat that
silently stopped, so each successful reminder scan is recorded (ScanRun) and its age is
reported by /healthz and shown to coordinators as a banner when it is too old.

Also the /healthz checks of the parts the reminders and digests need, registered with
tracker/core/health.py by NotificationsConfig.ready: the Celery broker and the scans."""

import dataclasses
import datetime

from django.apps import apps
from django.conf import settings
from django.core.cache import cache

from tracker.celery import app as celery_app
from tracker.notifications.models import ScanKind, ScanRun

OK, STARTING, STALE, OFF = "ok", "starting", "stale", "off"
CACHE_KEY = "notifications:last-reminder-scan"
CACHE_SECONDS = 60


@dataclasses.dataclass(frozen=True)
class SchedulerHealth:
    state: str
    last_scan: datetime.datetime | None

    @property
    def healthy(self) -> bool:
        return self.state != STALE


def judge(
    now: datetime.datetime,
    last_scan: datetime.datetime | None,
    started_at: datetime.datetime,
    interval: datetime.timedelta,
) -> str:
    """OK when the last scan is at most two intervals old; otherwise STARTING during the
    first interval after this process started (no scan could have run yet), else STALE."""
    if last_scan is not None and now - last_scan <= 2 * interval:
        return OK
    if now - started_at < interval:
        return STARTING
    return STALE


def last_scan_at() -> datetime.datetime | None:
    """When the last full reminder scan finished."""
    return (
        ScanRun.objects.filter(kind=ScanKind.REMINDERS, limited_to__isnull=True, finished_at__isnull=False)
        .order_by("-finished_at")
        .values_list("finished_at", flat=True)
        .first()
    )


def scheduler_health(now: datetime.datetime, *, cached: bool = False) -> SchedulerHealth:
    """The health of the reminder scans at `now`; cached=True reads the last scan time
    through the cache (for page renders; /healthz always asks the database)."""
    if not settings.SCHEDULER_HEALTH_CHECK:
        return SchedulerHealth(OFF, None)
    if cached:
        entry = cache.get(CACHE_KEY)
        if entry is None:
            entry = {"at": last_scan_at()}
            cache.set(CACHE_KEY, entry, CACHE_SECONDS)
        last = entry["at"]
    else:
        last = last_scan_at()
    started_at = apps.get_app_config("notifications").started_at
    interval = datetime.timedelta(minutes=settings.REMINDER_SCAN_MINUTES)
    return SchedulerHealth(judge(now, last, started_at, interval), last)


def broker_check(now: datetime.datetime) -> tuple[bool, dict]:
    """Open and close a connection to the Celery broker, with a short timeout."""
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=float(settings.HEALTH_BROKER_TIMEOUT))
        return True, {"broker": "ok"}
    except Exception as exc:  # kombu raises many kinds; all mean "down"
        return False, {"broker": exc.__class__.__name__}


def scheduler_check(now: datetime.datetime) -> tuple[bool, dict]:
    """Whether the reminder scans run; a database error here is reported by the database
    check, so it counts as unknown, not as stale."""
    try:
        health = scheduler_health(now)
    except Exception:  # the database is down: the database check names it
        health = SchedulerHealth("unknown", None)
    return health.healthy, {
        # "ok", "starting" (fresh start, no scan due yet), "stale", or "off" (not checked)
        "reminder_scans": health.state,
        "last_reminder_scan": health.last_scan.isoformat() if health.last_scan else None,
    }
