"""The database is the schedule: with Redis down, saving in the app still works, reminders
stay recorded as pending, and a scan after Redis is back puts them on the queue."""

import datetime

import pytest
from django.test import TestCase
from django.utils import timezone

from tests import factories
from tests.notifications.broker import queued_task_names
from tracker.celery import app as celery_app
from tracker.followups import services as followup_services
from tracker.followups.models import State
from tracker.history.editing import ANY_VERSION
from tracker.notifications import tasks
from tracker.notifications.models import Reminder, Status

pytestmark = pytest.mark.django_db


def reset_broker_connections() -> None:
    # Celery keeps a pool of broker connections per process (as after a fork, drop them).
    celery_app._after_fork()


@pytest.fixture
def broker():
    """Switch the broker off and on; the queue starts and ends empty."""
    saved = celery_app.conf.broker_url
    celery_app.control.purge()

    class Switch:
        def down(self):
            celery_app.conf.broker_url = "redis://127.0.0.1:1/0"  # nothing listens there
            reset_broker_connections()

        def up(self):
            celery_app.conf.broker_url = saved
            reset_broker_connections()

    yield Switch()
    Switch().up()
    celery_app.control.purge()


def test_saving_follow_ups_works_while_the_broker_is_down(broker, coordinator):
    broker.down()
    followup = factories.FollowUpFactory(owner=coordinator, due_on=timezone.localdate())
    followup_services.reschedule(
        followup,
        due_on=timezone.localdate() + datetime.timedelta(days=1),
        reason="Later",
        by=coordinator,
        expected_version=ANY_VERSION,
    )
    followup_services.set_state(followup, state=State.DONE, by=coordinator, expected_version=ANY_VERSION)
    followup.refresh_from_db()
    assert followup.state == State.DONE


def test_reminders_recorded_while_the_broker_is_down_are_queued_once_it_is_back(broker, settings, caplog):
    settings.REMINDER_EARLIEST_HOUR = 0
    owner = factories.viewer(username="owner", email="owner@example.org")
    for n in range(3):
        factories.FollowUpFactory(owner=owner, due_on=timezone.localdate(), title=f"Task {n}")
    broker.down()
    with TestCase.captureOnCommitCallbacks(execute=True):
        tasks.scan_reminders()  # what beat runs; called here in this process
    assert "Could not enqueue notifications.send_reminder" in caplog.text
    assert list(Reminder.objects.values_list("status", flat=True)) == [Status.PENDING] * 3

    broker.up()
    settings.NOTIFY_REQUEUE_AFTER_MINUTES = 0  # as if the requeue delay had passed
    with TestCase.captureOnCommitCallbacks(execute=True):
        tasks.scan_reminders()
    assert queued_task_names().count("notifications.send_reminder") == 3
    settings.NOTIFY_REQUEUE_AFTER_MINUTES = 30
    with TestCase.captureOnCommitCallbacks(execute=True):
        tasks.scan_reminders()  # just queued: not taken again before the requeue delay
    assert queued_task_names().count("notifications.send_reminder") == 3
