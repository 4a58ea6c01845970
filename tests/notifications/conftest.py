"""Fixtures of the notification tests: stand-in page routes for links, a real SMTP server
on loopback, a real Celery worker on the Redis broker, and time helpers."""

import datetime
import email
import socket
import threading
import time
from email.message import Message
from email.policy import default
from zoneinfo import ZoneInfo

import pytest
from aiosmtpd.controller import Controller
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from django.core.cache import cache
from django.db import connections
from django.test import TestCase

from tracker.celery import app as celery_app
from tracker.notifications import digests, reminders, services

KYIV = ZoneInfo("Europe/Kyiv")


def kyiv(*args) -> datetime.datetime:
    """A moment given in Kyiv wall-clock time: kyiv(2026, 5, 15, 9) is 09:00 on 15 May."""
    return datetime.datetime(*args, tzinfo=KYIV)


@pytest.fixture(autouse=True)
def fresh_cache():
    """The scheduler banner caches the last scan time; each test starts without it."""
    cache.clear()
    yield
    cache.clear()


def scan(now: datetime.datetime, **policy) -> list[int]:
    """One reminder scan at `now`; returns the ids it handed on (nothing is sent)."""
    handed: list[int] = []
    # Tests run inside a transaction that never commits: run the on-commit hand-over here.
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.run_reminder_scan(now, then=handed.extend, policy=reminders.Policy.from_settings(**policy))
    return handed


def scan_and_send(now: datetime.datetime, **policy) -> list[str]:
    """One reminder scan at `now`, sending what it records at once; returns the outcomes."""
    return [reminders.deliver(pk, now=now, final=True).value for pk in scan(now, **policy)]


def digest_scan(now: datetime.datetime, user=None) -> list[int]:
    """One weekly digest run at `now`; returns the ids it handed on (nothing is sent)."""
    handed: list[int] = []
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.run_digest_scan(now, then=handed.extend, user=user)
    return handed


def digest_run(now: datetime.datetime, user=None) -> list[str]:
    """One weekly digest run at `now`, sending what it records at once."""
    return [digests.deliver(pk, now=now, final=True).value for pk in digest_scan(now, user)]


# A real SMTP server


class RecordingHandler:
    """aiosmtpd handler that keeps what it accepts and can refuse with a temporary error."""

    def __init__(self) -> None:
        self.accepted: list[Message] = []
        self.raw: list[bytes] = []
        self.refused = 0
        self.refuse_first = 0
        self.refuse_always = False
        self.refuse_for_good = False

    async def handle_DATA(self, server, session, envelope) -> str:
        if self.refuse_for_good:
            self.refused += 1
            return "550 5.7.1 Message refused by policy"
        if self.refuse_always or self.refused < self.refuse_first:
            self.refused += 1
            return "451 4.3.0 Mail server busy, try again later"
        self.raw.append(envelope.original_content or envelope.content)
        message = email.message_from_bytes(self.raw[-1], policy=default)
        message["X-Envelope-To"] = ", ".join(envelope.rcpt_tos)
        self.accepted.append(message)
        return "250 2.0.0 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    """An SMTP server on a free loopback port, and Django's mailer pointed at it."""
    handler = RecordingHandler()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": controller.hostname, "port": controller.port, "timeout": 10},
        }
    }
    yield handler
    controller.stop()


# A real Celery worker on the Redis broker of REDIS_URL


def _close_db_connections(**kwargs) -> None:
    # The worker thread has its own database connections; close them after each task so
    # none outlives the test (the test database is flushed and finally dropped).
    connections.close_all()


@pytest.fixture
def celery_worker():
    """A Celery worker in a thread of this process, consuming from the Redis broker."""
    assert celery_app.conf.broker_url.startswith("redis://"), "set REDIS_URL for the suite"
    celery_app.control.purge()  # messages left by an interrupted earlier run
    task_postrun.connect(_close_db_connections, weak=False)
    try:
        with start_worker(
            celery_app, perform_ping_check=False, pool="solo", loglevel="WARNING", shutdown_timeout=30
        ) as worker:
            yield worker
    finally:
        task_postrun.disconnect(_close_db_connections)
        celery_app.control.purge()


def wait_for(condition, timeout: float = 30.0, interval: float = 0.1):
    """Poll until condition() is truthy and return its value; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"Not reached within {timeout} s: {condition.__doc__ or condition}")


def run_in_threads(*functions) -> list:
    """Run functions at the same moment, each in its own thread (with its own database
    connection); return their results; re-raise the first error."""
    barrier = threading.Barrier(len(functions))
    results: list = [None] * len(functions)
    errors: list = []

    def run(index, function):
        try:
            barrier.wait()
            results[index] = function()
        except Exception as exc:  # handed to the test thread below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, f)) for i, f in enumerate(functions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    if errors:
        raise errors[0]
    return results
