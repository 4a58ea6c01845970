"""Every create, edit and transition leaves one history row, at a bounded query cost."""

import datetime

import pytest

from tests import factories
from tracker.commitments import services as commitment_services
from tracker.contacts import services as contact_services
from tracker.followups.models import FollowUp
from tracker.history.editing import ANY_VERSION
from tracker.history.models import Change
from tracker.projects import services as project_services

pytestmark = pytest.mark.django_db


def test_creating_a_project_records_it(coordinator):
    project = project_services.create_project(
        factories.ProjectFactory.build(
            enterprise=factories.OrganisationFactory(),
            priority=factories.PriorityFactory(),
            capability=factories.CapabilityFactory(),
        ),
        by=coordinator,
        candidate_countries=[factories.CountryFactory(code="PL")],
    )
    change = Change.objects.get(project=project)
    assert (change.action, change.actor) == ("created", coordinator)
    assert project.candidate_countries.count() == 1


def test_editing_records_only_the_fields_that_changed(coordinator):
    project = factories.ProjectFactory(title="Old title")
    project_services.update_project(
        project,
        {"title": "New title", "description": project.description},
        by=coordinator,
        expected_version=1,
    )
    change = Change.objects.get(project=project)
    assert change.fields == {"title": ["Old title", "New title"]}


def test_logging_a_contact_records_it_and_its_followups(coordinator, country_pl):
    contact = factories.ContactFactory.build(country=country_pl)
    followups = [FollowUp(title="Call back", owner=coordinator, due_on=datetime.date(2026, 12, 1))]
    contact_services.log_contact(contact, by=coordinator, followups=followups)
    assert Change.objects.filter(contact=contact, action="created").count() == 1
    assert Change.objects.filter(followup=followups[0], action="created").count() == 1
    assert followups[0].country == country_pl


def test_a_status_change_costs_a_fixed_number_of_queries(coordinator, django_assert_max_num_queries):
    project = factories.ProjectFactory()
    # lock + save + history insert, inside a savepoint pair
    with django_assert_max_num_queries(8):
        project_services.change_status(
            project, status="seeking_partners", health="on_track", by=coordinator, expected_version=1
        )


def test_a_delivery_costs_a_fixed_number_of_queries(coordinator, django_assert_max_num_queries):
    commitment = factories.CommitmentFactory(quantity=100)
    for day in range(1, 4):
        commitment_services.record_delivery(
            commitment,
            delivered_on=datetime.date(2026, 1, day),
            quantity=1,
            by=coordinator,
            expected_version=ANY_VERSION,
        )
    with django_assert_max_num_queries(10):
        commitment_services.record_delivery(
            commitment,
            delivered_on=datetime.date(2026, 2, 1),
            quantity=1,
            by=coordinator,
            expected_version=ANY_VERSION,
        )
