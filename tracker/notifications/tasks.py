"""Celery tasks: thin wrappers that call the plain functions with ids and the time.

Tasks take ids, not objects: the message may wait in the queue, and what is sent must be
read from the database when it runs (the follow-up may be closed by then).
"""

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from tracker.notifications import digests, reminders, services
from tracker.notifications.emails import SEND_ERRORS

# A mail error raises out of the task; Celery retries it after an exponentially growing,
# randomised ("full jitter") countdown of at most NOTIFY_RETRY_BACKOFF_MAX seconds, up to
# NOTIFY_MAX_RETRIES times. The last attempt records the row as failed instead of raising.
SEND_RETRY = {
    "bind": True,
    "autoretry_for": SEND_ERRORS,
    "retry_backoff": settings.NOTIFY_RETRY_BACKOFF,
    "retry_backoff_max": settings.NOTIFY_RETRY_BACKOFF_MAX,
    "retry_jitter": True,
    "max_retries": settings.NOTIFY_MAX_RETRIES,
}


@shared_task(name="notifications.scan_reminders")
def scan_reminders() -> None:
    """The periodic scan: record due reminder stages and enqueue them (see services)."""
    services.periodic_scan(
        timezone.now(),
        send_reminders=lambda ids: services.enqueue(send_reminder, ids),
        send_digests=lambda ids: services.enqueue(send_digest, ids),
    )


@shared_task(name="notifications.send_digests")
def send_digests() -> None:
    """The weekly run: record this week's digest of every recipient and enqueue them."""
    services.run_digest_scan(timezone.now(), then=lambda ids: services.enqueue(send_digest, ids))


@shared_task(name="notifications.send_reminder", **SEND_RETRY)
def send_reminder(self, reminder_id: int) -> str:
    """Send one recorded reminder."""
    final = self.request.retries >= self.max_retries
    return reminders.deliver(reminder_id, now=timezone.now(), final=final).value


@shared_task(name="notifications.send_digest", **SEND_RETRY)
def send_digest(self, digest_id: int) -> str:
    """Build and send one user's recorded weekly digest."""
    final = self.request.retries >= self.max_retries
    return digests.deliver(digest_id, now=timezone.now(), final=final).value
