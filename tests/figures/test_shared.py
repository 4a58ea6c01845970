"""Figures kept under data versions (tracker/figures/shared.py): a write shows at once, for
the writer and every other reader, on every page that shows the figure; readers of other
scopes never get each other's figures."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests import factories
from tracker.contacts import services as contacts
from tracker.followups import services as followups
from tracker.followups.models import State
from tracker.history.editing import ANY_VERSION
from tracker.projects import services as projects
from tracker.projects.models import Status

HOME = reverse("home")


def partner_url(country) -> str:
    return reverse("partners:detail", args=[country.code])


def dashboard(client, priority):
    response = client.get(HOME)
    assert response.status_code == 200
    panel = next(p for p in response.context["panels"] if p.priority == priority)
    return panel, response.context


def partner(client, country):
    response = client.get(partner_url(country))
    assert response.status_code == 200
    return response.context["figures"]


def listed(client, country):
    response = client.get(reverse("partners:list"))
    return {p.pk: f for p, f in response.context["rows"]}[country.partner.pk]


@pytest.fixture
def overdue(project, coordinator, country_pl):
    return factories.FollowUpFactory(
        project=project,
        owner=coordinator,
        country=country_pl,
        due_on=timezone.localdate() - datetime.timedelta(days=2),
    )


def test_every_write_shows_at_once_on_every_page_that_counts_it(
    client, coordinator, viewer, project, priority, country_pl, overdue
):
    factories.CommitmentFactory(priority=priority, country=country_pl, project=project, quantity=10)
    client.force_login(coordinator)
    # Read every page twice, so that the second read is the kept one.
    for _ in range(2):
        panel, context = dashboard(client, priority)
        figures = partner(client, country_pl)
        row = listed(client, country_pl)
    assert panel.totals.commitments == figures.commitments == row.commitments == 1
    assert context["followups"].overdue == figures.open_followups == row.open_followups == 1
    assert country_pl in context["quiet_partners"] and figures.contacts == row.contacts == 0
    needed = panel.gaps["EUR"].needed

    # A new commitment: the sums of the dashboard, the partner page and the partners list.
    factories.CommitmentFactory(priority=priority, country=country_pl, project=project, quantity=5)
    panel, _ = dashboard(client, priority)
    assert panel.totals.commitments == partner(client, country_pl).commitments == 2
    assert listed(client, country_pl).commitments == 2

    # A follow-up done: the counts of overdue and open follow-ups.
    followups.set_state(overdue, state=State.DONE, by=coordinator, expected_version=ANY_VERSION)
    _, context = dashboard(client, priority)
    assert context["followups"].overdue == 0
    assert partner(client, country_pl).open_followups == listed(client, country_pl).open_followups == 0

    # A contact logged: no longer a quiet partner; counted on the partner pages.
    contact = factories.ContactFactory.build(country=country_pl, held_on=timezone.localdate())
    contacts.log_contact(contact, by=coordinator)
    _, context = dashboard(client, priority)
    assert country_pl not in context["quiet_partners"]
    assert partner(client, country_pl).contacts == listed(client, country_pl).contacts == 1

    # A project's need: the funding gap of its priority.
    projects.update_project(
        project,
        {"estimated_value": needed + 1000, "currency": "EUR"},
        by=coordinator,
        expected_version=ANY_VERSION,
    )
    panel, _ = dashboard(client, priority)
    assert panel.gaps["EUR"].needed == needed + 1000

    # A status change: the recent changes.
    projects.change_status(
        project, status=Status.ON_HOLD, health="on_track", by=coordinator, expected_version=ANY_VERSION
    )
    _, context = dashboard(client, priority)
    assert context["changes"][0].project_id == project.pk

    # Another reader of the same scope reads the same, new figures.
    client.force_login(factories.coordinator())
    panel, context = dashboard(client, priority)
    assert panel.totals.commitments == 2 and panel.gaps["EUR"].needed == needed + 1000
    assert context["followups"].overdue == 0


def test_kept_figures_are_never_those_of_another_scope(
    client, coordinator, viewer, embassy_pl, priority, project, country_pl, country_de
):
    factories.CommitmentFactory(priority=priority, country=country_pl, marking="restricted")
    factories.CommitmentFactory(priority=priority, country=country_de)
    seen = {}
    for user in (coordinator, viewer, embassy_pl, coordinator, viewer, embassy_pl):
        client.force_login(user)
        panel, _ = dashboard(client, priority)
        seen.setdefault(user.username, set()).add((panel.totals.commitments, panel.hidden))
    assert seen == {"coord": {(2, 0)}, "viewer": {(1, 1)}, "embassy-pl": {(1, 0)}}


def test_own_follow_ups_are_counted_for_their_owner_only(client, coordinator, project, priority, overdue):
    other = factories.coordinator()
    client.force_login(coordinator)
    panel, _ = dashboard(client, priority)
    assert panel.followups.mine_overdue == 1
    client.force_login(other)
    panel, _ = dashboard(client, priority)
    assert (panel.followups.overdue, panel.followups.mine_overdue) == (1, 0)
