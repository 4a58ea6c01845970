"""GET /follow-ups/: my open follow-ups, grouped overdue / this week / later."""

import datetime

import pytest
from django.utils import timezone

from tests import factories
from tests.page_checks import HX, client_for
from tests.queries import assert_fixed_queries, count_queries
from tracker.followups.models import State

pytestmark = pytest.mark.django_db
URL = "/follow-ups/"


def days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def end_of_week() -> datetime.date:
    today = timezone.localdate()
    return today + datetime.timedelta(days=6 - today.weekday())


@pytest.fixture
def mine(embassy_pl):
    overdue = factories.FollowUpFactory(title="Overdue thing", owner=embassy_pl, due_on=days(-3))
    this_week = factories.FollowUpFactory(title="This week thing", owner=embassy_pl, due_on=end_of_week())
    later = factories.FollowUpFactory(
        title="Later thing", owner=embassy_pl, due_on=end_of_week() + datetime.timedelta(1)
    )
    factories.FollowUpFactory(
        title="Closed thing", owner=embassy_pl, state=State.DONE, completed_at=timezone.now()
    )
    factories.FollowUpFactory(title="Someone else's thing", due_on=days(-1))
    return overdue, this_week, later


def test_open_followups_are_grouped_by_urgency(embassy_pl, mine):
    text = client_for(embassy_pl).get(URL).text
    assert text.index("Overdue thing") < text.index("This week thing") < text.index("Later thing")
    assert text.index('id="group-overdue"') < text.index("Overdue thing") < text.index('id="group-week"')
    assert "3 days overdue" in text
    assert "Closed thing" not in text and "Someone else" not in text
    assert "Overdue (1)" in text and "Due this week (1)" in text and "Later (1)" in text


@pytest.mark.parametrize(
    ("when", "shown"), [("overdue", "Overdue thing"), ("week", "This week thing"), ("later", "Later thing")]
)
def test_one_group_on_request(embassy_pl, mine, when, shown):
    text = client_for(embassy_pl).get(URL, {"when": when}).text
    for title in ("Overdue thing", "This week thing", "Later thing"):
        assert (title in text) is (title == shown)


def test_page_links_swap_only_the_groups(embassy_pl):
    for day in range(55):
        factories.FollowUpFactory(title=f"Thing {day:02}", owner=embassy_pl, due_on=days(day + 1))
    client = client_for(embassy_pl)
    html = client.get(URL).text
    assert '<div hx-target="#results" hx-push-url="true">' in html
    assert 'hx-get="?page=2"' in html
    partial = client.get(URL, {"page": "2"}, headers={"HX-Request": "true"})
    assert "<html" not in partial.text and 'class="tabs"' not in partial.text
    assert "Thing 54" in partial.text and "Thing 00" not in partial.text
    assert 'rel="prev"' in partial.text
    assert "HX-Request" in partial["Vary"]


def test_unknown_group_shows_everything(embassy_pl, mine):
    text = client_for(embassy_pl).get(URL, {"when": "yesterday", "page": "x"}).text
    assert "Overdue thing" in text and "Later thing" in text


def test_coordinators_can_see_every_open_followup(coordinator, mine):
    client = client_for(coordinator)
    assert "Someone else" not in client.get(URL).text
    everything = client.get(URL, {"scope": "all"}).text
    assert "Someone else" in everything and "Overdue thing" in everything


def test_all_means_all_i_may_see_with_actions_only_on_what_i_may_change(
    embassy_pl, embassy_de, country_pl, country_de
):
    contact_pl = factories.ContactFactory(country=country_pl)
    ours = factories.FollowUpFactory(
        title="Colleague PL thing", contact=contact_pl, project=None, country=country_pl
    )
    factories.FollowUpFactory(
        title="DE thing",
        contact=factories.ContactFactory(country=country_de),
        project=None,
        country=country_de,
    )
    mine_on_a_project = factories.FollowUpFactory(title="My project thing", owner=embassy_pl)
    project_thing = factories.FollowUpFactory(title="Another project thing")
    text = client_for(embassy_pl).get(URL, {"scope": "all"}).text
    assert "Colleague PL thing" in text and "My project thing" in text
    assert "DE thing" not in text
    assert "Another project thing" not in text  # embassies see project follow-ups only if theirs
    for followup in (ours, mine_on_a_project):  # the country's follow-ups are the embassy's to act on
        assert f'action="/follow-ups/{followup.pk}/done/"' in text
    text = client_for(embassy_de).get(URL, {"scope": "all"}).text
    assert "Colleague PL thing" not in text and "My project thing" not in text
    assert "DE thing" in text and project_thing.title not in text


def test_a_viewer_sees_all_but_acts_only_on_their_own(viewer):
    theirs = factories.FollowUpFactory(title="Somebody else thing")
    own = factories.FollowUpFactory(title="Viewer own thing", owner=viewer)
    text = client_for(viewer).get(URL, {"scope": "all"}).text
    assert "Somebody else thing" in text and "Viewer own thing" in text
    assert f'action="/follow-ups/{own.pk}/done/"' in text
    assert f'action="/follow-ups/{theirs.pk}/done/"' not in text


def test_priority_narrows_the_list_and_keeps_it_in_the_tabs(coordinator):
    priority, other = factories.PriorityFactory(), factories.PriorityFactory()
    factories.FollowUpFactory(title="On our priority", owner=coordinator, project__priority=priority)
    factories.FollowUpFactory(title="On another priority", owner=coordinator, project__priority=other)
    text = client_for(coordinator).get(URL, {"priority": priority.pk, "scope": "all"}).text
    assert "On our priority" in text and "On another priority" not in text
    assert f"?priority={priority.pk}&amp;scope=all&amp;when=overdue" in text
    assert "All priorities" in text
    for bad in ("x", "999999", "1" * 30):
        assert "On another priority" in client_for(coordinator).get(URL, {"priority": bad}).text


def test_subjects_the_owner_cannot_see_are_not_named(viewer, country_de):
    from tracker.commitments.models import Marking

    hidden = factories.CommitmentFactory(country=country_de, marking=Marking.RESTRICTED, item="Hidden item")
    factories.FollowUpFactory(title="Chase the partner", owner=viewer, commitment=hidden, project=None)
    text = client_for(viewer).get(URL).text
    assert "Chase the partner" in text
    assert "Hidden item" not in text


@pytest.mark.parametrize("scope", ["", "all"])
def test_query_count_does_not_grow_with_followups(scope, coordinator, country_pl):
    contact = factories.ContactFactory(country=country_pl)
    commitment = factories.CommitmentFactory(country=country_pl)
    factories.FollowUpFactory(owner=coordinator, due_on=days(-2))

    def grow():
        for n in range(10):
            factories.FollowUpFactory(owner=coordinator, due_on=days(n - 5))
            factories.FollowUpFactory(owner=coordinator, contact=contact, project=None, due_on=days(n))
            factories.FollowUpFactory(owner=coordinator, commitment=commitment, project=None, due_on=days(9))

    url = f"{URL}?scope={scope}"
    assert assert_fixed_queries(client_for(coordinator), url, grow) <= 10  # 5 today; the session layer adds 3


def test_query_count_for_an_embassy_user(embassy_pl, country_pl):
    contact = factories.ContactFactory(country=country_pl)
    factories.FollowUpFactory(owner=embassy_pl, contact=contact, project=None)

    def grow():
        factories.FollowUpFactory.create_batch(15, owner=embassy_pl, contact=contact, project=None)
        factories.FollowUpFactory.create_batch(15, owner=embassy_pl)

    assert assert_fixed_queries(client_for(embassy_pl), URL, grow) <= 10  # 6 today; the session layer adds 3


# In place: an action on the follow-ups page answers with the groups and the counted tabs.


def from_page(query: str = "") -> dict:
    """The headers of an htmx request sent from the follow-ups page (with its query)."""
    return {**HX, "HX-Current-URL": f"http://testserver{URL}{query}"}


def test_marking_done_on_the_page_updates_groups_and_counts(embassy_pl, mine):
    overdue, _, _ = mine
    client = client_for(embassy_pl)
    data = {"state": "done", "version": overdue.version, "comment": ""}
    response = client.post(f"/follow-ups/{overdue.pk}/done/", data, headers=from_page())
    assert response.status_code == 200
    assert response["HX-Retarget"] == "#results"
    assert response["HX-Reswap"] == "innerHTML"
    html = response.text
    # The tabs come out of band with the new counts; the done row stays, to be reopened.
    assert '<nav id="followup-tabs" class="tabs"' in html and 'hx-swap-oob="true"' in html
    assert "Overdue (0)" in html and "Due this week (1)" in html
    assert "Overdue thing" in html and 'value="open"' in html
    assert '<span class="count" id="group-count-week">1</span>' in html


def test_re_dating_on_the_page_moves_the_row_to_its_new_group(embassy_pl, mine):
    overdue, _, _ = mine
    client = client_for(embassy_pl)
    new_day = end_of_week() + datetime.timedelta(days=10)
    data = {"due_on": new_day.isoformat(), "reason": "Asked for time", "version": overdue.version}
    response = client.post(f"/follow-ups/{overdue.pk}/reschedule/", data, headers=from_page())
    html = response.text
    assert "Overdue (0)" in html and "Later (2)" in html
    later_group = html[html.index('id="group-later"') :]
    assert "Overdue thing" in later_group
    assert 'id="group-overdue"' not in html


def test_an_action_keeps_the_pages_filters_in_its_links(coordinator, mine):
    overdue, _, _ = mine
    client = client_for(coordinator)
    data = {"state": "done", "version": overdue.version, "comment": ""}
    response = client.post(f"/follow-ups/{overdue.pk}/done/", data, headers=from_page("?scope=all"))
    assert 'href="?scope=all&amp;when=week"' in response.text


def test_an_action_from_the_follow_up_page_still_answers_with_the_row(embassy_pl, mine):
    overdue, _, _ = mine
    client = client_for(embassy_pl)
    data = {"state": "done", "version": overdue.version, "comment": ""}
    headers = {**HX, "HX-Current-URL": f"http://testserver/follow-ups/{overdue.pk}/"}
    response = client.post(f"/follow-ups/{overdue.pk}/done/", data, headers=headers)
    assert "HX-Retarget" not in response
    assert "followup-tabs" not in response.text


def test_the_in_place_answer_costs_the_same_whatever_the_number_of_follow_ups(embassy_pl, mine):
    overdue, _, _ = mine
    client = client_for(embassy_pl)

    def act(state: str) -> int:
        overdue.refresh_from_db()
        data = {"state": state, "version": overdue.version, "comment": ""}
        answers = []
        count = count_queries(
            lambda: answers.append(client.post(f"/follow-ups/{overdue.pk}/done/", data, headers=from_page()))
        )
        assert answers[0].status_code == 200
        return count

    act("done")
    small = act("open")
    factories.FollowUpFactory.create_batch(15, owner=embassy_pl, due_on=days(2))
    act("done")
    assert act("open") == small
