"""Follow-up owners are reminded before, on and after the due date; coordinators are
copied from a week overdue; closing or re-dating withdraws what was not sent yet."""

import datetime

import pytest
import time_machine

from tests import factories
from tests.notifications.conftest import kyiv, scan, scan_and_send
from tracker.followups import services as followup_services
from tracker.followups.models import FollowUp, State
from tracker.history.editing import ANY_VERSION
from tracker.notifications import reminders
from tracker.notifications.emails import absolute_url
from tracker.notifications.models import Reminder, ScanKind, ScanRun, Status

pytestmark = pytest.mark.django_db

DUE = datetime.date(2026, 5, 15)  # a Friday


@pytest.fixture
def owner():
    return factories.viewer(username="owner", email="owner@example.org", first_name="Oksana")


@pytest.fixture
def followup(owner):
    return factories.FollowUpFactory(title="Send the draft MoU to the partner", owner=owner, due_on=DUE)


def subjects(outbox) -> list[str]:
    return [message.subject for message in outbox]


def day(n: int, hour: int = 9) -> datetime.datetime:
    """09:00 Kyiv time, n days after the due date (negative: before)."""
    moment = kyiv(2026, 5, 15, hour) + datetime.timedelta(days=n)
    return moment


def test_owner_is_reminded_before_on_and_after_the_due_date(followup, owner, mailoutbox):
    factories.coordinator(username="chief", email="chief@example.org")
    timeline = {}
    for n in range(-4, 16):
        with time_machine.travel(day(n), tick=False):
            scan_and_send(day(n))
            scan_and_send(day(n) + datetime.timedelta(minutes=15))  # beat fires again
        timeline[n] = subjects(mailoutbox)
        mailoutbox.clear()
    sent_on = {n: titles for n, titles in timeline.items() if titles}
    assert sent_on == {
        -2: ["Reminder: “Send the draft MoU to the partner” is due in 2 days"],
        0: ["Due today: “Send the draft MoU to the partner”"],
        1: ["Overdue by 1 day: “Send the draft MoU to the partner”"],
        7: ["Overdue by 7 days: “Send the draft MoU to the partner”"],
        14: ["Overdue by 14 days: “Send the draft MoU to the partner”"],
    }
    stages = list(Reminder.objects.order_by("created_at", "id").values_list("stage", "escalated", "status"))
    assert stages == [
        ("due-soon", False, "sent"),
        ("due-today", False, "sent"),
        ("overdue-0", False, "sent"),
        ("overdue-1", True, "sent"),
        ("overdue-2", True, "sent"),
    ]


def test_coordinators_are_copied_from_a_week_overdue(followup, owner, mailoutbox):
    factories.coordinator(username="chief", email="chief@example.org")
    factories.coordinator(username="deputy", email="deputy@example.org")
    factories.coordinator(username="gone", email="gone@example.org", is_active=False)
    factories.coordinator(username="noemail", email="")
    scan_and_send(day(6))
    assert [(m.to, m.cc) for m in mailoutbox] == [(["owner@example.org"], [])]
    mailoutbox.clear()
    scan_and_send(day(7))
    (message,) = mailoutbox
    assert message.to == ["owner@example.org"]
    assert message.cc == ["chief@example.org", "deputy@example.org"]
    assert "The ministry coordinators receive a copy because it is 7 days overdue." in message.body


def test_a_coordinator_who_owns_the_follow_up_is_not_copied_to_himself(mailoutbox):
    chief = factories.coordinator(username="chief", email="chief@example.org")
    factories.FollowUpFactory(owner=chief, due_on=DUE)
    scan_and_send(day(8))
    (message,) = mailoutbox
    assert (message.to, message.cc) == (["chief@example.org"], [])


def test_escalation_threshold_follows_the_setting(followup, settings, mailoutbox):
    factories.coordinator(username="chief", email="chief@example.org")
    settings.ESCALATE_AFTER_DAYS = 14
    scan_and_send(day(7))
    scan_and_send(day(14))
    assert [m.cc for m in mailoutbox] == [[], ["chief@example.org"]]


def test_days_before_follow_the_setting(followup, settings, mailoutbox):
    settings.REMINDER_DAYS_BEFORE = 5
    scan_and_send(day(-6))
    assert mailoutbox == []
    scan_and_send(day(-5))
    assert subjects(mailoutbox) == ["Reminder: “Send the draft MoU to the partner” is due in 5 days"]


def test_no_reminder_goes_out_before_the_earliest_hour(followup, mailoutbox):
    scan_and_send(day(0, hour=7) + datetime.timedelta(minutes=59))
    assert mailoutbox == []
    scan_and_send(day(0, hour=8))
    assert subjects(mailoutbox) == ["Due today: “Send the draft MoU to the partner”"]


def test_a_stage_missed_while_the_scheduler_was_down_is_not_sent_late(followup, mailoutbox):
    scan_and_send(day(3))  # nothing ran from two days before until three days after
    assert subjects(mailoutbox) == ["Overdue by 3 days: “Send the draft MoU to the partner”"]


def test_closed_follow_ups_get_no_reminders(followup, owner, mailoutbox):
    followup_services.set_state(followup, state=State.DONE, by=owner, expected_version=ANY_VERSION)
    for n in (-2, 0, 1, 7):
        scan_and_send(day(n))
    assert mailoutbox == []


def test_closing_withdraws_a_recorded_reminder_that_was_not_sent_yet(followup, owner, mailoutbox):
    recorded = scan(day(0))
    assert Reminder.objects.get().status == Status.PENDING
    followup_services.set_state(
        followup, state=State.DONE, by=owner, comment="Sent on Thursday", expected_version=ANY_VERSION
    )
    assert not Reminder.objects.exists()
    assert reminders.deliver(recorded[0], now=day(0), final=False) == "skipped"
    assert mailoutbox == []


def test_redating_withdraws_the_old_dates_reminder_and_the_new_date_gets_its_own(followup, owner, mailoutbox):
    with time_machine.travel(day(-2), tick=False):
        scan_and_send(day(-2))
    assert subjects(mailoutbox) == ["Reminder: “Send the draft MoU to the partner” is due in 2 days"]
    recorded = scan(day(0))  # "due today" recorded, not yet sent
    new_date = DUE + datetime.timedelta(days=10)
    followup_services.reschedule(
        followup, due_on=new_date, reason="Partner asked for time", by=owner, expected_version=ANY_VERSION
    )
    assert reminders.deliver(recorded[0], now=day(0), final=False) == "skipped"
    assert list(Reminder.objects.values_list("due_on", "stage", "status")) == [(DUE, "due-soon", "sent")]
    mailoutbox.clear()
    for n in range(0, 12):
        scan_and_send(day(n))
    assert subjects(mailoutbox) == [
        "Reminder: “Send the draft MoU to the partner” is due in 2 days",
        "Due today: “Send the draft MoU to the partner”",
        "Overdue by 1 day: “Send the draft MoU to the partner”",
    ]
    assert "25 May 2026" in mailoutbox[0].body or "May 25, 2026" in mailoutbox[0].body


def test_a_reminder_whose_follow_up_changed_behind_the_services_back_is_withdrawn(followup, mailoutbox):
    recorded = scan(day(0))
    FollowUp.objects.filter(pk=followup.pk).update(due_on=DUE + datetime.timedelta(days=3))  # e.g. a shell
    assert reminders.deliver(recorded[0], now=day(0), final=False) == "withdrawn"
    assert mailoutbox == []
    assert not Reminder.objects.exists()


def test_a_reminder_that_the_clock_overtook_is_withdrawn(followup, mailoutbox):
    recorded = scan(day(-1))  # "due soon", then the queue stalls
    assert reminders.deliver(recorded[0], now=day(0), final=False) == "withdrawn"
    assert scan_and_send(day(0)) == ["sent"]
    assert subjects(mailoutbox) == ["Due today: “Send the draft MoU to the partner”"]


def test_a_reminder_delivered_twice_is_sent_once(followup, mailoutbox):
    recorded = scan(day(0))
    assert reminders.deliver(recorded[0], now=day(0), final=False) == "sent"
    assert reminders.deliver(recorded[0], now=day(0), final=False) == "skipped"
    assert len(mailoutbox) == 1


def test_the_reminder_links_to_the_follow_up_and_what_it_is_about(followup, mailoutbox):
    scan_and_send(day(0))
    (message,) = mailoutbox
    html = message.alternatives[0].content
    for url in (absolute_url(followup), absolute_url(followup.project)):
        assert url.startswith("http")
        assert url in message.body
        assert f'href="{url}"' in html
    assert str(followup.project) in message.body
    assert message.extra_headers["Message-ID"].startswith("<reminder-")


def test_a_restricted_commitment_is_not_named_to_an_owner_who_may_not_see_it(owner, mailoutbox):
    commitment = factories.CommitmentFactory(marking="restricted", item="Secret radar batteries")
    factories.FollowUpFactory(owner=owner, due_on=DUE, project=None, commitment=commitment)
    scan_and_send(day(0))
    (message,) = mailoutbox
    assert "Secret radar" not in message.body
    assert "Secret radar" not in message.alternatives[0].content


def test_the_reminder_speaks_the_owners_language_and_escapes_the_title(owner, mailoutbox):
    owner.language = "uk"
    owner.save()
    factories.FollowUpFactory(owner=owner, due_on=DUE, title="Check <b>offsets</b> & quotas")
    scan_and_send(day(-2))
    (message,) = mailoutbox
    html = message.alternatives[0].content
    assert '<html lang="uk">' in html
    assert "15.05.2026" in message.body  # the date, as Ukrainian readers write it
    assert message.subject.startswith("Нагадування: строк «Check <b>offsets</b> & quotas» — через 2 дні")
    assert "Відкрити наступний крок" in html
    assert "Open the follow-up" not in message.body
    assert "Check <b>offsets</b> & quotas" in message.body
    assert "Check &lt;b&gt;offsets&lt;/b&gt; &amp; quotas" in html
    assert "<b>offsets" not in html


def test_an_owner_without_email_gets_a_failed_record_unless_coordinators_are_copied(mailoutbox):
    owner = factories.viewer(username="mute", email="")
    factories.FollowUpFactory(owner=owner, due_on=DUE)
    assert scan_and_send(day(0)) == ["failed"]
    assert "email address" in Reminder.objects.get().last_error
    factories.coordinator(username="chief", email="chief@example.org")
    assert scan_and_send(day(7)) == ["sent"]
    assert mailoutbox[0].to == ["chief@example.org"]


def test_a_mail_error_is_recorded_and_raised_for_a_retry_then_recorded_as_failure(
    followup, settings, mailoutbox
):
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": 1, "timeout": 2},  # nothing listens there
        }
    }
    recorded = scan(day(0))
    with pytest.raises(OSError):
        reminders.deliver(recorded[0], now=day(0), final=False)
    reminder = Reminder.objects.get()
    assert (reminder.status, reminder.attempts) == (Status.PENDING, 1)
    assert "ConnectionRefusedError" in reminder.last_error
    assert reminders.deliver(recorded[0], now=day(0), final=True) == "failed"
    reminder.refresh_from_db()
    assert (reminder.status, reminder.attempts, reminder.sent_at) == (Status.FAILED, 2, None)


def test_a_permanent_refusal_is_recorded_as_failed_without_retrying(followup, smtp_server):
    smtp_server.refuse_for_good = True
    recorded = scan(day(0))
    assert reminders.deliver(recorded[0], now=day(0), final=False) == "failed"  # no exception: no retry
    reminder = Reminder.objects.get()
    assert (reminder.status, reminder.attempts, smtp_server.refused) == (Status.FAILED, 1, 1)
    assert "550" in reminder.last_error


def recorded_by_the_scan(now, policy) -> dict[int, tuple[str, bool]]:
    run = ScanRun.objects.create(kind=ScanKind.REMINDERS, started_at=now)
    reminders.claim(now, policy, scan=run)
    return {r.followup_id: (r.stage, r.escalated) for r in Reminder.objects.filter(scan=run)}


def listed_by_the_dry_run(now, policy) -> dict[int, tuple[str, bool]]:
    return {due.followup.pk: (due.stage, due.escalated) for due in reminders.due_now(now, policy)}


@pytest.mark.parametrize("recorder", [recorded_by_the_scan, listed_by_the_dry_run])
@pytest.mark.parametrize("repeat_days, escalate_after", [(7, 7), (3, 10), (1, 0)])
def test_the_scan_records_the_stage_and_escalation_the_policy_gives_for_every_day(
    owner, repeat_days, escalate_after, recorder
):
    """The scan's statement (`claim`, the same on PostgreSQL and SQLite) and the dry run of
    `send_reminders` agree with the policy."""
    policy = reminders.Policy.from_settings(repeat_days=repeat_days, escalate_after=escalate_after)
    today = DUE + datetime.timedelta(days=30)
    followups = {
        n: factories.FollowUpFactory(owner=owner, due_on=today - datetime.timedelta(days=n))
        for n in range(-5, 31)
    }
    now = kyiv(today.year, today.month, today.day, 12)

    recorded = recorder(now, policy)

    expected = {}
    for followup in followups.values():
        stage = policy.stage_on(followup.due_on, today)
        if stage is not None:
            expected[followup.pk] = (stage, policy.escalates(stage))
    assert recorded == expected
