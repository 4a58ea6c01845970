"""A scheduler that silently stopped is visible: /healthz answers 503 when the last
reminder scan is older than twice its interval, and coordinators see a banner."""

import datetime

import pytest
import time_machine
from django.apps import apps
from django.utils import timezone

from tests import factories
from tests.notifications.conftest import scan
from tracker.notifications import reminders, services
from tracker.notifications.health import OK, STALE, STARTING, judge

pytestmark = pytest.mark.django_db

MINUTE = datetime.timedelta(minutes=1)
INTERVAL = 15 * MINUTE


@pytest.fixture(autouse=True)
def check_on(settings):
    settings.SCHEDULER_HEALTH_CHECK = True
    settings.REMINDER_SCAN_MINUTES = 15


@pytest.fixture
def long_running():
    """A moment long after this process started, so no fresh-start grace applies."""
    return timezone.now() + datetime.timedelta(days=1)


def test_judge_the_age_of_the_last_scan():
    start = timezone.now()
    later = start + datetime.timedelta(hours=5)
    assert judge(later, later - 30 * MINUTE, start, INTERVAL) == OK
    assert judge(later, later - 31 * MINUTE, start, INTERVAL) == STALE
    assert judge(later, None, start, INTERVAL) == STALE
    assert judge(start + 14 * MINUTE, None, start, INTERVAL) == STARTING  # fresh start
    assert judge(start + 15 * MINUTE, None, start, INTERVAL) == STALE
    assert judge(start + 5 * MINUTE, start - datetime.timedelta(days=3), start, INTERVAL) == STARTING


@pytest.mark.parametrize(
    ("age", "status", "state"),
    [(20 * MINUTE, 200, "ok"), (30 * MINUTE, 200, "ok"), (31 * MINUTE, 503, "stale")],
)
def test_healthz_reports_the_last_scan_and_fails_when_it_is_older_than_two_intervals(
    client, long_running, age, status, state
):
    scanned_at = long_running - age
    scan(scanned_at)
    with time_machine.travel(long_running, tick=False):
        response = client.get("/healthz")
    assert response.status_code == status
    body = response.json()
    assert (body["status"], body["reminder_scans"]) == ("ok" if status == 200 else "fail", state)
    assert datetime.datetime.fromisoformat(body["last_reminder_scan"]) == scanned_at


def test_a_fresh_start_is_healthy_until_one_interval_has_passed(client):
    started_at = apps.get_app_config("notifications").started_at
    with time_machine.travel(started_at + 14 * MINUTE, tick=False):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["reminder_scans"] == "starting"
    with time_machine.travel(started_at + 16 * MINUTE, tick=False):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["last_reminder_scan"] is None


def test_a_scan_limited_to_one_user_is_not_a_heartbeat(client, long_running):
    owner = factories.viewer(username="owner")
    services.run_reminder_scan(
        long_running - MINUTE, then=lambda ids: None, policy=reminders.Policy.from_settings(), owner=owner
    )
    with time_machine.travel(long_running, tick=False):
        assert client.get("/healthz").status_code == 503


def test_the_check_can_be_turned_off_where_no_scheduler_runs(client, settings, long_running):
    settings.SCHEDULER_HEALTH_CHECK = False
    with time_machine.travel(long_running, tick=False):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["reminder_scans"] == "off"


BANNER = "Reminders are not going out"


def test_coordinators_see_a_banner_when_reminders_are_stale(client, long_running):
    scan(long_running - 2 * INTERVAL - MINUTE)
    with time_machine.travel(long_running, tick=False):  # signed in then: a fresh session
        client.force_login(factories.coordinator(username="chief"))
        page = client.get("/")
    assert page.status_code == 200
    assert BANNER in page.text
    assert 'role="alert"' in page.text


def test_no_banner_when_scans_run_or_for_other_roles(client, long_running):
    scan(long_running - 5 * MINUTE)
    with time_machine.travel(long_running, tick=False):
        client.force_login(factories.coordinator(username="chief"))
        page = client.get("/")
        assert page.status_code == 200
        assert BANNER not in page.text
    with time_machine.travel(long_running + datetime.timedelta(days=1), tick=False):
        client.force_login(factories.viewer(username="reader"))
        page = client.get("/")
        assert page.status_code == 200
        assert BANNER not in page.text
