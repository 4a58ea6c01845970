"""The database refuses invalid rows even when forms and services are bypassed."""

import pytest

from tests import factories
from tests.database import refused
from tracker.history.models import Change

pytestmark = pytest.mark.django_db


def test_history_row_has_exactly_one_subject():
    project = factories.ProjectFactory()
    commitment = factories.CommitmentFactory()
    assert refused(lambda: Change.objects.create(action="created"))
    assert refused(lambda: Change.objects.create(action="created", project=project, commitment=commitment))
