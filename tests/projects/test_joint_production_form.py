"""Recording a joint-production project: the fieldset, partner companies, milestones, history."""

import pytest
from django.urls import reverse

from tests import factories
from tests.projects.joint_data import days, partner_company, repair_hub
from tracker.history import lines
from tracker.history.models import Change
from tracker.projects.models import Milestone, MilestoneKind, Project

pytestmark = pytest.mark.django_db

CREATE = reverse("projects:create")
KINDS = MilestoneKind.values


def milestone_rows(dates: dict | None = None) -> dict:
    """The POST data of the milestone rows: {kind: (planned, actual)} as ISO strings."""
    data = {
        "milestones-TOTAL_FORMS": "4",
        "milestones-INITIAL_FORMS": "4",
        "milestones-MIN_NUM_FORMS": "4",
        "milestones-MAX_NUM_FORMS": "4",
    }
    for index, kind in enumerate(KINDS):
        planned, actual = (dates or {}).get(kind, ("", ""))
        data[f"milestones-{index}-planned_on"] = planned
        data[f"milestones-{index}-actual_on"] = actual
    return data


@pytest.fixture
def world(db):
    return {
        "enterprise": factories.OrganisationFactory(code="riverbend-repair", name="Riverbend Repair Works"),
        "priority": factories.PriorityFactory(code="joint-production", number=3),
        "capability": factories.CapabilityFactory(code="maintenance"),
        "vistula": partner_company("vistula-defence", "PL", name="Vistula Defence Systems"),
    }


def fields(world, **overrides) -> dict:
    data = {
        "reference": "UOP-2026-150",
        "title": "Armour repair hub",
        "description": "Repairs infantry fighting vehicles near the border.",
        "enterprise": world["enterprise"].pk,
        "priority": world["priority"].pk,
        "capability": world["capability"].pk,
        "assistance": "repair_base",
        "estimated_value": "48000000",
        "currency": "EUR",
        "needed_quantity": "120",
        "needed_unit": "vehicles",
        "target_date": "2027-06-01",
        "arrangement": "joint_venture",
        "partner_companies": [world["vistula"].pk],
        "location_country": "PL",
        "location_city": "Rzeszów",
        "capacity_quantity": "30",
        "capacity_unit": "repairs",
        "capacity_period": "month",
        "localisation_share": "40",
        **milestone_rows({"agreement_signed": (str(days(30)), ""), "first_unit": (str(days(200)), "")}),
    }
    data.update(overrides)
    return data


def test_the_form_groups_joint_production_and_lists_only_partner_companies(client, coordinator, world):
    factories.OrganisationFactory(code="plant", name="Some Enterprise Plant")
    client.force_login(coordinator)
    html = client.get(CREATE).content.decode()
    fieldset = html[html.index("<legend>Joint production and repair</legend>") :]
    assert "Vistula Defence Systems (Poland)" in fieldset
    assert "Some Enterprise Plant" not in fieldset.split("Location country")[0]
    for kind in ("Agreement signed", "Site ready", "First unit", "Full rate"):
        assert f"<legend>Milestone: {kind}</legend>" in fieldset
    assert 'name="milestones-TOTAL_FORMS"' in html
    # Ukraine comes first in the location menu, then the countries by name
    assert fieldset.index('<option value="UA">Ukraine</option>') < fieldset.index('value="AF"')


def test_coordinator_records_a_joint_venture_with_milestones(client, coordinator, world):
    client.force_login(coordinator)
    response = client.post(CREATE, fields(world))
    project = Project.objects.get(reference="UOP-2026-150")
    assert response.status_code == 302 and response["Location"] == project.get_absolute_url()
    assert list(project.partner_companies.all()) == [world["vistula"]]
    assert (project.arrangement, str(project.location_country), project.location_city) == (
        "joint_venture",
        "PL",
        "Rzeszów",
    )
    assert (project.capacity_quantity, project.capacity_unit, project.capacity_period) == (
        30,
        "repairs",
        "month",
    )
    assert (project.localisation_share, project.needed_quantity, project.needed_unit) == (40, 120, "vehicles")
    assert {m.kind: m.planned_on for m in project.milestones.all()} == {
        "agreement_signed": days(30),
        "first_unit": days(200),
    }
    actions = list(Change.objects.filter(project=project).order_by("id").values_list("action", flat=True))
    assert actions == ["created", "changed"]  # the milestones' dates are a line of their own


def test_editing_redates_and_removes_milestones_with_history(client, coordinator, world):
    project = repair_hub(world["vistula"])
    client.force_login(coordinator)
    url = reverse("projects:edit", args=[project.pk])
    form = client.get(url).context["milestones"]
    assert [row.initial["planned_on"] for row in form] == [days(-60), days(-10), days(90), None]
    data = fields(
        world,
        reference=project.reference,
        version=project.version,
        **milestone_rows(
            {
                "agreement_signed": (str(days(-60)), str(days(-50))),
                "first_unit": (str(days(120)), ""),
                "full_rate": (str(days(400)), ""),
            }
        ),
    )
    response = client.post(url, data)
    assert response.status_code == 302
    assert {m.kind: (m.planned_on, m.actual_on) for m in project.milestones.all()} == {
        "agreement_signed": (days(-60), days(-50)),
        "first_unit": (days(120), None),
        "full_rate": (days(400), None),
    }
    change = Change.objects.filter(project=project).order_by("-id").first()
    assert change.fields == {
        "milestone:site_ready:planned_on": [str(days(-10)), None],
        "milestone:first_unit:planned_on": [str(days(90)), str(days(120))],
        "milestone:full_rate:planned_on": [None, str(days(400))],
    }
    [change] = lines.with_rows([change], coordinator)
    assert {label for label, _old, _new in change.rows} == {  # jsonb keeps no key order
        "Milestone “Site ready”, planned date",
        "Milestone “First unit”, planned date",
        "Milestone “Full rate”, planned date",
    }
    project.refresh_from_db()
    assert project.version == 2


def test_a_post_without_milestone_rows_leaves_them_alone(client, coordinator, world):
    project = repair_hub(world["vistula"])
    client.force_login(coordinator)
    data = {
        k: v
        for k, v in fields(world, reference=project.reference, version=1).items()
        if "milestones" not in k
    }
    assert client.post(reverse("projects:edit", args=[project.pk]), data).status_code == 302
    assert project.milestones.count() == 3


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"capacity_unit": ""}, "capacity_unit", "Give the unit of the planned capacity."),
        ({"capacity_period": ""}, "capacity_period", "Say whether the capacity is per month or per year."),
        (
            {"capacity_quantity": ""},
            "capacity_quantity",
            "Give the planned capacity, or leave its unit and period empty.",
        ),
        ({"capacity_quantity": "0"}, "capacity_quantity", "greater than or equal to 1"),
        ({"capacity_period": "week"}, "capacity_period", "Select a valid choice"),
        ({"localisation_share": "120"}, "localisation_share", "less than or equal to 100"),
        ({"localisation_share": "-1"}, "localisation_share", "greater than or equal to 0"),
        ({"needed_unit": ""}, "needed_unit", "Give the unit of the needed quantity."),
        ({"needed_quantity": ""}, "needed_quantity", "Give the needed quantity, or leave its unit empty."),
        ({"location_country": ""}, "location_country", "Give the country of the location."),
        ({"location_country": "XX"}, "location_country", "Select a valid choice"),
        ({"arrangement": "franchise"}, "arrangement", "Select a valid choice"),
        ({"partner_companies": ["1e3"]}, "partner_companies", "Select a valid choice"),
    ],
)
def test_bad_joint_production_input_is_explained_next_to_its_field(
    client, coordinator, world, overrides, field, message
):
    client.force_login(coordinator)
    response = client.post(CREATE, fields(world, **overrides))
    assert response.status_code == 422
    assert message in " ".join(response.context["form"].errors[field])
    assert not Project.objects.exists()


def test_an_enterprise_is_not_a_partner_company(client, coordinator, world):
    client.force_login(coordinator)
    response = client.post(CREATE, fields(world, partner_companies=[world["enterprise"].pk]))
    assert response.status_code == 422
    assert "Select a valid choice" in " ".join(response.context["form"].errors["partner_companies"])


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (("0001-01-01", ""), "Enter a date between 1991 and 2099."),
        (("", "2150-01-01"), "Enter a date between 1991 and 2099."),
        (("", "tomorrow"), "Enter a valid date."),
        (("", "FUTURE"), "An actual date is the day it happened: not in the future."),
    ],
)
def test_bad_milestone_dates_are_explained_on_their_row(client, coordinator, world, row, message):
    planned, actual = row
    actual = str(days(3)) if actual == "FUTURE" else actual
    client.force_login(coordinator)
    response = client.post(CREATE, fields(world, **milestone_rows({"site_ready": (planned, actual)})))
    assert response.status_code == 422
    errors = response.context["milestones"][1].errors
    assert message in " ".join(e for field_errors in errors.values() for e in field_errors)
    assert message in response.content.decode()
    assert not Project.objects.exists() and not Milestone.objects.exists()


def test_too_many_milestone_rows_are_refused(client, coordinator, world):
    client.force_login(coordinator)
    response = client.post(CREATE, fields(world, **{"milestones-TOTAL_FORMS": "9"}))
    assert response.status_code == 422
    assert not Project.objects.exists()


def test_industry_staff_record_milestones_of_their_own_projects_only(client, world):
    own = repair_hub(world["vistula"], enterprise=world["enterprise"])
    other = repair_hub(world["vistula"], reference="UOP-2026-199")
    staff = factories.industry(world["enterprise"], username="industry")
    client.force_login(staff)
    data = fields(
        world, reference=own.reference, version=1, **milestone_rows({"full_rate": (str(days(500)), "")})
    )
    assert client.post(reverse("projects:edit", args=[own.pk]), data).status_code == 302
    assert own.milestones.filter(kind="full_rate").exists()
    data["reference"] = other.reference
    assert client.post(reverse("projects:edit", args=[other.pk]), data).status_code == 403
    assert not other.milestones.filter(kind="full_rate").exists()


def test_a_stale_edit_changes_no_milestone(client, coordinator, world):
    project = repair_hub(world["vistula"])
    client.force_login(coordinator)
    url = reverse("projects:edit", args=[project.pk])
    same = {"reference": project.reference, "version": project.version}
    assert client.post(url, {**fields(world, **same), "title": "Renamed meanwhile"}).status_code == 302
    stale = fields(world, **same, **milestone_rows({"full_rate": (str(days(500)), "")}))
    response = client.post(url, stale)
    assert response.status_code == 409
    assert not project.milestones.filter(kind="full_rate").exists()
    assert response.context["milestones"][3]["planned_on"].value() == str(days(500))  # the input is kept
