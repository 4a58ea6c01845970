"""Weekly digest and reminder scan: measured in-process by calling tracker.notifications'
own functions (the ones the Celery tasks call), each run inside a transaction that is
rolled back, so the benchmark database stays as generated and every run measures the
same work: every recipient's digest is due, every reminder stage is new.
"""

import datetime
import time
import tracemalloc

from django.core import mail
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext, override_settings

from tracker.notifications import digests, services
from tracker.notifications.models import Reminder, ScanKind, ScanRun

# The table the reminder scan inserts into, as its SQL names it.
REMINDERS = f'"{Reminder._meta.db_table}"'
LOCMEM_MAIL = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}


def notifications_available() -> bool:
    """Kept for bench/run.py: the notifications app is part of the tracker now."""
    return True


def claim_digests(now: datetime.datetime, limit: int | None) -> list[int]:
    """Record this week's pending digests, as the weekly run does; the first `limit` ids."""
    scan = ScanRun.objects.create(kind=ScanKind.DIGESTS, started_at=now)
    ids = digests.claim(now, scan=scan)
    return ids[:limit] if limit else ids


def send_digest(digest_id: int, now: datetime.datetime) -> None:
    """Build and send one recorded digest, exactly as the send_digest task does."""
    digests.deliver(digest_id, now=now, final=True)


def run_reminder_scan(now: datetime.datetime) -> None:
    """One reminder scan, as the periodic task runs it (without enqueueing the sends)."""
    services.run_reminder_scan(now, then=lambda ids: None)


class _Rollback(Exception):
    pass


def _rolled_back(work):
    """Run work() in a transaction that is rolled back; return what it returned."""
    box = []
    try:
        with transaction.atomic():
            box.append(work())
            raise _Rollback
    except _Rollback:
        pass
    return box[0]


def measure_digest(now: datetime.datetime, *, limit: int | None = None) -> dict:
    """Total and per-recipient time, queries per recipient, and peak Python memory."""

    def timed() -> tuple[int, float, list[int]]:
        ids = claim_digests(now, limit)
        per_recipient = []
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            for pk in ids:
                before = len(queries)
                send_digest(pk, now)
                per_recipient.append(len(queries) - before)
                _empty_outbox()
            seconds = time.perf_counter() - started
        return len(ids), seconds, per_recipient

    def traced() -> int:
        # A second pass under tracemalloc (which slows Python down) for the memory figure.
        ids = claim_digests(now, limit)
        tracemalloc.start()
        for pk in ids:
            send_digest(pk, now)
            _empty_outbox()
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return peak

    with override_settings(MAILERS=LOCMEM_MAIL):
        count, seconds, per_recipient = _rolled_back(timed)
        peak = _rolled_back(traced)
    return {
        "recipients": count,
        "seconds": round(seconds, 2),
        "ms_per_recipient": round(seconds * 1000 / max(1, count), 2),
        "queries": sum(per_recipient),
        "queries_per_recipient_max": max(per_recipient, default=0),
        "queries_per_recipient_mean": round(sum(per_recipient) / max(1, count), 2),
        "peak_memory_kib": round(peak / 1024),
    }


def _empty_outbox() -> None:
    """The locmem backend keeps every message; drop them so memory shows the digest's own use."""
    if hasattr(mail, "outbox"):
        mail.outbox.clear()


def measure_reminder_scan(now: datetime.datetime) -> dict:
    """How long a scan takes when every due stage is new (the worst case, e.g. the first
    scan after a long outage) and right after it (the usual case), and the plan of the
    statement that records the stages."""
    statements = []

    def timed() -> dict:
        figures = {}
        for name in ("seconds", "seconds_repeat"):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                run_reminder_scan(now)
                figures[name] = round(time.perf_counter() - started, 3)
            figures.setdefault("queries", len(queries))
            statements.extend(q["sql"] for q in queries.captured_queries)
        figures["claimed"] = Reminder.objects.count()
        return figures

    def explain() -> str:
        # The scan's own INSERT ... SELECT, as it ran the first time (rolled back again).
        insert = next(sql for sql in statements if sql.lstrip().startswith(f"INSERT INTO {REMINDERS}"))
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE) " + insert)
            return "\n".join(row[0] for row in cursor.fetchall())

    with override_settings(MAILERS=LOCMEM_MAIL):
        figures = _rolled_back(timed)
        plan = _rolled_back(explain)
    _empty_outbox()
    return {**figures, "explain": plan}
