"""Shared fixtures. The suite runs against the PostgreSQL and Redis named by DATABASE_URL
and REDIS_URL (`make test` points them at the local servers)."""

import pytest

from tests import factories

# Fixtures of the page tests (partners, roles, public and restricted commitments).
pytest_plugins = ["tests.world"]


@pytest.fixture
def country_pl():
    return factories.CountryFactory(code="PL")


@pytest.fixture
def country_de():
    return factories.CountryFactory(code="DE")


@pytest.fixture
def coordinator(db):
    return factories.coordinator(username="coord")


@pytest.fixture
def viewer(db):
    return factories.viewer(username="viewer")


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Hashing a password the production way takes a third of a second; tests make many."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
