"""Each reminder stage is sent once even when two scans run at the same moment, each in
its own thread with its own PostgreSQL connection (beat firing twice, two workers)."""

import collections
import datetime
import threading
import time

import pytest
from django.db import connection, transaction
from django.utils import timezone

from tests import factories
from tests.notifications.conftest import run_in_threads
from tracker.notifications import digests, reminders, services
from tracker.notifications.models import Digest, Reminder, ScanRun

pytestmark = pytest.mark.django_db(transaction=True)

NOW_POLICY = {"earliest_hour": 0}


def scan_and_send_now() -> int:
    """A whole scan with immediate sending, as the command does; returns emails sent."""
    sent = 0

    def send(ids):
        nonlocal sent
        for pk in ids:
            sent += reminders.deliver(pk, now=timezone.now(), final=True) == "sent"

    services.run_reminder_scan(timezone.now(), then=send, policy=reminders.Policy.from_settings(**NOW_POLICY))
    return sent


@pytest.fixture
def due_today():
    owner = factories.viewer(username="owner", email="owner@example.org")
    today = timezone.localdate()
    return [factories.FollowUpFactory(owner=owner, due_on=today, title=f"Task {n}") for n in range(30)]


def test_two_scans_started_together_send_each_stage_once(due_today, mailoutbox):
    sent = run_in_threads(scan_and_send_now, scan_and_send_now)
    assert sum(sent) == 30
    titles = collections.Counter(message.subject for message in mailoutbox)
    assert len(titles) == 30 and set(titles.values()) == {1}
    assert Reminder.objects.filter(status="sent").count() == 30
    assert ScanRun.objects.count() == 2


def test_a_scan_waits_for_an_overlapping_scans_claims_and_then_claims_nothing(due_today, mailoutbox):
    """The first scan holds its claims in an open transaction while the second scan runs;
    the second's inserts wait on the unique index and, once the first commits, do nothing."""
    claimed = threading.Event()
    release = threading.Event()
    results = {}

    def slow_first():
        with transaction.atomic():  # one long transaction around the whole scan
            services.run_reminder_scan(
                timezone.now(),
                then=lambda ids: results.setdefault("first", ids),
                policy=reminders.Policy.from_settings(**NOW_POLICY),
            )
            results["handed on before the commit"] = "first" in results
            claimed.set()
            release.wait(10)
        connection.close()

    def second():
        claimed.wait(10)
        results["second"] = scan_and_send_now()
        connection.close()

    first_thread = threading.Thread(target=slow_first)
    second_thread = threading.Thread(target=second)
    first_thread.start()
    second_thread.start()
    time.sleep(1)  # the second scan is now blocked on the first one's uncommitted rows
    assert "second" not in results
    release.set()
    first_thread.join(20)
    second_thread.join(20)
    assert results["handed on before the commit"] is False  # enqueued only after commit
    assert len(results["first"]) == 30
    assert results["second"] == 0
    for pk in results["first"]:
        reminders.deliver(pk, now=timezone.now(), final=True)
        reminders.deliver(pk, now=timezone.now(), final=True)  # a redelivered task
    assert len(mailoutbox) == 30


def test_the_same_reminder_delivered_by_two_workers_at_once_is_sent_once(due_today, mailoutbox):
    ids: list[int] = []
    services.run_reminder_scan(
        timezone.now(), then=ids.extend, policy=reminders.Policy.from_settings(**NOW_POLICY)
    )
    some = ids[:5]  # two threads per reminder, each with its own connection
    outcomes = run_in_threads(
        *[
            lambda pk=pk: reminders.deliver(pk, now=timezone.now(), final=True)
            for pk in some
            for _ in range(2)
        ]
    )
    assert collections.Counter(outcomes) == {"sent": 5, "skipped": 5}
    assert len(mailoutbox) == 5


def test_two_digest_runs_at_once_send_each_digest_once(mailoutbox):
    for n in range(10):
        reader = factories.viewer(username=f"reader{n}", email=f"reader{n}@example.org")
        factories.FollowUpFactory(owner=reader, due_on=timezone.localdate() - datetime.timedelta(days=3))

    def run():
        ids: list[int] = []
        services.run_digest_scan(timezone.now(), then=ids.extend)
        return [digests.deliver(pk, now=timezone.now(), final=True) for pk in ids]

    outcomes = run_in_threads(run, run)
    assert (
        sorted(len(o) for o in outcomes) in ([0, 10], [4, 6], [5, 5]) or sum(len(o) for o in outcomes) == 10
    )
    assert sum(len(o) for o in outcomes) == 10
    assert len(mailoutbox) == 10
    assert Digest.objects.count() == 10
