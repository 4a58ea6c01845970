"""Operators run `send_reminders` and `send_digests` (with --dry-run and --user)."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from tests import factories
from tracker.notifications.models import Digest, Reminder, ScanRun

# Commands run in autocommit, as from a shell: what a scan hands on goes at its commit.
pytestmark = pytest.mark.django_db(transaction=True)


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.fixture
def owners():
    first = factories.viewer(username="first", email="first@example.org")
    second = factories.viewer(username="second", email="second@example.org")
    factories.FollowUpFactory(owner=first, due_on=timezone.localdate(), title="First task")
    factories.FollowUpFactory(owner=second, due_on=timezone.localdate(), title="Second task")
    return first, second


def test_dry_run_lists_the_reminders_due_and_sends_nothing(owners, mailoutbox):
    output = run("send_reminders", "--dry-run")
    assert "due-today" in output and "first: First task" in output and "second: Second task" in output
    assert "2 reminder(s) would be sent." in output
    assert mailoutbox == []
    assert not Reminder.objects.exists() and not ScanRun.objects.exists()


def test_send_reminders_for_one_user_then_for_everyone(
    owners, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert run("send_reminders", "--user", "first").strip() == "sent: 1"
    assert [m.to for m in mailoutbox] == [["first@example.org"]]
    with django_capture_on_commit_callbacks(execute=True):
        assert run("send_reminders").strip() == "sent: 1"
    with django_capture_on_commit_callbacks(execute=True):
        assert run("send_reminders").strip() == "Nothing to send."
    assert len(mailoutbox) == 2


def test_an_unknown_user_is_an_error(owners):
    with pytest.raises(CommandError, match="No user 'nobody'"):
        run("send_reminders", "--user", "nobody")
    with pytest.raises(CommandError):
        run("send_digests", "--user", "nobody")


def test_digest_dry_run_shows_one_users_text(owners, mailoutbox):
    output = run("send_digests", "--dry-run", "--user", "first")
    assert output.startswith("first: due 2\n")  # viewers see every follow-up not about a contact
    assert "Your weekly tracker digest" in output and "First task" in output
    assert "second:" not in output
    assert mailoutbox == [] and not Digest.objects.exists()
    assert "second: due 2" in run("send_digests", "--dry-run")


def test_send_digests_once_a_week(owners, mailoutbox):
    assert run("send_digests", "--user", "second").strip() == "sent: 1"
    assert run("send_digests").strip() == "sent: 1"
    assert run("send_digests").strip() == "Nothing to send."
    assert sorted(m.to[0] for m in mailoutbox) == ["first@example.org", "second@example.org"]
