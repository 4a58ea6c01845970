"""The database refuses invalid rows even when forms and services are bypassed."""

import pytest

from tests import factories
from tests.database import refused
from tracker.projects.models import Project

pytestmark = pytest.mark.django_db


def test_project_at_risk_needs_a_reason_and_value_needs_currency():
    project = factories.ProjectFactory()
    assert refused(lambda: Project.objects.filter(pk=project.pk).update(health="at_risk", health_reason=""))
    assert refused(lambda: Project.objects.filter(pk=project.pk).update(currency=""))
    assert refused(lambda: Project.objects.filter(pk=project.pk).update(status="dreaming"))


def test_project_reference_is_unique():
    project = factories.ProjectFactory()
    assert refused(lambda: factories.ProjectFactory(reference=project.reference))
