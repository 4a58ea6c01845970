"""The world every test shares, as fixtures: two partner countries, one user of each role,
an enterprise with its projects, public and restricted commitments; and `populate`, the
same kind of world at a chosen size for the fixed-cost checks.

One definition per name: industry staff (`industry_user`) belong to `enterprise`, which owns
`project` (with Poland as candidate) and `own_project`. Registered for the whole suite in
tests/conftest.py.
"""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from tests import factories
from tracker.commitments.models import Marking, Stage
from tracker.history.editing import ANY_VERSION
from tracker.projects import services as project_services
from tracker.projects.models import Status

# Partner countries


@pytest.fixture
def country_pl():
    return factories.CountryFactory(code="PL")


@pytest.fixture
def country_de():
    return factories.CountryFactory(code="DE")


# People, one of each role


@pytest.fixture
def coordinator(db):
    return factories.coordinator(username="coord")


@pytest.fixture
def viewer(db):
    return factories.viewer(username="viewer")


@pytest.fixture
def embassy_pl(country_pl):
    return factories.embassy(country_pl, username="embassy-pl")


@pytest.fixture
def embassy_de(country_de):
    return factories.embassy(country_de, username="embassy-de")


@pytest.fixture
def industry_user(enterprise):
    return factories.industry(enterprise, username="industry")


@pytest.fixture
def other_industry_user(db):
    """Industry staff of another enterprise: sees the world, changes none of its projects."""
    return factories.industry(username="other-industry")


def user_with_role(role: str, country, organisation):
    """A user of the role, scoped to `country` (embassy) or `organisation` (industry)."""
    if role == "embassy":
        return factories.embassy(country)
    if role == "industry":
        return factories.industry(organisation)
    return {"coordinator": factories.coordinator, "viewer": factories.viewer}[role]()


# The enterprise, its projects, and commitments


@pytest.fixture
def enterprise(db):
    return factories.OrganisationFactory(code="steppe-works", name="Steppe Armour Works")


@pytest.fixture
def priority(db):
    return factories.PriorityFactory(code="supply", number=1, name="More weapons supplied")


@pytest.fixture
def project(enterprise, priority, country_pl):
    project = factories.ProjectFactory(
        reference="UOP-2026-001",
        title="Repair hub for armoured vehicles",
        enterprise=enterprise,
        priority=priority,
    )
    project.candidate_countries.add(country_pl)
    return project


@pytest.fixture
def own_project(enterprise):
    """A plain project of the industry user's enterprise."""
    return factories.ProjectFactory(enterprise=enterprise)


@pytest.fixture
def restricted_commitment(project, country_pl):
    return factories.CommitmentFactory(
        project=project,
        priority=project.priority,
        country=country_pl,
        item="Secret shells",
        marking=Marking.RESTRICTED,
    )


@pytest.fixture
def pl_commitment(country_pl):
    return factories.CommitmentFactory(country=country_pl, item="155 mm rounds", quantity=100)


@pytest.fixture
def pl_restricted(country_pl):
    return factories.CommitmentFactory(country=country_pl, marking=Marking.RESTRICTED, item="Secret PL item")


@pytest.fixture
def de_restricted(country_de, own_project):
    return factories.CommitmentFactory(
        country=country_de, marking=Marking.RESTRICTED, project=own_project, item="Secret DE item"
    )


# The world at a chosen size


def populate(size: int, *, priorities, enterprise, countries, owner, actor) -> list:
    """`size` projects per priority, each with commitments, contacts, follow-ups and history."""
    today = timezone.localdate()
    capability = factories.CapabilityFactory(code="artillery")
    projects = []
    for priority in priorities:
        for n in range(size):
            project = factories.ProjectFactory(
                priority=priority, enterprise=enterprise, capability=capability, owner=owner
            )
            project.candidate_countries.set(countries)
            project_services.change_status(
                project,
                status=Status.SEEKING_PARTNERS,
                health="on_track",
                by=actor,
                comment=f"move {n}",
                expected_version=ANY_VERSION,
            )
            country = countries[n % len(countries)]
            factories.CommitmentFactory(
                project=project,
                priority=priority,
                capability=capability,
                country=country,
                quantity=100,
                delivered_quantity=n,
            )
            factories.CommitmentFactory(
                project=project,
                priority=priority,
                capability=capability,
                country=country,
                quantity=None,
                unit="",
                amount=Decimal("1000000"),
                currency=["EUR", "USD"][n % 2],
                paid_amount=Decimal(n * 1000),
                marking=Marking.RESTRICTED if n % 3 == 0 else Marking.OFFICIAL,
                stage=[Stage.PLEDGED, Stage.IN_DELIVERY, Stage.DISCUSSED][n % 3],
            )
            contact = factories.ContactFactory(country=country, held_on=today - datetime.timedelta(days=n))
            contact.projects.add(project)
            factories.FollowUpFactory(
                project=project, owner=owner, due_on=today + datetime.timedelta(days=n % 10 - 3)
            )
            factories.FollowUpFactory(
                project=None,
                contact=contact,
                country=country,
                owner=actor,
                due_on=today - datetime.timedelta(days=1),
            )
            projects.append(project)
    return projects
