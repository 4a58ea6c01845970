"""The project page: details, commitments with progress, contacts, follow-ups, timeline."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests import factories
from tests.queries import fixed_query_counts
from tests.world import populate
from tracker.commitments.models import Marking
from tracker.history.editing import ANY_VERSION
from tracker.projects import services
from tracker.projects.models import Status


def page(client, project, **headers):
    return client.get(reverse("projects:detail", args=[project.pk]), headers=headers)


@pytest.mark.parametrize("role", ["coordinator", "viewer", "embassy_pl", "embassy_de", "industry_user"])
def test_every_role_reads_the_project(request, client, project, role):
    client.force_login(request.getfixturevalue(role))
    response = page(client, project)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Repair hub for armoured vehicles" in html
    assert "Poland" in html  # candidate country
    assert 'aria-current="page"' in html


def test_editors_get_the_status_form_readers_do_not(
    client, project, coordinator, industry_user, viewer, embassy_pl
):
    form = f'hx-post="{reverse("projects:status", args=[project.pk])}"'
    for editor in (coordinator, industry_user):
        client.force_login(editor)
        html = page(client, project).content.decode()
        assert form in html and reverse("projects:edit", args=[project.pk]) in html
    for reader in (viewer, embassy_pl):
        client.force_login(reader)
        html = page(client, project).content.decode()
        assert form not in html and reverse("projects:edit", args=[project.pk]) not in html


def test_unknown_and_archived_projects_answer_404(client, coordinator):
    client.force_login(coordinator)
    assert client.get("/projects/999999/").status_code == 404
    assert client.get("/projects/abc/").status_code == 404
    archived = factories.ProjectFactory(is_archived=True)
    assert page(client, archived).status_code == 404


def test_commitments_show_progress_and_restricted_ones_only_to_their_scope(
    client, project, country_pl, restricted_commitment, viewer, embassy_pl, embassy_de
):
    factories.CommitmentFactory(
        project=project,
        country=country_pl,
        item="IFV repairs",
        quantity=60,
        unit="vehicles",
        delivered_quantity=21,
    )
    client.force_login(embassy_pl)
    html = page(client, project).content.decode()
    assert "IFV repairs" in html and 'value="35"' in html and "35%" in html
    assert "Secret shells" in html
    for outsider in (viewer, embassy_de):
        client.force_login(outsider)
        html = page(client, project).content.decode()
        assert "IFV repairs" in html
        assert "Secret shells" not in html


def test_contacts_that_mention_the_project_only_when_visible(
    client, project, country_pl, embassy_pl, embassy_de
):
    contact = factories.ContactFactory(country=country_pl, summary="Talked about the repair hub site.")
    contact.projects.add(project)
    factories.ContactFactory(country=country_pl, summary="Unrelated talk.")
    client.force_login(embassy_pl)
    html = page(client, project).content.decode()
    assert "Talked about the repair hub site." in html and "Unrelated talk." not in html
    client.force_login(embassy_de)
    assert "Talked about the repair hub site." not in page(client, project).content.decode()


def test_follow_ups_show_overdue_ones(client, coordinator, project):
    today = timezone.localdate()
    factories.FollowUpFactory(
        project=project, title="Send the site plan", due_on=today - datetime.timedelta(days=2)
    )
    factories.FollowUpFactory(
        project=project, title="Book the visit", due_on=today + datetime.timedelta(days=9)
    )
    client.force_login(coordinator)
    html = page(client, project).content.decode()
    overdue, later = (
        html.split(title)[1].split("</li>")[0] for title in ("Send the site plan", "Book the visit")
    )
    assert '<span class="due overdue">2 days overdue</span>' in overdue
    assert "overdue" not in later


def test_closed_follow_ups_show_their_state_instead_of_the_date(client, coordinator, project):
    factories.FollowUpFactory(
        project=project, title="Sent the plan", state="done", completed_at=timezone.now()
    )
    client.force_login(coordinator)
    html = page(client, project).content.decode()
    assert '<span class="badge">Done</span>' in html.split("Sent the plan")[1].split("</li>")[0]


def test_follow_ups_on_restricted_commitments_are_hidden_from_viewers(
    client, viewer, project, restricted_commitment
):
    factories.FollowUpFactory(project=project, commitment=restricted_commitment, title="Secret follow-up")
    client.force_login(viewer)
    assert "Secret follow-up" not in page(client, project).content.decode()
    assert restricted_commitment.marking == Marking.RESTRICTED


def test_timeline_lists_every_change_with_labels_old_new_and_comment(client, coordinator, project):
    services.change_status(
        project,
        status=Status.SEEKING_PARTNERS,
        health="at_risk",
        health_reason="Permit",
        by=coordinator,
        comment="Why",
        expected_version=ANY_VERSION,
    )
    client.force_login(coordinator)
    response = page(client, project)
    changes = list(response.context["changes"])
    assert len(changes) == 1
    html = response.content.decode()
    assert "Status changed" in html
    assert 'Status: <span class="old">Identified</span>' in html
    assert '<span class="new">Seeking partners</span>' in html
    assert 'Health: <span class="old">On track</span>' in html
    assert '<p class="comment">Why</p>' in html
    assert str(coordinator) in html


def test_htmx_request_for_the_page_gets_the_whole_page(client, coordinator, project):
    client.force_login(coordinator)
    assert "<html" in page(client, project, **{"HX-Request": "true"}).content.decode()


@pytest.mark.parametrize("role", ["coordinator", "viewer", "embassy_pl", "industry_user"])
def test_query_count_does_not_grow_with_data(
    request, client, role, priority, enterprise, country_pl, coordinator
):
    client.force_login(request.getfixturevalue(role))
    world = {"priorities": [priority], "enterprise": enterprise, "countries": [country_pl]}
    project = populate(1, owner=coordinator, actor=coordinator, **world)[0]

    def grow():
        """Many more commitments, contacts, follow-ups and changes on the same project."""
        for others in populate(20, owner=coordinator, actor=coordinator, **world):
            others.commitments.update(project=project)
            project.contacts.add(*others.contacts.all())
            others.followups.update(project=project)
            others.changes.update(project=project)
        assert project.commitments.count() == 42 and project.changes.count() == 21

    [small] = fixed_query_counts(client, [(reverse("projects:detail", args=[project.pk]), {})], grow)
    # session, user, project, countries, partner companies, milestones, funding gap,
    # commitments, their totals, capability names, contacts, follow-ups, changes (+ embassy scope)
    assert small <= 14
