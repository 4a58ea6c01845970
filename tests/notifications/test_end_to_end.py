"""With real parts: a Celery worker on the Redis broker runs the reminder and digest tasks,
and the emails arrive at an SMTP server on loopback; a refused first attempt is retried
and delivered once; a server that keeps refusing leaves a recorded failure."""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone

from tests import factories
from tests.notifications.conftest import wait_for
from tracker.notifications import tasks
from tracker.notifications.models import Digest, Reminder, ScanRun, Status

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def owner(settings):
    settings.REMINDER_EARLIEST_HOUR = 0  # whatever the hour the suite runs at
    user = factories.viewer(username="owner", email="owner@example.org", first_name="Oksana")
    factories.FollowUpFactory(owner=user, due_on=timezone.localdate(), title="Send the draft MoU")
    return user


@pytest.fixture
def reminders_only(owner):
    """The scan also sends the week's digests if their run was missed; keep them out."""
    owner.digest_opt_in = False
    owner.save()
    return owner


def test_the_worker_sends_the_digest_and_the_reminder_over_smtp(owner, smtp_server, celery_worker):
    tasks.send_digests.delay()  # what beat runs on Monday morning
    digest = wait_for(lambda: smtp_server.accepted[:1])[0]
    assert digest["To"] == "owner@example.org"
    assert digest["Subject"].startswith("Your weekly tracker digest")
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # The URL as such, not folded into an RFC 2047 encoded word that clients cannot use.
    assert b"\r\nList-Unsubscribe: <http://127.0.0.1:8000/notifications/unsubscribe/" in smtp_server.raw[0]
    assert digest.is_multipart()
    assert [part.get_content_type() for part in digest.walk()][1:] == ["text/plain", "text/html"]

    tasks.scan_reminders.delay()  # what beat runs every 15 minutes
    wait_for(lambda: len(smtp_server.accepted) == 2)
    reminder = smtp_server.accepted[1]
    assert reminder["Subject"] == "Due today: “Send the draft MoU”"
    assert reminder["X-Envelope-To"] == "owner@example.org"
    wait_for(lambda: Reminder.objects.filter(status=Status.SENT).exists())
    assert Digest.objects.get().status == Status.SENT
    assert ScanRun.objects.filter(kind="reminders").count() == 1

    tasks.scan_reminders.delay()  # beat again: nothing new
    wait_for(lambda: ScanRun.objects.filter(kind="reminders").count() == 2)
    tasks.send_digests.delay()
    wait_for(lambda: ScanRun.objects.filter(kind="digests").count() == 2)
    assert len(smtp_server.accepted) == 2


def test_a_refused_first_attempt_is_retried_and_delivered_once(reminders_only, smtp_server, celery_worker):
    smtp_server.refuse_first = 1
    tasks.scan_reminders.delay()
    reminder = wait_for(lambda: Reminder.objects.filter(status=Status.SENT).first())
    assert smtp_server.refused == 1
    assert len(smtp_server.accepted) == 1
    assert reminder.attempts == 2
    assert "451" in reminder.last_error  # what the first attempt met


def test_a_mail_server_that_keeps_refusing_ends_in_a_recorded_failure(
    reminders_only, smtp_server, celery_worker
):
    smtp_server.refuse_always = True
    tasks.scan_reminders.delay()
    reminder = wait_for(lambda: Reminder.objects.filter(status=Status.FAILED).first(), timeout=60)
    assert reminder.attempts == settings.NOTIFY_MAX_RETRIES + 1
    assert reminder.sent_at is None
    assert "451" in reminder.last_error
    assert smtp_server.accepted == []
    assert smtp_server.refused == settings.NOTIFY_MAX_RETRIES + 1


def test_a_digest_refused_once_is_delivered_once(owner, smtp_server, celery_worker):
    smtp_server.refuse_first = 1
    tasks.send_digests.delay()
    digest = wait_for(lambda: Digest.objects.filter(status=Status.SENT).first())
    assert (digest.attempts, smtp_server.refused, len(smtp_server.accepted)) == (2, 1, 1)
    assert digest.sent_at.date() >= timezone.localdate() - datetime.timedelta(days=1)
