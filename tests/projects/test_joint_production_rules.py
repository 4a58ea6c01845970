"""Priority-3 rules kept by the database, whatever writes the row (imports, shell, races)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from tests import factories
from tests.projects.joint_data import days, partner_company, repair_hub, shell_licence
from tracker.history import lines
from tracker.history.models import Change
from tracker.projects import services
from tracker.projects.models import Location, Milestone, MilestoneKind, Project

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """Labels are read outside a request here: in English, whatever an earlier test activated."""
    with translation.override("en"):
        yield


def refused(project_id: int, **values) -> str:
    """The name of the constraint that refuses writing `values` to the project."""
    with pytest.raises(IntegrityError) as error, transaction.atomic():
        Project.objects.filter(pk=project_id).update(**values)
    return str(error.value)


@pytest.mark.parametrize(
    ("values", "constraint"),
    [
        ({"arrangement": "franchise"}, "project_arrangement_valid"),
        ({"location_country": "pl"}, "project_location_country_code"),
        ({"location_country": "", "location_city": "Rzeszów"}, "project_location_city_has_country"),
        ({"capacity_period": "week"}, "project_capacity_period_valid"),
        ({"capacity_unit": ""}, "project_capacity_complete"),
        ({"capacity_period": ""}, "project_capacity_complete"),
        ({"capacity_quantity": None}, "project_capacity_complete"),
        ({"capacity_quantity": 0}, "project_capacity_complete"),
        ({"localisation_share": 101}, "project_localisation_share_percent"),
        ({"needed_quantity": 5}, "project_needed_quantity_has_unit"),
        ({"needed_unit": "rounds"}, "project_needed_quantity_has_unit"),
        ({"needed_quantity": 0, "needed_unit": "rounds"}, "project_needed_quantity_has_unit"),
    ],
)
def test_database_refuses_incomplete_or_impossible_joint_production_values(values, constraint):
    project = repair_hub(partner_company("vistula", "PL"))
    assert constraint in refused(project.pk, **values)


def test_a_project_without_joint_production_leaves_every_field_empty():
    project = factories.ProjectFactory()
    project.full_clean()
    assert project.arrangement == "" and project.location == "" and project.capacity_quantity is None


@pytest.mark.parametrize(
    ("values", "constraint"),
    [
        ({"kind": "launch_party"}, "milestone_kind_valid"),
        ({"planned_on": None, "actual_on": None}, "milestone_has_a_date"),
        ({"planned_on": datetime.date(1, 1, 1)}, "milestone_planned_plausible"),
        ({"actual_on": datetime.date(2200, 1, 1)}, "milestone_actual_plausible"),
        ({"kind": MilestoneKind.SITE_READY}, "milestone_one_per_kind"),
    ],
)
def test_database_refuses_impossible_milestones(values, constraint):
    project = repair_hub(partner_company("vistula", "PL"))
    first = project.milestones.get(kind=MilestoneKind.AGREEMENT_SIGNED)
    with pytest.raises(IntegrityError) as error, transaction.atomic():
        Milestone.objects.filter(pk=first.pk).update(**values)
    assert constraint in str(error.value)


def test_model_validation_says_what_is_wrong_for_the_admin_and_imports():
    project = repair_hub(partner_company("vistula", "PL"))
    project.capacity_period = ""
    project.localisation_share = 120
    with pytest.raises(ValidationError) as error:
        project.full_clean()
    messages = " ".join(error.value.messages)
    assert "A planned capacity is a quantity above zero with its unit and its period." in messages
    assert "Ensure this value is less than or equal to 100." in messages


def test_location_is_in_ukraine_or_abroad():
    company = partner_company("vistula", "PL")
    assert repair_hub(company).location == Location.ABROAD
    licence = shell_licence()
    assert licence.location == Location.UKRAINE and licence.get_location_display() == "in Ukraine"
    assert factories.ProjectFactory().get_location_display() == ""


def test_a_milestone_is_late_when_reached_after_plan_or_overdue():
    project = repair_hub(partner_company("vistula", "PL"))
    late = {m.kind: m.is_late for m in project.milestones.all()}
    # signed ten days after plan; site due ten days ago and not ready; first unit still ahead
    assert late == {"agreement_signed": True, "site_ready": True, "first_unit": False}
    on_time = Milestone(
        project=project, kind=MilestoneKind.FULL_RATE, planned_on=days(-5), actual_on=days(-6)
    )
    assert not on_time.is_late
    assert not Milestone(project=project, kind=MilestoneKind.FULL_RATE, actual_on=days(-1)).is_late


def test_milestones_come_in_their_order_not_alphabetically():
    project = repair_hub(partner_company("vistula", "PL"))
    Milestone.objects.create(project=project, kind=MilestoneKind.FULL_RATE, planned_on=days(300))
    assert [m.kind for m in project.milestones.in_order()] == [
        "agreement_signed",
        "site_ready",
        "first_unit",
        "full_rate",
    ]


def test_milestone_dates_read_as_lines_of_the_project_history(coordinator):
    project = factories.ProjectFactory()
    services.save_milestones(
        project, {MilestoneKind.FIRST_UNIT: (datetime.date(2027, 3, 1), None)}, by=coordinator
    )
    services.save_milestones(
        project,
        {MilestoneKind.FIRST_UNIT: (datetime.date(2027, 4, 1), None), MilestoneKind.SITE_READY: (None, None)},
        by=coordinator,
    )
    later, first = lines.with_rows(Change.objects.filter(project=project), None)
    assert first.fields == {"milestone:first_unit:planned_on": [None, "2027-03-01"]}
    assert later.rows == [("Milestone “First unit”, planned date", "1 Mar 2027", "1 Apr 2027")]
    assert lines.describe(later) == "Milestone “First unit”, planned date: 1 Mar 2027 → 1 Apr 2027"


def test_new_fields_read_as_labels_in_the_history(coordinator):
    project = factories.ProjectFactory()
    company = partner_company("vistula", "PL", name="Vistula Defence")
    services.update_project(
        project,
        {
            "arrangement": "joint_venture",
            "location_country": "PL",
            "capacity_quantity": 30,
            "capacity_unit": "repairs",
            "capacity_period": "month",
            "partner_companies": [company],
        },
        by=coordinator,
        expected_version=project.version,
    )
    [change] = lines.with_rows(Change.objects.filter(project=project), None)
    assert set(change.rows) == {
        ("Arrangement", "—", "Joint venture"),
        ("Location country", "—", "Poland"),
        ("Planned capacity", "—", "30"),
        ("Capacity unit", "—", "repairs"),
        ("Capacity period", "—", "per month"),
        ("Partner companies", "—", "Vistula Defence"),
    }
