"""Creating and editing a project: who may, validation next to fields, lost-update check."""

import pytest
from django.urls import reverse

from tests import factories
from tracker.history.models import Change
from tracker.projects import services
from tracker.projects.models import Project

CREATE = reverse("projects:create")


def edit_url(project) -> str:
    return reverse("projects:edit", args=[project.pk])


@pytest.fixture
def capability(db):
    return factories.CapabilityFactory(code="artillery", name="Artillery")


def fields(org, prio, cap, **overrides) -> dict:
    """The POST data of a valid project form, with `overrides`."""
    data = {
        "reference": "UOP-2026-050",
        "title": "Shell casing line",
        "description": "A line for 155 mm shell casings.",
        "enterprise": org.pk,
        "priority": prio.pk,
        "capability": cap.pk,
        "assistance": "financing",
        "estimated_value": "2500000",
        "currency": "EUR",
        "owner": "",
        "target_date": "2027-03-01",
    }
    data.update(overrides)
    return data


def test_coordinator_creates_a_project_with_history(
    client, coordinator, enterprise, priority, capability, country_pl
):
    client.force_login(coordinator)
    assert client.get(CREATE).status_code == 200
    data = fields(enterprise, priority, capability, candidate_countries=[country_pl.pk])
    response = client.post(CREATE, data)
    project = Project.objects.get(reference="UOP-2026-050")
    assert response.status_code == 302 and response["Location"] == project.get_absolute_url()
    assert list(project.candidate_countries.all()) == [country_pl]
    assert Change.objects.get(project=project).action == "created"


def test_industry_staff_create_only_for_their_own_organisation(
    client, industry_user, enterprise, priority, capability
):
    client.force_login(industry_user)
    stranger = factories.OrganisationFactory(code="other-plant")
    response = client.post(CREATE, fields(stranger, priority, capability))
    assert response.status_code == 422
    assert "Select a valid choice" in response.content.decode()
    assert client.post(CREATE, fields(enterprise, priority, capability)).status_code == 302


@pytest.mark.parametrize("role", ["viewer", "embassy_pl"])
def test_readers_cannot_create(request, client, role, enterprise, priority, capability):
    client.force_login(request.getfixturevalue(role))
    assert client.get(CREATE).status_code == 403
    assert client.post(CREATE, fields(enterprise, priority, capability)).status_code == 403
    assert not Project.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"title": ""}, "title", "This field is required."),
        ({"title": "x" * 201}, "title", "at most 200 characters"),
        ({"target_date": "2027-02-31"}, "target_date", "Enter a valid date."),
        ({"target_date": "tomorrow"}, "target_date", "Enter a valid date."),
        ({"estimated_value": "lots"}, "estimated_value", "Enter a number."),
        ({"estimated_value": "-5"}, "estimated_value", "greater than or equal to 0"),
        ({"currency": ""}, "currency", "Give the currency of the estimated value."),
        ({"currency": "XYZ"}, "currency", "Select a valid choice"),
        ({"priority": "999999"}, "priority", "Select a valid choice"),
        ({"priority": "abc"}, "priority", "Select a valid choice"),
        ({"reference": "has spaces"}, "reference", "Enter a valid “slug”"),
        ({"candidate_countries": ["999999"]}, "candidate_countries", "Select a valid choice"),
    ],
)
def test_bad_input_shows_next_to_the_field_and_keeps_the_input(
    client, coordinator, enterprise, priority, capability, country_pl, overrides, field, message
):
    client.force_login(coordinator)
    response = client.post(CREATE, fields(enterprise, priority, capability, **overrides))
    assert response.status_code == 422
    form = response.context["form"]
    assert message in " ".join(form.errors[field])
    assert 'aria-invalid="true"' in response.content.decode()
    assert (
        'value="A line for 155 mm shell casings."' not in response.content.decode()
    )  # textarea keeps it inside
    assert "A line for 155 mm shell casings." in response.content.decode()
    assert not Project.objects.exists()


def test_duplicate_reference_is_refused(client, coordinator, project, enterprise, priority, capability):
    client.force_login(coordinator)
    response = client.post(CREATE, fields(enterprise, priority, capability, reference=project.reference))
    assert response.status_code == 422
    assert "reference" in response.context["form"].errors


def test_editor_edits_details_with_history(client, industry_user, project, enterprise, priority, capability):
    client.force_login(industry_user)
    page = client.get(edit_url(project))
    assert page.status_code == 200 and 'name="version" value="1"' in page.content.decode()
    data = fields(enterprise, priority, capability, reference=project.reference, title="New title", version=1)
    response = client.post(edit_url(project), data)
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.title == "New title" and project.version == 2
    change = Change.objects.get(project=project, action="changed")
    assert change.fields["title"] == ["Repair hub for armoured vehicles", "New title"]


def test_edit_over_a_newer_version_shows_the_conflict_and_keeps_the_input(
    client, coordinator, project, enterprise, priority, capability
):
    services.update_project(project, {"title": "Their title"}, by=coordinator, expected_version=1)
    client.force_login(coordinator)
    data = fields(enterprise, priority, capability, reference=project.reference, title="My title", version=1)
    response = client.post(edit_url(project), data)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone else saved this record after you opened it." in html
    assert "Their title" in html and 'value="My title"' in html
    assert 'name="version" value="2"' in html
    # Saving again applies the user's values over theirs.
    data["version"] = 2
    assert client.post(edit_url(project), data).status_code == 302
    project.refresh_from_db()
    assert project.title == "My title"


def test_edit_without_a_version_asks_to_reload(
    client, coordinator, project, enterprise, priority, capability
):
    client.force_login(coordinator)
    data = fields(enterprise, priority, capability, reference=project.reference)
    response = client.post(edit_url(project), data)
    assert response.status_code == 422
    assert "reload the page" in response.content.decode()


@pytest.mark.parametrize("role", ["viewer", "embassy_pl", "other_industry_user"])
def test_others_cannot_edit(request, client, role, project, enterprise, priority, capability):
    client.force_login(request.getfixturevalue(role))
    assert client.get(edit_url(project)).status_code == 403
    data = fields(enterprise, priority, capability, reference=project.reference, version=1)
    assert client.post(edit_url(project), data).status_code == 403


def test_edit_of_unknown_project_answers_404(client, coordinator):
    client.force_login(coordinator)
    assert client.get("/projects/999999/edit/").status_code == 404
    assert client.post("/projects/999999/edit/", {}).status_code == 404
