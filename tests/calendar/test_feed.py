"""The private iCalendar feed of a user's open follow-ups."""

import datetime

import icalendar
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from tests import factories
from tracker.commitments.models import Marking
from tracker.followups import services as followup_services
from tracker.followups.models import State
from tracker.history.editing import ANY_VERSION

pytestmark = pytest.mark.django_db


def feed_url(user) -> str:
    return reverse("calendar:feed", args=[user.calendar_token])


def events(response) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(response.content)
    return {str(event["summary"]): event for event in calendar.walk("VEVENT")}


@pytest.fixture
def owner(db):
    user = factories.coordinator(username="owner")
    user.regenerate_calendar_token()
    return user


def test_feed_lists_open_follow_ups_as_all_day_events(client, owner):
    due = timezone.localdate() + datetime.timedelta(days=4)
    followup = factories.FollowUpFactory(owner=owner, title="Call the ministry", due_on=due)
    response = client.get(feed_url(owner))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    event = events(response)["Call the ministry"]
    assert event["dtstart"].dt == due
    assert event["dtend"].dt == due + datetime.timedelta(days=1)
    assert str(event["uid"]) == f"followup-{followup.pk}@127.0.0.1"
    link = settings.SITE_URL + followup.get_absolute_url()
    assert link in str(event["description"])
    assert event["dtstamp"].dt == followup.updated_at.replace(microsecond=0)


def test_feed_has_only_own_open_follow_ups(client, owner):
    factories.FollowUpFactory(owner=owner, title="Mine and open")
    factories.FollowUpFactory(title="Someone else's")
    done = factories.FollowUpFactory(owner=owner, title="Mine but done")
    followup_services.set_state(done, state=State.DONE, by=owner, expected_version=ANY_VERSION)
    assert set(events(client.get(feed_url(owner)))) == {"Mine and open"}


def test_embassy_user_feed_never_shows_another_country_follow_up(client, country_pl, country_de):
    user = factories.embassy(country_pl)
    user.regenerate_calendar_token()
    pl_contact = factories.ContactFactory(country=country_pl)
    de_contact = factories.ContactFactory(country=country_de)
    factories.FollowUpFactory(owner=user, contact=pl_contact, country=country_pl, title="Own")
    factories.FollowUpFactory(contact=de_contact, country=country_de, title="German, someone else's")
    body = client.get(feed_url(user)).content.decode()
    assert "Own" in body
    assert "German" not in body


def test_viewer_feed_shows_only_their_own_even_around_restricted_commitments(client, country_pl):
    user = factories.viewer()
    user.regenerate_calendar_token()
    restricted = factories.CommitmentFactory(country=country_pl, marking=Marking.RESTRICTED)
    factories.FollowUpFactory(commitment=restricted, title="Chase the restricted delivery")
    assert events(client.get(feed_url(user))) == {}


def test_feed_follows_changes_and_revalidates_with_etag(client, owner):
    followup = factories.FollowUpFactory(owner=owner, title="Send the letter")
    first = client.get(feed_url(owner))
    etag = first["ETag"]
    assert first["Cache-Control"] == "private, no-cache"
    assert client.get(feed_url(owner), headers={"If-None-Match": etag}).status_code == 304
    new_date = followup.due_on + datetime.timedelta(days=7)
    followup_services.reschedule(
        followup, due_on=new_date, reason="Partner asked", by=owner, expected_version=ANY_VERSION
    )
    changed = client.get(feed_url(owner), headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert events(changed)["Send the letter"]["dtstart"].dt == new_date


def test_regenerated_token_retires_the_old_url(client, owner):
    old_url = feed_url(owner)
    client.force_login(owner)
    response = client.post(reverse("calendar:subscription"), {"action": "regenerate"})
    assert response.status_code == 302
    owner.refresh_from_db()
    assert client.get(old_url).status_code == 404
    assert client.get(feed_url(owner)).status_code == 200


def test_inactive_users_feed_is_gone(client, owner):
    owner.is_active = False
    owner.save()
    assert client.get(feed_url(owner)).status_code == 404


@pytest.mark.parametrize(
    "path", ["/calendar/" + "a" * 43 + ".ics", "/calendar/short.ics", "/calendar/x%00y.ics"]
)
def test_unknown_or_malformed_tokens_are_not_found(client, owner, path):
    assert client.get(path).status_code == 404


def test_feed_answers_only_get(client, owner):
    assert client.post(feed_url(owner)).status_code == 405


@pytest.mark.parametrize("size", [2, 20])
def test_feed_costs_a_fixed_number_of_queries(client, django_assert_num_queries, country_pl, size):
    user = factories.embassy(country_pl)
    user.regenerate_calendar_token()
    contact = factories.ContactFactory(country=country_pl)
    factories.FollowUpFactory.create_batch(size, owner=user, contact=contact, country=country_pl)
    with django_assert_num_queries(3):  # the user by token, their countries, the follow-ups
        response = client.get(feed_url(user))
    assert len(events(response)) == size
