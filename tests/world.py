"""Fixtures for page tests: two partners, every role, public and restricted commitments."""

import pytest

from tests import factories
from tracker.commitments.models import Marking


@pytest.fixture
def plant(db):
    return factories.OrganisationFactory(code="plant")


@pytest.fixture
def own_project(plant):
    return factories.ProjectFactory(enterprise=plant)


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


@pytest.fixture
def embassy_pl(country_pl):
    return factories.embassy(country_pl, username="embassy-pl")


@pytest.fixture
def embassy_de(country_de):
    return factories.embassy(country_de, username="embassy-de")


@pytest.fixture
def industry_user(plant):
    return factories.industry(plant, username="industry")


def user_with_role(role: str, country, organisation):
    """A user of the role, scoped to `country` (embassy) or `organisation` (industry)."""
    if role == "embassy":
        return factories.embassy(country)
    if role == "industry":
        return factories.industry(organisation)
    return {"coordinator": factories.coordinator, "viewer": factories.viewer}[role]()
