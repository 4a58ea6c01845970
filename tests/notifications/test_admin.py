"""The admin lists reminders, digests and scheduler runs, read-only, with filters; failed
emails can be queued again."""

import pytest
from django.utils import timezone

from tests import factories
from tests.notifications.broker import queued_task_names
from tests.notifications.conftest import scan
from tracker.celery import app as celery_app
from tracker.notifications.models import Reminder, Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(factories.coordinator(username="root", is_staff=True, is_superuser=True))
    return client


@pytest.fixture
def reminders_recorded():
    owner = factories.viewer(username="owner", email="owner@example.org")
    for n in range(3):
        factories.FollowUpFactory(owner=owner, due_on=timezone.localdate(), title=f"Task {n}")
    scan(timezone.now(), earliest_hour=0)
    first, second, third = Reminder.objects.order_by("id")
    Reminder.objects.filter(pk=first.pk).update(
        status=Status.FAILED, attempts=6, last_error="SMTPDataError 451"
    )
    Reminder.objects.filter(pk=second.pk).update(status=Status.SENT, sent_at=timezone.now())
    return first, second, third


def test_the_reminder_list_filters_by_status(admin_client, reminders_recorded):
    page = admin_client.get("/admin/notifications/reminder/?status__exact=failed")
    assert page.status_code == 200
    assert "SMTPDataError 451" in page.text
    assert page.context["cl"].result_count == 1
    assert admin_client.get("/admin/notifications/reminder/").context["cl"].result_count == 3


def test_the_lists_are_read_only(admin_client, reminders_recorded):
    first = reminders_recorded[0]
    assert admin_client.get("/admin/notifications/reminder/add/").status_code == 403
    page = admin_client.get(f"/admin/notifications/reminder/{first.pk}/change/")
    assert page.status_code == 200
    assert 'type="submit" value="Save"' not in page.text
    assert (
        admin_client.post(f"/admin/notifications/reminder/{first.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    assert admin_client.get("/admin/notifications/scanrun/").status_code == 200
    assert admin_client.get("/admin/notifications/digest/").status_code == 200


def test_failed_reminders_can_be_queued_again(
    admin_client, reminders_recorded, django_capture_on_commit_callbacks
):
    celery_app.control.purge()
    first, second, _third = reminders_recorded
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            "/admin/notifications/reminder/",
            {"action": "send_again", "_selected_action": [first.pk, second.pk]},
            follow=True,
        )
    assert "1 email queued again." in response.text
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, first.last_error) == (Status.PENDING, "")
    assert second.status == Status.SENT
    assert queued_task_names() == ["notifications.send_reminder"]
    celery_app.control.purge()
