"""Building, sending and previewing a digest takes the same number of queries whatever
the amount of data: measured at two data sizes for every kind of user."""

import datetime

import pytest
import time_machine

from tests import factories
from tests.notifications.conftest import digest_scan, kyiv
from tests.queries import count_queries
from tracker.commitments import services as commitment_services
from tracker.contacts import services as contact_services
from tracker.followups import services as followup_services
from tracker.history.editing import ANY_VERSION
from tracker.notifications import digests
from tracker.projects import services as project_services

pytestmark = pytest.mark.django_db

MONDAY = kyiv(2026, 5, 18, 8)


def add_activity(n: int, countries, chief, plant) -> None:
    """n rounds of last week's work: project moves, commitments, deliveries, contacts, follow-ups."""
    with time_machine.travel(kyiv(2026, 5, 13, 10), tick=False):
        for i in range(n):
            country = countries[i % len(countries)]
            project = factories.ProjectFactory(enterprise=plant)
            project.candidate_countries.set([country])
            project_services.change_status(
                project, status="seeking_partners", health="on_track", by=chief, expected_version=ANY_VERSION
            )
            commitment = factories.CommitmentFactory.build(
                country=country,
                priority=factories.PriorityFactory(),
                capability=factories.CapabilityFactory(),
                project=project,
                marking="restricted" if i % 3 == 0 else "official",
            )
            commitment_services.create_commitment(commitment, by=chief)
            commitment_services.record_delivery(
                commitment,
                delivered_on=datetime.date(2026, 5, 12),
                quantity=10,
                by=chief,
                expected_version=ANY_VERSION,
            )
            contact = factories.ContactFactory.build(country=country)
            contact_services.log_contact(contact, by=chief, projects=[project])
            for due in (datetime.date(2026, 5, 10), datetime.date(2026, 5, 20)):
                followup = factories.FollowUpFactory.build(
                    owner=chief, due_on=due, project=None, commitment=commitment
                )
                followup_services.create_followup(followup, by=chief)


@pytest.fixture
def people(country_pl, country_de):
    plant = factories.OrganisationFactory(code="plant")
    return {
        "coordinator": factories.coordinator(username="chief", email="chief@example.org"),
        "embassy": factories.embassy(country_pl, username="warsaw", email="warsaw@example.org"),
        "viewer": factories.viewer(username="reader", email="reader@example.org"),
        "industry": factories.industry(plant, username="plant", email="plant@example.org"),
        "countries": [country_pl, country_de],
        "plant": plant,
    }


@pytest.mark.parametrize("role", ["coordinator", "embassy", "viewer", "industry"])
def test_building_a_digest_takes_a_fixed_number_of_queries(people, role):
    def build():
        user = type(people[role]).objects.get(pk=people[role].pk)  # fresh: no cached scope
        return digests.build_digest(user, MONDAY)

    add_activity(1, people["countries"], people["coordinator"], people["plant"])
    small = count_queries(build)
    add_activity(12, people["countries"], people["coordinator"], people["plant"])
    large = count_queries(build)
    # changes, follow-ups (2), quiet partners, the figures (the commitments' data version,
    # then, unless kept for the scope, totals and rows left out; capability names) and an
    # embassy's countries
    assert small == large <= 10
    assert not build().is_empty


def test_sending_a_digest_takes_a_fixed_number_of_queries(people, mailoutbox):
    add_activity(1, people["countries"], people["coordinator"], people["plant"])
    first = digest_scan(MONDAY, user=people["embassy"])
    small = count_queries(lambda: digests.deliver(first[0], now=MONDAY, final=True))
    add_activity(12, people["countries"], people["coordinator"], people["plant"])
    second = digest_scan(MONDAY + datetime.timedelta(days=7), user=people["embassy"])
    large = count_queries(
        lambda: digests.deliver(second[0], now=MONDAY + datetime.timedelta(days=7), final=True)
    )
    assert len(mailoutbox) == 2
    assert small == large <= 13


def test_the_preview_page_takes_a_fixed_number_of_queries(people, client):
    client.force_login(people["embassy"])
    add_activity(1, people["countries"], people["coordinator"], people["plant"])
    with time_machine.travel(MONDAY, tick=False):
        small = count_queries(lambda: client.get("/notifications/digest/preview/"))
        add_activity(12, people["countries"], people["coordinator"], people["plant"])
        large = count_queries(lambda: client.get("/notifications/digest/preview/"))
    assert small == large <= 13
