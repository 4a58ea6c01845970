"""The database refuses invalid rows even when forms and services are bypassed."""

import pytest

from tests import factories
from tests.database import refused
from tracker.followups.models import FollowUp

pytestmark = pytest.mark.django_db


def test_followup_needs_a_subject_and_closed_ones_a_completion_time():
    owner = factories.UserFactory()
    assert refused(lambda: FollowUp.objects.create(title="x", owner=owner, due_on="2026-01-01"))
    followup = factories.FollowUpFactory()
    assert refused(lambda: FollowUp.objects.filter(pk=followup.pk).update(state="done"))
