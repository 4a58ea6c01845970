"""The admin edits a project's partner companies and milestones through the history path."""

import pytest
from django.urls import reverse

from tests import factories
from tests.projects.joint_data import days, partner_company, repair_hub
from tracker.history.models import Change

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(factories.coordinator(username="root", is_staff=True, is_superuser=True))
    return client


def change_form_data(client, project) -> dict:
    """The admin change form of `project` as it would be posted back unchanged."""
    url = reverse("admin:projects_project_change", args=[project.pk])
    response = client.get(url)
    form = response.context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(
        enterprise=project.enterprise_id,
        priority=project.priority_id,
        capability=project.capability_id,
        candidate_countries=[],
        partner_companies=[c.pk for c in project.partner_companies.all()],
    )
    data = {k: v for k, v in data.items() if k not in ("status", "health", "health_reason")}
    [inline] = response.context["inline_admin_formsets"]
    formset = inline.formset
    data.update({f"milestones-{k}": v for k, v in formset.management_form.initial.items()})
    for index, row in enumerate(formset.forms):
        data[f"milestones-{index}-id"] = row.instance.pk
        data[f"milestones-{index}-project"] = project.pk
        data[f"milestones-{index}-kind"] = row.instance.kind
        data[f"milestones-{index}-planned_on"] = row.instance.planned_on or ""
        data[f"milestones-{index}-actual_on"] = row.instance.actual_on or ""
    return data


def test_admin_redates_adds_and_deletes_milestones_with_history(admin_client):
    project = repair_hub(partner_company("vistula", "PL"))
    data = change_form_data(admin_client, project)
    site_ready = project.milestones.get(kind="site_ready")
    assert data["milestones-1-id"] == site_ready.pk
    data["milestones-1-planned_on"] = str(days(20))
    data["milestones-2-DELETE"] = "on"
    data["milestones-TOTAL_FORMS"] = 4
    data.update(
        {
            "milestones-3-kind": "full_rate",
            "milestones-3-planned_on": str(days(365)),
            "milestones-3-project": project.pk,
        }
    )
    response = admin_client.post(reverse("admin:projects_project_change", args=[project.pk]), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert {m.kind: m.planned_on for m in project.milestones.all()} == {
        "agreement_signed": days(-60),
        "site_ready": days(20),
        "full_rate": days(365),
    }
    change = Change.objects.filter(project=project).exclude(fields={}).get()
    assert change.comment == "admin"
    assert change.fields == {
        "milestone:site_ready:planned_on": [str(days(-10)), str(days(20))],
        "milestone:first_unit:planned_on": [str(days(90)), None],
        "milestone:full_rate:planned_on": [None, str(days(365))],
    }


def test_admin_records_partner_companies_in_the_history(admin_client):
    project = repair_hub(partner_company("vistula", "PL", name="Vistula Defence"))
    nordkapp = partner_company("nordkapp", "NO", name="Nordkapp Munitions")
    data = change_form_data(admin_client, project)
    data["partner_companies"] = [nordkapp.pk]
    response = admin_client.post(reverse("admin:projects_project_change", args=[project.pk]), data)
    assert response.status_code == 302
    assert list(project.partner_companies.all()) == [nordkapp]
    [before, after] = Change.objects.get(project=project).fields["partner_companies"]
    assert [ref["label"] for ref in before] == ["Vistula Defence"]
    assert [ref["label"] for ref in after] == ["Nordkapp Munitions"]


def test_admin_offers_only_partner_companies(admin_client):
    project = repair_hub(partner_company("vistula", "PL"))
    data = change_form_data(admin_client, project)
    data["partner_companies"] = [project.enterprise_id]
    response = admin_client.post(reverse("admin:projects_project_change", args=[project.pk]), data)
    assert response.status_code == 200
    assert "partner_companies" in response.context["adminform"].form.errors


def test_admin_refuses_an_incomplete_capacity_with_the_rule(admin_client):
    project = repair_hub(partner_company("vistula", "PL"))
    data = change_form_data(admin_client, project)
    data["capacity_period"] = ""
    response = admin_client.post(reverse("admin:projects_project_change", args=[project.pk]), data)
    assert response.status_code == 200
    assert (
        "A planned capacity is a quantity above zero with its unit and its period."
        in response.content.decode()
    )
