"""Bulk changes: several projects or follow-ups changed in one action, each through the
single edit's version-checked service with its own history line; refusals listed."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests import factories
from tests.queries import count_queries
from tracker.followups.models import FollowUp, State
from tracker.history.models import Change
from tracker.projects.models import Project, Status

pytestmark = pytest.mark.django_db
PROJECTS = reverse("projects:bulk")
FOLLOWUPS = reverse("followups:bulk")


def items(*objects) -> list[str]:
    return [f"{obj.pk}:{obj.version}" for obj in objects]


def messages_of(client: Client, url: str) -> str:
    return client.get(url).content.decode()


@pytest.fixture
def three(enterprise):
    return [factories.ProjectFactory(enterprise=enterprise, reference=f"UOP-2026-10{n}") for n in range(3)]


def test_coordinator_moves_several_projects_each_with_its_history_line(client, coordinator, three):
    client.force_login(coordinator)
    data = {
        "item": items(*three),
        "change": "status",
        "status": Status.SEEKING_PARTNERS,
        "comment": "Weekly review",
        "next": "/projects/?q=x",
    }
    response = client.post(PROJECTS, data)
    assert response.status_code == 302 and response["Location"] == "/projects/?q=x"
    for project in three:
        project.refresh_from_db()
        assert project.status == Status.SEEKING_PARTNERS
        assert project.changes.get(action="status").comment == "Weekly review"
    assert "3 projects changed." in messages_of(client, "/projects/?view=none")


def test_a_stale_or_refused_project_is_listed_and_the_others_are_saved(client, coordinator, three):
    stale, fine, completed = three
    Project.objects.filter(pk=stale.pk).update(version=stale.version + 1)  # someone saved it since
    Project.objects.filter(pk=completed.pk).update(status=Status.COMPLETED)
    completed.refresh_from_db()
    client.force_login(coordinator)
    data = {
        "item": items(stale, fine, completed),
        "change": "status",
        "status": Status.ON_HOLD,
        "comment": "Paused",
    }
    client.post(PROJECTS, data)
    statuses = dict(Project.objects.filter(pk__in=[p.pk for p in three]).values_list("reference", "status"))
    assert statuses == {
        stale.reference: Status.IDENTIFIED,
        fine.reference: Status.ON_HOLD,
        completed.reference: Status.COMPLETED,
    }
    page = messages_of(client, "/projects/?view=none")
    assert "1 project changed." in page
    assert f"Not changed: {stale.reference}. Someone else changed it after you opened the list." in page
    assert f"Not changed: {completed.reference}." in page


def test_owner_and_target_date_in_bulk(client, coordinator, three):
    client.force_login(coordinator)
    owner = factories.coordinator(username="new-owner")
    client.post(
        PROJECTS, {"item": items(*three[:2]), "change": "owner", "owner": owner.pk, "comment": "Handover"}
    )
    assert set(Project.objects.filter(owner=owner).values_list("pk", flat=True)) == {three[0].pk, three[1].pk}
    assert Change.objects.filter(project=three[0], comment="Handover").exists()
    for project in three:
        project.refresh_from_db()
    client.post(
        PROJECTS,
        {"item": items(*three), "change": "target_date", "target_date": "2027-03-01", "comment": "Slip"},
    )
    assert {p.target_date for p in Project.objects.filter(pk__in=[p.pk for p in three])} == {
        datetime.date(2027, 3, 1)
    }


def test_industry_staff_change_only_their_own_projects(client, industry_user, three):
    other = factories.ProjectFactory(reference="UOP-2026-999")
    client.force_login(industry_user)
    client.post(
        PROJECTS,
        {"item": items(three[0], other), "change": "status", "status": Status.ON_HOLD, "comment": "x"},
    )
    three[0].refresh_from_db()
    other.refresh_from_db()
    assert three[0].status == Status.ON_HOLD and other.status == Status.IDENTIFIED
    assert "Not changed: UOP-2026-999. You may not change it." in messages_of(client, "/projects/?view=none")


@pytest.mark.parametrize("role", ["viewer", "embassy_pl"])
def test_readers_and_embassies_may_not_bulk_change_projects(request, client, role, three):
    client.force_login(request.getfixturevalue(role))
    data = {"item": items(*three), "change": "status", "status": Status.ON_HOLD, "comment": "x"}
    assert client.post(PROJECTS, data).status_code == 403
    assert not Project.objects.filter(status=Status.ON_HOLD).exists()


def test_nothing_selected_or_no_value_changes_nothing(client, coordinator, three):
    client.force_login(coordinator)
    client.post(PROJECTS, {"change": "status", "status": Status.ON_HOLD, "comment": "x"})
    client.post(PROJECTS, {"item": items(*three), "change": "status", "status": "", "comment": "x"})
    client.post(
        PROJECTS, {"item": items(*three), "change": "status", "status": Status.ON_HOLD, "comment": ""}
    )
    client.post(
        PROJECTS, {"item": ["x:y", "1:"], "change": "status", "status": Status.ON_HOLD, "comment": "x"}
    )
    assert not Project.objects.filter(status=Status.ON_HOLD).exists()
    page = messages_of(client, "/projects/?view=none")
    assert "Select at least one project." in page and "Nothing was changed." in page


def test_unseen_or_unknown_rows_are_reported_not_found(client, coordinator):
    client.force_login(coordinator)
    client.post(
        PROJECTS, {"item": ["999999:1"], "change": "status", "status": Status.ON_HOLD, "comment": "x"}
    )
    assert "Not changed: #999999. Not found" in messages_of(client, "/projects/?view=none")


def test_the_list_offers_checkboxes_to_editors_only(client, coordinator, viewer, three):
    client.force_login(coordinator)
    page = client.get("/projects/?view=none").content.decode()
    assert f'value="{three[0].pk}:{three[0].version}" form="bulk-projects"' in page
    assert f'action="{PROJECTS}"' in page
    client.force_login(viewer)
    page = client.get("/projects/?view=none").content.decode()
    assert 'form="bulk-projects"' not in page and f'action="{PROJECTS}"' not in page


def test_bulk_cost_grows_with_the_rows_changed_not_with_the_data(client, coordinator, three):
    client.force_login(coordinator)

    def run(projects, status) -> int:
        for project in projects:
            project.refresh_from_db()
        data = {"item": items(*projects), "change": "status", "status": status, "comment": "x"}
        return count_queries(lambda: client.post(PROJECTS, data))

    one = run(three[:1], Status.SEEKING_PARTNERS)
    factories.ProjectFactory.create_batch(20)
    assert run(three[1:2], Status.SEEKING_PARTNERS) == one


# Follow-ups


@pytest.fixture
def mine(embassy_pl):
    today = timezone.localdate()
    return [
        factories.FollowUpFactory(
            title=f"Task {n}", owner=embassy_pl, due_on=today + datetime.timedelta(days=n)
        )
        for n in range(3)
    ]


def test_owner_closes_several_follow_ups_at_once(client, embassy_pl, mine):
    client.force_login(embassy_pl)
    client.post(
        FOLLOWUPS, {"item": items(*mine), "change": "state", "state": State.DONE, "comment": "All sent"}
    )
    assert set(FollowUp.objects.values_list("state", flat=True)) == {State.DONE}
    assert Change.objects.filter(followup=mine[0], comment="All sent").count() == 1
    assert "3 follow-ups changed." in messages_of(client, "/follow-ups/?view=none")


def test_re_date_and_re_assign_follow_ups_in_bulk(client, coordinator, embassy_pl, mine):
    client.force_login(coordinator)
    day = timezone.localdate() + datetime.timedelta(days=30)
    client.post(
        FOLLOWUPS,
        {"item": items(*mine), "change": "due_on", "due_on": day.isoformat(), "comment": "Partner asked"},
    )
    assert set(FollowUp.objects.values_list("due_on", flat=True)) == {day}
    for followup in mine:
        followup.refresh_from_db()
    client.post(
        FOLLOWUPS,
        {"item": items(*mine[:1]), "change": "owner", "owner": coordinator.pk, "comment": "Taking it"},
    )
    assert FollowUp.objects.get(pk=mine[0].pk).owner == coordinator


def test_a_past_due_date_is_refused_for_all(client, embassy_pl, mine):
    client.force_login(embassy_pl)
    client.post(FOLLOWUPS, {"item": items(*mine), "change": "due_on", "due_on": "2001-01-01", "comment": "x"})
    assert not FollowUp.objects.filter(due_on=datetime.date(2001, 1, 1)).exists()


def test_someone_elses_follow_ups_are_refused_and_listed(client, embassy_de, mine):
    client.force_login(embassy_de)
    client.post(FOLLOWUPS, {"item": items(*mine), "change": "state", "state": State.DONE, "comment": "x"})
    assert set(FollowUp.objects.values_list("state", flat=True)) == {State.OPEN}


def test_the_follow_ups_page_offers_checkboxes_and_the_form(client, embassy_pl, mine):
    client.force_login(embassy_pl)
    page = client.get("/follow-ups/?view=none").content.decode()
    assert f'value="{mine[0].pk}:{mine[0].version}" form="bulk-followups"' in page
    assert f'action="{FOLLOWUPS}"' in page
