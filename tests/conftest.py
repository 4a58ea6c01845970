"""The suite runs against the PostgreSQL and Redis named by DATABASE_URL and REDIS_URL
(`make test` points them at the local servers; tests/environment.py gives each xdist
worker its own). The fixtures every test shares are the world of tests/world.py."""

import pytest
from django.conf import settings
from django.utils import translation

pytest_plugins = ["tests.world"]


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Hashing a password the production way takes a third of a second; tests make many."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def language_reset():
    """A request in Ukrainian leaves Ukrainian active in the thread (the locale middleware
    activates, nothing deactivates): the next test, if it makes no request, starts in English."""
    yield
    translation.activate(settings.LANGUAGE_CODE)
