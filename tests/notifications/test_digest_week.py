"""One digest per user per ISO week of the Kyiv calendar; each reports the Monday-to-Monday
week before it, whose length changes with the clocks in spring and autumn."""

import datetime

import pytest
import time_machine
from django.conf import settings
from django.test import TestCase

from tests import factories
from tests.notifications.conftest import digest_run, kyiv
from tracker.history.models import Change
from tracker.notifications import digests, services
from tracker.notifications.digests import Week
from tracker.notifications.models import Digest

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


def utc(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=UTC)


def project_change_at(moment: datetime.datetime, title: str) -> None:
    project = factories.ProjectFactory(title=title)
    Change.objects.create(project=project, action="status", fields={"status": ["identified", "on_hold"]})
    Change.objects.filter(project=project).update(at=moment)


def reported_titles(user, now: datetime.datetime) -> list[str]:
    content = digests.build_digest(user, now)
    section = next(s for s in content.sections if s.key == "projects")
    return [item.title.split(" — ")[1] for item in section.items]


def test_the_spring_week_is_an_hour_short_and_ends_at_local_midnight(coordinator):
    # Clocks go forward at 03:00 on Sunday 29 March 2026 (EET, UTC+2 → EEST, UTC+3).
    week = Week.containing(kyiv(2026, 3, 30, 8))
    assert week == Week(2026, 14)
    start, end = week.previous().starts_at(), week.starts_at()
    assert (start, end) == (utc(2026, 3, 22, 22), utc(2026, 3, 29, 21))
    assert end.astimezone(UTC) - start.astimezone(UTC) == datetime.timedelta(hours=167)
    project_change_at(utc(2026, 3, 22, 21, 59), "Sunday 23:59 of the week before")
    project_change_at(utc(2026, 3, 22, 22, 0), "Monday 00:00 EET")
    project_change_at(utc(2026, 3, 29, 20, 59), "Sunday 23:59 EEST")
    project_change_at(utc(2026, 3, 29, 21, 0), "Monday 00:00 EEST, next week")
    assert reported_titles(coordinator, kyiv(2026, 3, 30, 8)) == ["Monday 00:00 EET", "Sunday 23:59 EEST"]
    assert reported_titles(coordinator, kyiv(2026, 4, 6, 8)) == ["Monday 00:00 EEST, next week"]


def test_the_autumn_week_is_an_hour_long_and_ends_at_local_midnight(coordinator):
    # Clocks go back at 04:00 on Sunday 25 October 2026 (EEST, UTC+3 → EET, UTC+2).
    week = Week.containing(kyiv(2026, 10, 26, 8))
    assert week == Week(2026, 44)
    start, end = week.previous().starts_at(), week.starts_at()
    assert (start, end) == (utc(2026, 10, 18, 21), utc(2026, 10, 25, 22))
    assert end.astimezone(UTC) - start.astimezone(UTC) == datetime.timedelta(hours=169)
    project_change_at(utc(2026, 10, 18, 20, 59), "Sunday 23:59 of the week before")
    project_change_at(utc(2026, 10, 25, 0, 30), "The first 03:30 of the night")
    project_change_at(utc(2026, 10, 25, 1, 30), "The second 03:30 of the night")
    project_change_at(utc(2026, 10, 25, 21, 59), "Sunday 23:59 EET")
    project_change_at(utc(2026, 10, 25, 22, 0), "Monday 00:00 EET, next week")
    assert reported_titles(coordinator, kyiv(2026, 10, 26, 8)) == [
        "The first 03:30 of the night",
        "The second 03:30 of the night",
        "Sunday 23:59 EET",
    ]


def test_digests_go_out_monday_at_eight_kyiv_time_in_summer_and_winter():
    assert Week(2026, 14).send_at() == utc(2026, 3, 30, 5)  # EEST
    assert Week(2026, 44).send_at() == utc(2026, 10, 26, 6)  # EET
    assert Week(2026, 13).send_at() == utc(2026, 3, 23, 6)  # EET, the week before the change


def test_beat_fires_the_digest_at_eight_kyiv_time_across_the_clock_change():
    schedule = settings.CELERY_BEAT_SCHEDULE["weekly-digest"]["schedule"]
    last_run = kyiv(2026, 3, 23, 8)
    with time_machine.travel(utc(2026, 3, 30, 4, 59), tick=False):
        assert not schedule.is_due(last_run).is_due
    with time_machine.travel(utc(2026, 3, 30, 5, 0, 30), tick=False):
        assert schedule.is_due(last_run).is_due


def test_the_iso_year_turns_over_with_week_53():
    assert Week.containing(kyiv(2026, 12, 31, 12)) == Week(2026, 53)
    assert Week.containing(kyiv(2027, 1, 4, 8)) == Week(2027, 1)
    assert Week(2027, 1).previous() == Week(2026, 53)
    assert Week(2027, 1).previous().starts_at() == kyiv(2026, 12, 28)


def test_the_digest_triggered_twice_in_a_week_is_sent_once(mailoutbox):
    reader = factories.viewer(username="reader", email="reader@example.org")
    factories.FollowUpFactory(owner=reader, due_on=datetime.date(2026, 3, 27))  # overdue all week
    assert digest_run(kyiv(2026, 3, 30, 8)) == ["sent"]
    assert digest_run(kyiv(2026, 3, 30, 8, 0, 5)) == []  # beat fired twice
    assert digest_run(kyiv(2026, 4, 1, 15)) == []  # an operator ran the command mid-week
    assert digest_run(kyiv(2026, 4, 5, 23, 59), user=reader) == []
    assert len(mailoutbox) == 1
    assert digest_run(kyiv(2026, 4, 6, 0, 1)) == ["sent"]  # Monday after midnight: a new week
    assert list(Digest.objects.order_by("iso_week").values_list("iso_year", "iso_week")) == [
        (2026, 14),
        (2026, 15),
    ]


def test_the_reminder_scan_runs_a_weekly_digest_that_beat_missed(mailoutbox):
    reader = factories.viewer(username="reader", email="reader@example.org")
    factories.FollowUpFactory(owner=reader, due_on=datetime.date(2026, 3, 27))
    sent: list[int] = []

    def run(now):
        with TestCase.captureOnCommitCallbacks(execute=True):
            services.periodic_scan(now, send_reminders=lambda ids: None, send_digests=sent.extend)

    run(kyiv(2026, 3, 30, 7, 45))  # before the digest time: nothing yet
    assert sent == []
    run(kyiv(2026, 3, 30, 9, 0))  # beat's 08:00 run never happened (Redis was down)
    assert len(sent) == 1
    run(kyiv(2026, 3, 30, 9, 15))
    assert len(sent) == 1
    assert Digest.objects.get().iso_week == 14
