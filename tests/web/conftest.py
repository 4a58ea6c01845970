"""People and things the page tests share: one of each role, and a project of each kind."""

import pytest

from tests import factories
from tracker.commitments.models import Marking


@pytest.fixture
def enterprise(db):
    return factories.OrganisationFactory(code="kharkiv-works", name="Kharkiv Armour Works")


@pytest.fixture
def industry_user(enterprise):
    return factories.industry(enterprise, username="industry")


@pytest.fixture
def other_industry_user(db):
    return factories.industry(username="other-industry")


@pytest.fixture
def embassy_pl(country_pl):
    return factories.embassy(country_pl, username="embassy-pl")


@pytest.fixture
def embassy_de(country_de):
    return factories.embassy(country_de, username="embassy-de")


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
def restricted_commitment(project, country_pl):
    return factories.CommitmentFactory(
        project=project,
        priority=project.priority,
        country=country_pl,
        item="Secret shells",
        marking=Marking.RESTRICTED,
    )
