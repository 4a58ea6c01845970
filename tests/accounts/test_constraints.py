"""The database refuses invalid rows even when forms and services are bypassed."""

import pytest

from tests.database import refused
from tracker.accounts.models import User

pytestmark = pytest.mark.django_db


def test_industry_user_needs_an_organisation():
    assert refused(lambda: User.objects.create(username="nobody", role="industry"))
