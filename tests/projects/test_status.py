"""The inline status/health form on the project page: POST projects:status."""

import pytest
from django.test import Client
from django.urls import reverse

from tests import factories
from tracker.history.editing import ANY_VERSION
from tracker.history.models import Change
from tracker.projects import services
from tracker.projects.models import Status

HX = {"HX-Request": "true"}


def status_url(project) -> str:
    return reverse("projects:status", args=[project.pk])


def move(project, **overrides) -> dict:
    data = {
        "status": Status.SEEKING_PARTNERS,
        "health": "on_track",
        "health_reason": "",
        "comment": "Partners found at the summit.",
        "version": project.version,
    }
    data.update(overrides)
    return data


def test_coordinator_changes_status_in_place_and_sees_timeline(client, coordinator, project):
    client.force_login(coordinator)
    response = client.post(status_url(project), move(project), headers=HX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html  # a fragment, not the page
    assert "Seeking partners" in html
    assert '<section id="timeline"' in html and 'hx-swap-oob="true"' in html
    assert "Identified" in html and "Partners found at the summit." in html  # the timeline entry
    assert "data-focus-after-swap" in html
    assert "messages" in response["HX-Trigger"]
    project.refresh_from_db()
    assert project.status == Status.SEEKING_PARTNERS
    change = Change.objects.get(project=project, action="status")
    assert change.fields == {"status": ["identified", "seeking_partners"]}
    assert change.actor == coordinator


def test_without_javascript_the_change_redirects_to_the_project_page(client, coordinator, project):
    client.force_login(coordinator)
    response = client.post(status_url(project), move(project))
    assert response.status_code == 302
    assert response["Location"] == project.get_absolute_url()
    page = client.get(response["Location"])
    assert "Seeking partners" in page.content.decode()


def test_industry_staff_change_their_own_project(client, industry_user, project):
    client.force_login(industry_user)
    response = client.post(status_url(project), move(project), headers=HX)
    assert response.status_code == 200
    project.refresh_from_db()
    assert project.status == Status.SEEKING_PARTNERS


@pytest.mark.parametrize("role", ["viewer", "embassy_pl", "other_industry_user"])
@pytest.mark.parametrize("headers", [{}, HX], ids=["page", "htmx"])
def test_read_only_users_are_refused_with_403(request, client, project, role, headers):
    client.force_login(request.getfixturevalue(role))
    response = client.post(status_url(project), move(project), headers=headers)
    assert response.status_code == 403
    project.refresh_from_db()
    assert project.status == Status.IDENTIFIED


@pytest.mark.parametrize("headers", [{}, HX], ids=["page", "htmx"])
def test_unknown_or_archived_project_answers_404(client, coordinator, project, headers):
    client.force_login(coordinator)
    response = client.post(reverse("projects:status", args=[999999]), move(project), headers=headers)
    assert response.status_code == 404
    archived = factories.ProjectFactory(is_archived=True)
    assert client.post(status_url(archived), move(archived), headers=headers).status_code == 404


def test_signed_out_htmx_request_is_sent_to_sign_in(client, project):
    response = client.post(status_url(project), move(project), headers=HX)
    assert response.status_code == 204
    assert response["HX-Redirect"].startswith(reverse("login"))


def test_get_is_not_allowed(client, coordinator, project):
    client.force_login(coordinator)
    assert client.get(status_url(project)).status_code == 405


def test_invalid_transition_is_refused_with_the_rule(client, coordinator, project):
    client.force_login(coordinator)
    response = client.post(status_url(project), move(project, status=Status.COMPLETED), headers=HX)
    assert response.status_code == 422
    assert "cannot move from “Identified” to “Completed”" in response.content.decode()
    project.refresh_from_db()
    assert project.status == Status.IDENTIFIED


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("status", "bogus", "Select a valid choice"),
        ("health", "sick", "Select a valid choice"),
        ("comment", "x" * 1001, "at most 1000 characters"),
        ("health_reason", "x" * 501, "at most 500 characters"),
        ("version", "abc", "reload the page"),
        ("version", "99999999999999999999", "reload the page"),
        ("version", "", "reload the page"),
    ],
)
@pytest.mark.parametrize("headers", [{}, HX], ids=["page", "htmx"])
def test_bad_input_is_shown_next_to_the_form(client, coordinator, project, field, value, message, headers):
    client.force_login(coordinator)
    response = client.post(status_url(project), move(project, **{field: value}), headers=headers)
    assert response.status_code == 422
    html = response.content.decode()
    assert message in html
    assert ("<html" in html) is not bool(headers)
    project.refresh_from_db()
    assert project.version == 1


def test_at_risk_needs_a_reason_and_keeps_the_comment(client, coordinator, project):
    client.force_login(coordinator)
    response = client.post(status_url(project), move(project, health="at_risk", comment="Kept"), headers=HX)
    assert response.status_code == 422
    html = response.content.decode()
    assert "Say why the project is at risk or off track." in html
    assert "Kept</textarea>" in html


def test_stale_version_shows_the_conflict_and_keeps_the_input(client, coordinator, project):
    services.change_status(
        project,
        status=Status.ON_HOLD,
        health="on_track",
        by=coordinator,
        comment="x",
        expected_version=ANY_VERSION,
    )
    client.force_login(coordinator)
    response = client.post(status_url(project), move(project, version=1, comment="My reason"), headers=HX)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone else saved this record after you opened it." in html
    assert "On hold" in html  # what is saved now
    assert "My reason</textarea>" in html  # the user's input kept
    assert 'name="version" value="2"' in html  # saving again applies over the new version
    project.refresh_from_db()
    assert project.status == Status.ON_HOLD


def test_stale_version_without_javascript_shows_the_whole_page(client, coordinator, project):
    services.change_status(
        project, status=Status.ON_HOLD, health="on_track", by=coordinator, expected_version=ANY_VERSION
    )
    client.force_login(coordinator)
    response = client.post(status_url(project), move(project, version=1))
    assert response.status_code == 409
    assert "<html" in response.content.decode()
    assert "Someone else saved this record" in response.content.decode()


def test_csrf_token_is_required(coordinator, project):
    client = Client(enforce_csrf_checks=True)
    client.force_login(coordinator)
    assert client.post(status_url(project), move(project), headers=HX).status_code == 403
    client.get(project.get_absolute_url())
    token = client.cookies["csrftoken"].value
    response = client.post(status_url(project), move(project), headers={**HX, "X-CSRFToken": token})
    assert response.status_code == 200
