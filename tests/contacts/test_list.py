"""GET /contacts/: the searchable log of contacts the user may see."""

import datetime

import pytest

from tests import factories
from tests.page_checks import HX, client_for
from tests.queries import assert_fixed_queries
from tests.world import user_with_role
from tracker.contacts.models import Channel

pytestmark = pytest.mark.django_db
URL = "/contacts/"


@pytest.fixture
def contacts(country_pl, country_de, own_project):
    pl = factories.ContactFactory(
        country=country_pl,
        counterpart_organisation="Polish Ministry of National Defence",
        summary="Discussed the repair hub.",
        outcome="Permit to be expedited.",
        held_on=datetime.date(2026, 3, 10),
    )
    de = factories.ContactFactory(
        country=country_de,
        counterpart_organisation="German Federal Ministry of Defence",
        summary="Air defence deliveries.",
        channel=Channel.CALL,
        held_on=datetime.date(2026, 5, 20),
    )
    de.projects.add(own_project)
    return pl, de


def test_coordinator_and_viewer_see_every_contact(coordinator, viewer, contacts):
    for user in (coordinator, viewer):
        text = client_for(user).get(URL).text
        assert "Polish Ministry" in text and "German Federal" in text


def test_embassy_user_sees_contacts_of_their_countries_only(embassy_pl, contacts):
    text = client_for(embassy_pl).get(URL).text
    assert "Polish Ministry" in text
    assert "German Federal" not in text
    assert "1 contact" in text
    assert "Log a contact" in text


def test_industry_user_sees_contacts_about_their_projects_only(industry_user, contacts):
    text = client_for(industry_user).get(URL).text
    assert "German Federal" in text
    assert "Polish Ministry" not in text
    assert "Log a contact" not in text


def test_search_and_filters(coordinator, contacts):
    client = client_for(coordinator)
    assert "German Federal" not in client.get(URL, {"q": "permit"}).text  # outcome
    assert "Polish Ministry" in client.get(URL, {"q": "REPAIR"}).text  # summary
    assert "Polish Ministry" not in client.get(URL, {"country": "de"}).text
    assert "Polish Ministry" not in client.get(URL, {"channel": "call"}).text
    assert "German Federal" not in client.get(URL, {"held_to": "2026-04-01"}).text
    assert "Polish Ministry" not in client.get(URL, {"held_from": "2026-04-01"}).text


def test_search_cannot_reach_contacts_outside_the_scope(embassy_pl, contacts):
    text = client_for(embassy_pl).get(URL, {"q": "German", "country": "DE"}).text
    assert "German Federal" not in text
    assert "0 contacts" in text


def test_bad_filters_are_shown_and_ignored(coordinator, contacts):
    response = client_for(coordinator).get(
        URL,
        {"held_from": "2026-02-30", "held_to": "yesterday", "country": "Q", "channel": "fax", "q": "y" * 300},
    )
    assert response.status_code == 200
    assert "Enter a valid date" in response.text
    assert "Polish Ministry" in response.text and "German Federal" in response.text


def test_a_reversed_date_range_is_explained(coordinator, contacts):
    response = client_for(coordinator).get(URL, {"held_from": "2026-06-01", "held_to": "2026-01-01"})
    assert "The end of the range is before its start." in response.text


def test_htmx_search_answers_with_the_results_fragment(coordinator, contacts):
    response = client_for(coordinator).get(URL, {"q": "repair"}, headers=HX)
    assert response.status_code == 200
    assert "<html" not in response.text
    assert "Polish Ministry" in response.text and "German Federal" not in response.text


def test_results_are_paginated(coordinator, country_pl):
    factories.ContactFactory.create_batch(27, country=country_pl)
    client = client_for(coordinator)
    assert client.get(URL).text.count('class="card contact-item"') == 25
    assert client.get(URL, {"page": 2}).text.count('class="card contact-item"') == 2
    assert client.get(URL, {"page": "999"}).status_code == 200


@pytest.mark.parametrize("role", ["coordinator", "embassy", "industry", "viewer"])
def test_query_count_does_not_grow_with_the_data(role, country_pl, own_project, enterprise):
    user = user_with_role(role, country_pl, enterprise)
    factories.ContactFactory(country=country_pl).projects.add(own_project)

    def grow():
        for contact in factories.ContactFactory.create_batch(30, country=country_pl):
            contact.projects.add(own_project)

    assert assert_fixed_queries(client_for(user), URL, grow) <= 10  # 6 at most today; sessions add 3
