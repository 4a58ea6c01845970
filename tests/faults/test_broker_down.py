"""The web with the Celery broker down (pointed at a closed port; the machine's Redis keeps
running for others): pages answer, saves through the views commit with their history
(on-commit hooks run: the transactions are real), /healthz answers 503 naming the broker,
and the reminders recorded meanwhile reach the mail server through a real worker once
the broker is back.

tests/notifications/test_broker_down.py covers the services (follow-up saves, the scan
recording pending reminders and queueing them again); tests/core/test_health.py the 503.
"""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from tests import factories
from tests.notifications.conftest import celery_worker, smtp_server, wait_for  # noqa: F401 (fixtures)
from tracker.celery import app as celery_app
from tracker.history.models import Change
from tracker.notifications import tasks
from tracker.notifications.models import Reminder, Status
from tracker.projects.models import Project

pytestmark = pytest.mark.django_db(transaction=True)

CLOSED_PORT = "redis://127.0.0.1:1/0"  # nothing listens there


@pytest.fixture
def broker_down():
    """Point this process's Celery app at a closed port; put it back afterwards."""
    saved = celery_app.conf.broker_url
    celery_app.conf.broker_url = CLOSED_PORT
    celery_app._after_fork()  # drop pooled connections to the real broker

    def back_up() -> None:
        celery_app.conf.broker_url = saved
        celery_app._after_fork()

    yield back_up
    back_up()


@pytest.fixture
def signed_in(db):
    coordinator = factories.coordinator(username="broker-coordinator", email="coord@example.org")
    client = Client()
    client.force_login(coordinator)
    return client, coordinator


def test_pages_answer_and_healthz_names_the_broker(broker_down, signed_in):
    client, _ = signed_in
    project = factories.ProjectFactory()
    for url in (
        "/",
        "/projects/",
        f"/projects/{project.pk}/",
        "/commitments/",
        "/follow-ups/",
        "/search/?q=x",
    ):
        assert client.get(url).status_code == 200, url
    health = client.get("/healthz")
    assert health.status_code == 503
    assert health.json()["broker"] != "ok"
    assert health.json()["database"] == "ok"


def test_an_htmx_status_update_commits_with_its_history(broker_down, signed_in):
    client, coordinator = signed_in
    project = factories.ProjectFactory()
    response = client.post(
        f"/projects/{project.pk}/status/",
        {"status": "on_hold", "comment": "Waiting for the partner", "version": project.version},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert Project.objects.get(pk=project.pk).status == "on_hold"
    assert Change.objects.filter(project=project, actor=coordinator).exists()


def test_a_contact_with_follow_ups_is_logged(broker_down, signed_in):
    client, coordinator = signed_in
    country = factories.CountryFactory(code="PL")
    response = client.post(
        "/contacts/new/",
        {
            "country": country.pk,
            "held_on": str(timezone.localdate()),
            "channel": "call",
            "counterpart_organisation": "Ministry of National Defence",
            "summary": "Agreed to send the list of needs",
            "followups-TOTAL_FORMS": "1",
            "followups-INITIAL_FORMS": "0",
            "followups-0-title": "Send the list of needs",
            "followups-0-owner": str(coordinator.pk),
            "followups-0-due_on": str(timezone.localdate() + datetime.timedelta(days=2)),
        },
    )
    assert response.status_code == 302
    assert coordinator.followups.get().title == "Send the list of needs"


def test_reminders_recorded_while_down_are_delivered_once_the_broker_is_back(
    broker_down,
    settings,
    smtp_server,  # noqa: F811 (the fixture imported above)
    request,
):
    settings.REMINDER_EARLIEST_HOUR = 0
    owner = factories.viewer(username="reminded", email="reminded@example.org", digest_opt_in=False)
    factories.FollowUpFactory(owner=owner, due_on=timezone.localdate(), title="Send the draft MoU")

    tasks.scan_reminders()  # what beat runs, here while the broker is down
    assert list(Reminder.objects.values_list("status", flat=True)) == [Status.PENDING]
    assert smtp_server.accepted == []

    broker_down()  # Redis is reachable again; a worker starts
    request.getfixturevalue("celery_worker")
    settings.NOTIFY_REQUEUE_AFTER_MINUTES = 0  # as if the requeue delay had passed
    tasks.scan_reminders()
    wait_for(lambda: Reminder.objects.filter(status=Status.SENT).exists())
    assert [m["To"] for m in smtp_server.accepted] == ["reminded@example.org"]
