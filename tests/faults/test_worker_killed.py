"""A real Celery worker process, killed with SIGKILL in the middle of a digest batch, is
replaced by a new one: every recipient ends with exactly one digest.

The parts are real: `celery -A tracker worker` subprocesses on the suite's Redis, the test
database, and an SMTP server on loopback that answers each recipient (RCPT) slowly, as a
busy or tarpitting server does, so the kill lands while a digest is being handed over.

Why this works (tracker/notifications): a digest row is locked while its email is sent and
marked sent in the same transaction; a killed worker's transaction rolls back, so the row
stays pending. Beat's periodic scan queues pending rows again once
NOTIFY_REQUEUE_AFTER_MINUTES passed (and, the task being acknowledged late, Redis also
hands the unacknowledged message out again after the visibility timeout, though kombu
checks for those only every ~100 s). A second delivery of a digest finds the row sent and
skips it, so the rows queued twice are sent once.

Not covered, and not coverable over SMTP: a kill in the milliseconds between the server's
"250 accepted" and the commit leaves the row pending although the message went out; it is
sent again with the same Message-ID (digest-<id>@host), which mail clients use to drop the
copy. See docs/operations.md.
"""

import asyncio
import collections
import os
import signal
import subprocess
import sys
import time

import pytest
from aiosmtpd.controller import Controller
from django.db import connection, transaction
from django.utils import timezone

from tests import factories
from tests.notifications.conftest import free_port, wait_for
from tracker.celery import app as celery_app
from tracker.notifications import services, tasks
from tracker.notifications.models import Digest, Status

pytestmark = pytest.mark.django_db(transaction=True)

RECIPIENTS = 6
RCPT_DELAY = 1.0  # seconds the server takes to accept each recipient
VISIBILITY_TIMEOUT = 3  # seconds before Redis hands an unacknowledged message out again


class SlowRecipientHandler:
    """aiosmtpd handler: waits before accepting each recipient, keeps what it accepts."""

    def __init__(self) -> None:
        self.accepted: list[str] = []  # envelope recipients of accepted messages
        self.waiting = 0  # RCPT commands being delayed right now

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options) -> str:
        self.waiting += 1
        try:
            await asyncio.sleep(RCPT_DELAY)
        finally:
            self.waiting -= 1
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope) -> str:
        self.accepted.extend(envelope.rcpt_tos)
        return "250 2.0.0 Message accepted for delivery"


@pytest.fixture
def slow_smtp():
    handler = SlowRecipientHandler()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield handler, controller.port
    controller.stop()


def worker_environment(smtp_port: int) -> dict:
    """The worker reads the same settings as the suite, pointed at the test database."""
    database = connection.settings_dict
    return {
        **os.environ,
        "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port),
        "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT),
        "DEBUG": "0",
    }


class Workers:
    """Start `celery -A tracker worker` processes; kill them with SIGKILL."""

    def __init__(self, env: dict) -> None:
        self.env = env
        self.running: list[subprocess.Popen] = []

    def start(self, name: str) -> subprocess.Popen:
        command = [sys.executable, "-m", "celery", "-A", "tracker", "worker", "--pool=prefork"]
        command += ["--concurrency=1", "--loglevel=WARNING", "--without-gossip", "--without-mingle"]
        command += [f"--hostname={name}@%h"]
        # Its own process group (start_new_session): the kill reaches the pool child too.
        process = subprocess.Popen(command, env=self.env, start_new_session=True)  # noqa: S603
        self.running.append(process)
        return process

    def kill(self, process: subprocess.Popen) -> None:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(10)
        if all(started.poll() is not None for started in self.running):
            # PostgreSQL ends a killed worker's transaction, and with it the lock on the digest
            # it was sending, once it notices the closed connection; on a busy machine (the
            # suite runs in parallel) that can come after the requeue, which then skips the row.
            wait_for(digests_unlocked, timeout=30)

    def stop_all(self) -> None:
        for process in self.running:
            if process.poll() is None:
                self.kill(process)


def digests_unlocked() -> bool:
    """Whether no other session holds a lock on the digest table (a killed worker's session
    keeps its locks until PostgreSQL notices the closed connection)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_locks WHERE relation = %s::regclass AND pid <> pg_backend_pid()",
            [Digest._meta.db_table],
        )
        return cursor.fetchone()[0] == 0


@pytest.fixture
def workers(slow_smtp):
    assert celery_app.conf.broker_url.startswith("redis://"), "set REDIS_URL for the suite"
    celery_app.control.purge()
    started = Workers(worker_environment(slow_smtp[1]))
    yield started
    started.stop_all()
    celery_app.control.purge()


def requeue_stale_digests() -> list[int]:
    """What beat's periodic scan does for digests: queue pending rows enqueued long ago again."""
    with transaction.atomic():
        ids = services.take_stale(Digest, timezone.now())
    services.enqueue(tasks.send_digest, ids)
    return ids


def test_a_worker_killed_mid_batch_is_replaced_and_each_recipient_gets_one_digest(
    slow_smtp, workers, settings
):
    smtp, _ = slow_smtp
    emails = [f"officer{n}@example.org" for n in range(RECIPIENTS)]
    for n, address in enumerate(emails):
        user = factories.viewer(username=f"officer{n}", email=address)
        factories.FollowUpFactory(owner=user, due_on=timezone.localdate(), title=f"Send note {n}")

    first = workers.start("first")
    tasks.send_digests()  # the weekly run: records the rows, queues one task per digest
    assert Digest.objects.count() == RECIPIENTS

    # Kill once some digests went out and the next is waiting on the server.
    wait_for(lambda: len(smtp.accepted) >= 2 and smtp.waiting, timeout=60)
    workers.kill(first)
    sent_before_kill = len(smtp.accepted)
    assert sent_before_kill < RECIPIENTS, "the batch finished before the kill; slow the server down"
    assert Digest.objects.filter(status=Status.PENDING).exists()

    workers.start("second")
    # Beat's next scan, as if NOTIFY_REQUEUE_AFTER_MINUTES had passed: every pending row is
    # queued again, also those still waiting in the queue, so some are queued twice.
    settings.NOTIFY_REQUEUE_AFTER_MINUTES = 0
    assert requeue_stale_digests()
    try:
        wait_for(lambda: Digest.objects.filter(status=Status.SENT).count() == RECIPIENTS, timeout=90)
    except AssertionError:
        rows = list(Digest.objects.values_list("pk", "status", "attempts", "note"))
        raise AssertionError(f"not all sent: {rows}; the server accepted {smtp.accepted}") from None
    time.sleep(VISIBILITY_TIMEOUT + RCPT_DELAY * 2)  # time for a duplicate to show up, if any

    assert collections.Counter(smtp.accepted) == dict.fromkeys(emails, 1)
    rows = Digest.objects.all()
    assert {row.user.email for row in rows} == set(emails)
    assert all(row.status == Status.SENT and row.sent_at for row in rows)
