"""The admin maintains reference data: every model's pages load for a superuser."""

import pytest
from django.contrib import admin
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_with_data(client):
    user = factories.coordinator(username="root", is_staff=True, is_superuser=True)
    commitment = factories.CommitmentFactory()
    factories.ContactFactory(country=commitment.partner.country)
    factories.FollowUpFactory(commitment=commitment)
    client.force_login(user)
    return client


@pytest.mark.parametrize("model", list(admin.site._registry), ids=lambda m: m._meta.label)
def test_changelist_add_and_change_pages_load(admin_client_with_data, model):
    prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    assert admin_client_with_data.get(reverse(f"{prefix}_changelist")).status_code == 200
    add = admin_client_with_data.get(reverse(f"{prefix}_add"))
    assert add.status_code in (200, 403)  # history is append-only: no add page
    obj = model.objects.first()
    if obj is not None:
        change = admin_client_with_data.get(reverse(f"{prefix}_change", args=[obj.pk]))
        assert change.status_code == 200


def test_history_cannot_be_added_edited_or_deleted_in_the_admin(admin_client_with_data):
    from tracker.history.models import Change

    change = Change.objects.create(project=factories.ProjectFactory(), action="created")
    assert admin_client_with_data.get(reverse("admin:history_change_add")).status_code == 403
    response = admin_client_with_data.post(
        reverse("admin:history_change_delete", args=[change.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert Change.objects.filter(pk=change.pk).exists()


def test_editing_a_project_in_the_admin_writes_history(admin_client_with_data):
    from tracker.history.models import Change

    project = factories.ProjectFactory(title="Before")
    url = reverse("admin:projects_project_change", args=[project.pk])
    form = admin_client_with_data.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(
        title="After",
        enterprise=project.enterprise_id,
        priority=project.priority_id,
        capability=project.capability_id,
        candidate_countries=[],
        **{"milestones-TOTAL_FORMS": "0", "milestones-INITIAL_FORMS": "0"},
    )
    data = {k: v for k, v in data.items() if k not in ("status", "health", "health_reason")}
    response = admin_client_with_data.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    project.refresh_from_db()
    assert project.title == "After"
    assert Change.objects.get(project=project).fields["title"] == ["Before", "After"]
