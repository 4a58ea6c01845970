"""Weekly digest and reminder scan: measured in-process, through hooks into tracker.notifications.

The notifications app is built elsewhere. Until it is merged the benchmark prints
"not available yet" and goes on; once it exists, the four functions between the LEAD
markers must call it (they raise until then, so a half-done merge fails loudly).
"""

import datetime
import importlib.util
import time
import tracemalloc

from django.core import mail
from django.db import connection
from django.db.models import QuerySet
from django.test.utils import CaptureQueriesContext, override_settings

from tracker.accounts.models import User

LOCMEM_MAIL = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}


def notifications_available() -> bool:
    """True once the tracker.notifications app is in the code."""
    return importlib.util.find_spec("tracker.notifications") is not None


# ---- LEAD: fill these in when tracker/notifications is merged ------------------------------


def digest_recipients() -> QuerySet:
    """Everyone the weekly digest goes to (use the app's own rule if it has one)."""
    return User.objects.filter(is_active=True, digest_opt_in=True).order_by("pk")


def send_digest(user: User, today: datetime.date) -> None:
    """Build and send one user's weekly digest, exactly as the weekly task does per recipient."""
    raise NotImplementedError("bench/hooks.py: call tracker.notifications' digest for one user")


def run_reminder_scan(now: datetime.datetime) -> None:
    """Run the reminder scan once, as its periodic task does."""
    raise NotImplementedError("bench/hooks.py: call tracker.notifications' reminder scan")


def reminder_scan_queryset(now: datetime.datetime) -> QuerySet:
    """The query the reminder scan runs, for EXPLAIN ANALYZE."""
    raise NotImplementedError("bench/hooks.py: return the reminder scan's queryset")


# ---- end of LEAD -----------------------------------------------------------------------------


def measure_digest(today: datetime.date) -> dict:
    """Total and per-recipient time, queries per recipient, and peak Python memory."""
    recipients = list(digest_recipients())
    per_recipient = []
    with override_settings(MAILERS=LOCMEM_MAIL), CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        for user in recipients:
            before = len(queries)
            send_digest(user, today)
            per_recipient.append(len(queries) - before)
            _empty_outbox()
        seconds = time.perf_counter() - started
    # A second pass under tracemalloc (which slows Python down) for the memory figure.
    with override_settings(MAILERS=LOCMEM_MAIL):
        tracemalloc.start()
        for user in recipients:
            send_digest(user, today)
            _empty_outbox()
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    count = max(1, len(recipients))
    return {
        "recipients": len(recipients),
        "seconds": round(seconds, 2),
        "ms_per_recipient": round(seconds * 1000 / count, 2),
        "queries": sum(per_recipient),
        "queries_per_recipient_max": max(per_recipient, default=0),
        "queries_per_recipient_mean": round(sum(per_recipient) / count, 2),
        "peak_memory_kib": round(peak / 1024),
    }


def _empty_outbox() -> None:
    """The locmem backend keeps every message; drop them so memory shows the digest's own use."""
    if hasattr(mail, "outbox"):
        mail.outbox.clear()


def measure_reminder_scan(now: datetime.datetime) -> dict:
    """How long one scan takes, and the plan of its query."""
    with override_settings(MAILERS=LOCMEM_MAIL), CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        run_reminder_scan(now)
        seconds = time.perf_counter() - started
    _empty_outbox()
    plan = reminder_scan_queryset(now).explain(analyze=True)
    return {"seconds": round(seconds, 3), "queries": len(queries), "explain": plan}
