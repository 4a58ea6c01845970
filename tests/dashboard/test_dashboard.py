"""The dashboard: per priority figures that link to their lists, quiet partners, recent changes."""

import datetime
import re
from decimal import Decimal
from functools import partial
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from tests import factories
from tests.queries import fixed_query_counts
from tests.world import populate
from tracker.commitments.models import Marking, Stage
from tracker.dashboard.figures import build_dashboard
from tracker.followups.models import week_end
from tracker.history.editing import ANY_VERSION
from tracker.projects import services
from tracker.projects.models import Status

URL = reverse("home")


def money(priority, country, amount: str, currency: str, **extra):
    """A pledge of money only."""
    return factories.CommitmentFactory(
        priority=priority,
        country=country,
        quantity=None,
        unit="",
        amount=Decimal(amount),
        currency=currency,
        **extra,
    )


@pytest.fixture
def shells(db):
    return factories.CapabilityFactory()


@pytest.fixture
def pledges(project, priority, country_pl, country_de, shells):
    """EUR and USD money, rounds of one capability (one restricted PL pledge, one announced,
    one only discussed: not counted)."""
    money(priority, country_pl, "1000000", "EUR", paid_amount=Decimal("250000"))
    money(priority, country_de, "500000", "EUR")
    money(priority, country_de, "300", "USD", stage=Stage.FULFILLED, paid_amount=Decimal("300"))
    rounds = partial(factories.CommitmentFactory, priority=priority, capability=shells, unit="rounds")
    rounds(country=country_de, quantity=1000, delivered_quantity=400)
    rounds(country=country_pl, quantity=50, marking=Marking.RESTRICTED)
    rounds(country=country_pl, quantity=20, stage=Stage.PLEDGED)
    rounds(country=country_de, quantity=7, stage=Stage.DISCUSSED)


def panel_of(response, priority):
    return next(p for p in response.context["panels"] if p.priority == priority)


@pytest.mark.parametrize("role", ["coordinator", "viewer", "embassy_pl", "industry_user"])
def test_every_role_gets_the_dashboard(request, client, project, role):
    client.force_login(request.getfixturevalue(role))
    response = client.get(URL)
    assert response.status_code == 200
    assert 'aria-current="page">Dashboard' in response.content.decode()


def test_projects_by_status_link_to_the_filtered_list(client, coordinator, project, priority):
    factories.ProjectFactory(priority=priority, status=Status.AGREED)
    factories.ProjectFactory(priority=priority, status=Status.AGREED)
    factories.ProjectFactory(priority=priority, status=Status.AGREED, is_archived=True)
    client.force_login(coordinator)
    response = client.get(URL)
    panel = panel_of(response, priority)
    assert panel.status_rows == [("identified", "Identified", 1), ("agreed", "Agreed", 2)]
    html = response.content.decode()
    assert (
        f'href="/projects/?priority={priority.pk}&amp;status=agreed"><span class="figure">2</span> Agreed'
        in html
    )


def rounds_of(panel, shells):
    return panel.totals.goods[(shells.pk, "rounds")]


def test_promises_add_up_per_level_currency_and_unit(client, coordinator, priority, pledges, shells):
    client.force_login(coordinator)
    panel = panel_of(client.get(URL), priority)
    eur, usd = panel.totals.money["EUR"], panel.totals.money["USD"]
    assert (eur.committed, eur.done, eur.percent) == (Decimal("1500000"), Decimal("250000"), 16)
    assert (usd.committed, usd.percent) == (Decimal("300"), 100)
    rounds = rounds_of(panel, shells)
    # Announced and firm promises side by side, never summed; talk counts nowhere.
    assert (rounds.announced, rounds.committed, rounds.done) == (20, 1050, 400)
    assert panel.totals.commitments == 6 and panel.hidden == 0


def test_restricted_pledges_are_left_out_and_said_so_for_those_outside_their_scope(
    client, viewer, embassy_pl, embassy_de, priority, pledges, shells
):
    # An embassy's dashboard counts its own countries' commitments.
    for user, committed, hidden in ((viewer, 1000, 1), (embassy_de, 1000, 0), (embassy_pl, 50, 0)):
        client.force_login(user)
        response = client.get(URL)
        panel = panel_of(response, priority)
        assert (rounds_of(panel, shells).committed, panel.hidden) == (committed, hidden), user
    client.force_login(viewer)
    assert "1 commitment you may not see is left out of these totals." in client.get(URL).content.decode()


def test_shared_sums_follow_each_scope_and_every_change(
    client, coordinator, viewer, embassy_pl, priority, pledges, country_pl, shells
):
    def rounds_committed(user) -> Decimal:
        client.force_login(user)
        return rounds_of(panel_of(client.get(URL), priority), shells).committed

    # Each scope in turn, twice: the second read of a scope comes from the shared sums.
    assert [rounds_committed(u) for u in (viewer, coordinator, viewer, embassy_pl, coordinator)] == [
        1000,
        1050,
        1000,
        50,
        1050,
    ]
    pledge = factories.CommitmentFactory(
        priority=priority, country=country_pl, capability=shells, quantity=5, unit="rounds"
    )
    assert rounds_committed(viewer) == 1005
    pledge.quantity = 6
    pledge.save()
    assert rounds_committed(coordinator) == 1056


def test_follow_ups_overdue_and_due_this_week(client, coordinator, project, priority, country_pl):
    today = timezone.localdate()
    sunday = week_end(today)
    days = datetime.timedelta
    factories.FollowUpFactory(project=project, owner=coordinator, due_on=today - days(days=1))
    factories.FollowUpFactory(project=project, due_on=today - days(days=30))
    factories.FollowUpFactory(project=project, owner=coordinator, due_on=today)
    factories.FollowUpFactory(project=project, due_on=sunday)
    factories.FollowUpFactory(project=project, due_on=sunday + days(days=1))  # next week
    contact = factories.ContactFactory(country=country_pl)
    factories.FollowUpFactory(project=None, contact=contact, country=country_pl, due_on=today - days(days=3))
    client.force_login(coordinator)
    response = client.get(URL)
    panel = panel_of(response, priority)
    assert (panel.followups.overdue, panel.followups.week) == (2, 2)
    assert (panel.followups.mine_overdue, panel.followups.mine_week) == (1, 1)
    totals = response.context["followups"]
    assert (totals.overdue, totals.week) == (3, 2)  # the contact's follow-up counts in the totals


def linked_figures(html: str, path: str) -> list[tuple[str, int]]:
    """(link, figure) for every dashboard count that links under `path`."""
    found = re.findall(rf'href="({path}\?[^"]*)"[^>]*><span class="figure[^"]*">(\d+)</span>', html)
    return [(unescape(url), int(n)) for url, n in found]


def linked_totals(html: str) -> list[tuple[str, Decimal]]:
    """(link, figure) for every total that links to the commitments it counts."""
    cell = r'<td class="num"[^>]*><a href="(/commitments/\?[^"]*)">([\d,.]+)(?: paid| arrived)?</a>'
    found = re.findall(cell, html)
    return [(unescape(url), Decimal(n.replace(",", ""))) for url, n in found]


@pytest.mark.parametrize("role", ["coordinator", "viewer", "embassy_pl", "industry_user"])
def test_every_figure_counts_the_rows_of_the_list_it_links_to(
    request, client, role, priority, project, pledges, country_pl
):
    """Follow the dashboard's links: each list holds exactly as many rows as the figure said."""
    user = request.getfixturevalue(role)
    today = timezone.localdate()
    other = factories.ProjectFactory(priority=priority)
    for due in (-9, -1, 0, (week_end(today) - today).days, 20):
        factories.FollowUpFactory(project=other, due_on=today + datetime.timedelta(days=due))
        factories.FollowUpFactory(project=other, owner=user, due_on=today + datetime.timedelta(days=due))
    contact = factories.ContactFactory(country=country_pl)
    factories.FollowUpFactory(project=None, contact=contact, country=country_pl, due_on=today)
    client.force_login(user)
    html = client.get(URL).content.decode()
    figures = linked_figures(html, "/projects/") + linked_figures(html, "/commitments/")
    figures += linked_figures(html, "/follow-ups/")
    assert len(figures) >= 5
    for url, figure in figures:
        listed = client.get(url)
        assert listed.status_code == 200, url
        rows = listed.context["page"].paginator.count
        assert rows == figure, (url, figure, rows)
    # The totals: announced, committed, suspended, arrived or paid, remaining, row by row.
    cells = linked_totals(html)
    assert len(cells) >= 10 and len(cells) % 5 == 0
    for row in range(0, len(cells), 5):
        sums = [listed_sum(client, url) for url, _ in cells[row : row + 4]]
        figures = [figure for _, figure in cells[row : row + 5]]
        assert figures[:4] == sums, cells[row : row + 5]
        assert figures[4] == max(figures[1] - figures[3], 0)


def listed_sum(client, url: str) -> Decimal:
    """What the rows of a commitments list add up to, in the measure its filters name."""
    rows = client.get(url).context["page"].paginator.object_list
    money = "currency=" in url
    if "level=counted" in url:
        field = "paid_amount" if money else "delivered_quantity"
    else:
        field = "amount" if money else "quantity"
    return sum((getattr(c, field) for c in rows), Decimal(0))


def test_quiet_partners_are_active_ones_without_a_recent_contact(
    client, coordinator, embassy_pl, country_pl, country_de
):
    inactive = factories.CountryFactory(code="JP", is_active_partner=False)
    factories.ContactFactory(country=country_pl, held_on=timezone.localdate() - datetime.timedelta(days=3))
    factories.ContactFactory(country=country_de, held_on=timezone.localdate() - datetime.timedelta(days=45))
    client.force_login(coordinator)
    quiet = client.get(URL).context["quiet_partners"]
    assert country_de in quiet and country_pl not in quiet and inactive not in quiet
    assert quiet[0].last_contact == timezone.localdate() - datetime.timedelta(days=45)


def test_embassy_staff_see_only_their_own_quiet_partners(db, client, embassy_de, country_pl, country_de):
    client.force_login(embassy_de)
    assert client.get(URL).context["quiet_partners"] == [country_de]


def test_recent_changes_show_only_what_the_user_may_see(
    client, coordinator, viewer, project, restricted_commitment
):
    from tracker.history import services as history

    history.record(restricted_commitment, "created", actor=coordinator)
    services.change_status(
        project, status=Status.ON_HOLD, health="on_track", by=coordinator, expected_version=ANY_VERSION
    )
    client.force_login(coordinator)
    response = client.get(URL)
    assert [c.subject_label for c in response.context["changes"]] == [
        "UOP-2026-001 — Repair hub for armoured vehicles",
        "Poland — Secret shells",
    ]
    assert f'href="/projects/{project.pk}/">UOP-2026-001' in response.content.decode()
    client.force_login(viewer)
    changes = client.get(URL).context["changes"]
    assert [c.project_id for c in changes] == [project.pk]
    assert "Secret shells" not in client.get(URL).content.decode()


def test_recent_changes_stop_at_ten(coordinator, project):
    for status in [Status.ON_HOLD, Status.IDENTIFIED] * 6:
        project = services.change_status(
            project, status=status, health="on_track", by=coordinator, expected_version=ANY_VERSION
        )
    assert len(build_dashboard(coordinator)["changes"]) == 10


@pytest.mark.parametrize("role", ["coordinator", "viewer", "embassy_pl", "industry_user"])
def test_query_count_does_not_grow_with_data(
    request, client, role, enterprise, country_pl, country_de, coordinator
):
    client.force_login(request.getfixturevalue(role))
    priorities = [factories.PriorityFactory(code=f"p{n}", number=n) for n in (1, 2, 3)]
    world = {"priorities": priorities, "enterprise": enterprise, "countries": [country_pl, country_de]}
    populate(1, owner=coordinator, actor=coordinator, **world)
    grow = partial(populate, 15, owner=coordinator, actor=coordinator, **world)
    [small] = fixed_query_counts(client, [(URL, {})], grow)
    # session, user, priorities, projects, commitments' version, commitments (when not
    # cached), commitments left out, projects with needs and their commitments (the funding
    # gap), capabilities, follow-ups, partners, changes (+ embassy scope)
    assert small <= (14 if role == "embassy_pl" else 13)
