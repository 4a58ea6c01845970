"""The scans that turn the database into email work, run by beat every few minutes (and
by the management commands). The database is the schedule: a scan records what is due,
then hands the recorded ids to a callback after its transaction commits (the tasks put
them on the queue; the commands send them at once). Nothing waits in the broker for
longer than a retry countdown, so losing the broker loses no email: rows stay pending
and a later scan enqueues them again."""

import datetime
import logging
from collections.abc import Callable, Iterable

from django.conf import settings
from django.db import models, transaction

from tracker.accounts.models import User
from tracker.notifications import digests, reminders
from tracker.notifications.models import Digest, Reminder, ScanKind, ScanRun, Status

logger = logging.getLogger(__name__)

Then = Callable[[list[int]], object]
KEEP_SCAN_RUNS = datetime.timedelta(days=30)
STALE_BATCH = 500


def enqueue(task, ids: Iterable[int]) -> int:
    """Put one task per id on the queue and return how many went.

    When the broker is down this logs and stops instead of raising: the rows stay
    pending, and the scan enqueues them again once NOTIFY_REQUEUE_AFTER_MINUTES passed.
    """
    ids = list(ids)
    for count, pk in enumerate(ids):
        try:
            task.delay(pk)
        except Exception:  # kombu raises many kinds; all mean "not queued now"
            logger.warning(
                "Could not enqueue %s for %s of %s rows; the reminder scan retries them later",
                task.name,
                len(ids) - count,
                len(ids),
                exc_info=True,
            )
            return count
    return len(ids)


def take_stale(model: type[models.Model], now: datetime.datetime) -> list[int]:
    """Ids of pending rows enqueued long ago, marked as enqueued now.

    skip_locked: a row whose task is sending right now is locked and not taken, and two
    scans at once never take the same row.
    """
    cutoff = now - datetime.timedelta(minutes=settings.NOTIFY_REQUEUE_AFTER_MINUTES)
    ids = list(
        model.objects.filter(status=Status.PENDING, enqueued_at__lt=cutoff)
        .order_by("enqueued_at", "id")
        .select_for_update(skip_locked=True)
        .values_list("pk", flat=True)[:STALE_BATCH]
    )
    if ids:
        model.objects.filter(pk__in=ids).update(enqueued_at=now)
    return ids


def run_reminder_scan(
    now: datetime.datetime,
    *,
    then: Then,
    policy: reminders.Policy | None = None,
    owner: User | None = None,
) -> ScanRun:
    """Record the reminder stages due now, take stale pending reminders, and record the
    scan as the scheduler's heartbeat; `then(ids)` runs after the commit."""
    policy = policy or reminders.Policy.from_settings()
    with transaction.atomic():
        scan = ScanRun.objects.create(kind=ScanKind.REMINDERS, started_at=now, limited_to=owner)
        claimed = reminders.claim(now, policy, scan=scan, owner=owner)
        stale = take_stale(Reminder, now) if owner is None else []
        scan.claimed, scan.requeued, scan.finished_at = len(claimed), len(stale), now
        scan.save(update_fields=["claimed", "requeued", "finished_at"])
        if owner is None:
            ScanRun.objects.filter(started_at__lt=now - KEEP_SCAN_RUNS).delete()
        transaction.on_commit(lambda: then(claimed + stale))
    return scan


def run_digest_scan(now: datetime.datetime, *, then: Then, user: User | None = None) -> ScanRun:
    """Record this week's pending digest of every recipient who has none yet; `then(ids)`
    runs after the commit."""
    with transaction.atomic():
        scan = ScanRun.objects.create(kind=ScanKind.DIGESTS, started_at=now, limited_to=user)
        claimed = digests.claim(now, scan=scan, user=user)
        scan.claimed, scan.finished_at = len(claimed), now
        scan.save(update_fields=["claimed", "finished_at"])
        transaction.on_commit(lambda: then(claimed))
    return scan


def digest_run_missed(now: datetime.datetime) -> bool:
    """Whether this week's digests are due and no full digest run has happened since."""
    moment = digests.Week.containing(now).send_at()
    return (
        now >= moment
        and not ScanRun.objects.filter(
            kind=ScanKind.DIGESTS, limited_to__isnull=True, started_at__gte=moment
        ).exists()
    )


def periodic_scan(now: datetime.datetime, *, send_reminders: Then, send_digests: Then) -> None:
    """What beat runs every REMINDER_SCAN_MINUTES: the reminder scan; stale digests; and
    the weekly digest run if beat could not start it on time (broker or workers down)."""
    run_reminder_scan(now, then=send_reminders)
    with transaction.atomic():
        stale = take_stale(Digest, now)
        transaction.on_commit(lambda: send_digests(stale))
    if digest_run_missed(now):
        logger.warning("The weekly digest run did not happen on time; running it now")
        run_digest_scan(now, then=send_digests)
