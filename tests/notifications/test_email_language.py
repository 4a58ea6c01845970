"""Emails say which language they are in (the recipient's), and a digest with nothing
changed says so instead of starting with the follow-ups as if they were news."""

import datetime

import pytest
import time_machine

from tests import factories
from tests.notifications.conftest import digest_run, kyiv, scan_and_send
from tracker.contacts import services as contact_services

pytestmark = pytest.mark.django_db

MONDAY = kyiv(2026, 5, 18, 8)  # ISO week 21; its digest reports week 20 (11–17 May)


@pytest.mark.parametrize("language", ["en", "uk"])
def test_a_reminder_carries_its_owners_language(language, mailoutbox):
    owner = factories.viewer(username="owner", email="owner@example.org", language=language)
    factories.FollowUpFactory(title="Send the draft", owner=owner, due_on=datetime.date(2026, 5, 15))
    with time_machine.travel(kyiv(2026, 5, 15, 9), tick=False):
        scan_and_send(kyiv(2026, 5, 15, 9))
    [message] = mailoutbox
    assert message.message()["Content-Language"] == language


@pytest.mark.parametrize(
    ("language", "no_changes"), [("en", "No changes this week."), ("uk", "Цього тижня змін немає.")]
)
def test_a_digest_with_only_follow_ups_says_nothing_changed(language, no_changes, country_pl, mailoutbox):
    reader = factories.coordinator(username="reader", email="reader@example.org", language=language)
    factories.FollowUpFactory(title="Call Warsaw", owner=reader, due_on=datetime.date(2026, 5, 20))
    assert digest_run(MONDAY) == ["sent"]
    [message] = mailoutbox
    assert message.message()["Content-Language"] == language
    assert no_changes in message.body
    assert no_changes in message.alternatives[0].content
    assert "Call Warsaw" in message.body


def test_a_digest_with_changes_does_not_say_nothing_changed(country_pl, mailoutbox):
    reader = factories.coordinator(username="reader", email="reader@example.org")
    with time_machine.travel(kyiv(2026, 5, 13, 11), tick=False):
        contact = factories.ContactFactory.build(country=country_pl, counterpart_organisation="Polish MoD")
        contact_services.log_contact(contact, by=reader)
    assert digest_run(MONDAY) == ["sent"]
    [message] = mailoutbox
    assert "Polish MoD" in message.body
    assert "No changes this week." not in message.body
