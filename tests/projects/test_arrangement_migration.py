"""Existing projects survive the joint-production migration: the arrangement is filled from
the assistance they asked for where that names one arrangement (PostgreSQL, real migrations)."""

import pytest

from tests.migrating import migrate, migrated_to

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("projects", "0002_project_search_index")]
AFTER = [("projects", "0004_arrangement_from_assistance")]


@pytest.fixture
def old_shape():
    """The database as it was before milestones and arrangements; the latest schema after."""
    with migrated_to(BEFORE) as apps:
        yield apps


def test_arrangement_comes_from_the_assistance_where_it_is_unambiguous(old_shape):
    Project = old_shape.get_model("projects", "Project")
    Organisation = old_shape.get_model("reference", "Organisation")
    fields = Project._meta.get_fields()
    assert "arrangement" not in {f.name for f in fields}  # really the old shape
    common = {
        "enterprise": Organisation.objects.create(code="plant", name="Plant", kind="enterprise"),
        "priority": old_shape.get_model("reference", "Priority").objects.create(
            code="p3", number=3, name="P3"
        ),
        "capability": old_shape.get_model("reference", "CapabilityCategory").objects.create(
            code="c", name="C"
        ),
        "estimated_value": 1000,
        "currency": "EUR",
    }
    for reference, assistance in [
        ("co-production", "co_production"),
        ("repair-base", "repair_base"),
        ("technology", "technology_transfer"),
        ("financing", "financing"),
        ("components", "components"),
        ("supply", "supply"),
    ]:
        Project.objects.create(reference=reference, title=reference, assistance=assistance, **common)

    apps = migrate(AFTER)

    Project = apps.get_model("projects", "Project")
    arrangements = dict(Project.objects.values_list("reference", "arrangement"))
    assert arrangements == {
        "co-production": "co_production",
        "repair-base": "repair_hub",
        "technology": "licence",
        "financing": "",
        "components": "",
        "supply": "",
    }
    kept = Project.objects.get(reference="financing")
    assert (kept.assistance, kept.estimated_value, kept.currency) == ("financing", 1000, "EUR")
    assert kept.capacity_quantity is None and kept.location_country == "" and kept.localisation_share is None
    assert apps.get_model("projects", "Milestone").objects.count() == 0
