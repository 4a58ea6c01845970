"""Browser journeys on the project pages: inline status, filtering with Back, the board."""

import re

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.browser.conftest import sign_in
from tracker.projects.models import Status

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def hub():
    org = factories.OrganisationFactory(code="riverbend-repair", name="Riverbend Repair Works")
    factories.coordinator(username="olena", first_name="Olena", last_name="Marchenko")
    return factories.ProjectFactory(reference="UOP-2026-001", title="Repair hub", enterprise=org)


def open_marked(new_page, url: str):
    """A signed-in page at `url`, marked so that a full reload would be noticed."""
    page = new_page()
    sign_in(page, "olena")
    page.goto(url)
    page.evaluate("window.__marker = 1")
    return page


def test_coordinator_changes_status_inline_without_reloading(new_page, hub):
    page = open_marked(new_page, f"/projects/{hub.pk}/")
    panel = page.locator("#status-panel")
    panel.get_by_label("Status", exact=True).select_option("seeking_partners")
    panel.get_by_label("Comment on the change").fill("Two partners interested")
    panel.get_by_role("button", name="Save status").click()
    expect(panel.locator(".status-now")).to_have_text("Seeking partners")
    timeline = page.locator("#timeline")
    expect(timeline).to_contain_text("Two partners interested")
    expect(timeline).to_contain_text("Identified")
    expect(page.locator("#messages")).to_contain_text("UOP-2026-001")
    assert page.evaluate("window.__marker") == 1  # same document: no full page load
    focused = page.evaluate("document.activeElement.textContent")
    assert "Saved" in focused
    hub.refresh_from_db()
    assert hub.status == Status.SEEKING_PARTNERS


def test_refused_move_shows_the_reason_in_place(new_page, hub):
    page = open_marked(new_page, f"/projects/{hub.pk}/")
    panel = page.locator("#status-panel")
    panel.get_by_label("Health", exact=True).select_option("at_risk")
    panel.get_by_role("button", name="Save status").click()
    expect(panel.locator(".errorlist")).to_contain_text("Say why the project is at risk or off track.")
    assert page.evaluate("window.__marker") == 1


def test_filter_the_list_then_go_back(new_page, hub):
    factories.ProjectFactory(reference="UOP-2026-002", title="Shell line", status=Status.AGREED)
    page = open_marked(new_page, "/projects/")
    rows = page.locator("#results tbody tr")
    expect(rows).to_have_count(2)
    page.get_by_label("Status", exact=True).select_option("agreed")
    expect(page).to_have_url(re.compile(r"/projects/\?status=agreed$"))
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("UOP-2026-002")
    page.get_by_label("Search", exact=True).press_sequentially("nothing matches")
    expect(page).to_have_url(re.compile(r"q=nothing(%20|\+)matches"))
    expect(page.locator("#results")).to_contain_text("No projects match")
    assert page.evaluate("window.__marker") == 1
    page.go_back()
    expect(page).to_have_url(re.compile(r"status=agreed"))
    expect(rows).to_have_count(1)
    page.go_back()
    expect(page).to_have_url(re.compile(r"/projects/$"))
    expect(rows).to_have_count(2)


def test_move_a_card_on_the_board(new_page, hub):
    page = open_marked(new_page, "/projects/board/")
    card = page.locator(f"#card-{hub.pk}")
    card.locator("summary").click()
    card.get_by_label("Move to").select_option("seeking_partners")
    card.get_by_label("Comment").fill("From the board")
    card.get_by_role("button", name="Move").click()
    expect(
        page.locator("section.board-column", has=page.locator("#column-seeking_partners")).locator(
            f"#card-{hub.pk}"
        )
    ).to_be_visible()
    expect(page.locator("#column-identified .count")).to_have_text("0")
    assert page.evaluate("window.__marker") == 1


def test_a_move_on_a_filtered_board_keeps_the_filters(new_page, hub):
    factories.ProjectFactory(
        reference="UOP-2026-002", title="Shell line", health="at_risk", health_reason="Late"
    )
    page = open_marked(new_page, "/projects/board/?health=on_track")
    expect(page.locator(".board-card")).to_have_count(1)
    card = page.locator(f"#card-{hub.pk}")
    card.locator("summary").click()
    card.get_by_label("Move to").select_option("seeking_partners")
    card.get_by_role("button", name="Move").click()
    expect(page.locator("#column-seeking_partners .count")).to_have_text("1")
    expect(page.locator(".board-card")).to_have_count(1)  # the at-risk project stays filtered out
    moved = page.locator(f"#card-{hub.pk} form")
    expect(moved).to_have_attribute("action", re.compile(r"/move/\?health=on_track$"))
    assert page.evaluate("window.__marker") == 1
    hub.refresh_from_db()
    assert hub.status == Status.SEEKING_PARTNERS


def test_page_through_the_list_in_place(new_page, hub):
    factories.ProjectFactory.create_batch(30, status=Status.AGREED)
    page = open_marked(new_page, "/projects/?status=agreed")
    rows = page.locator("#results tbody tr")
    expect(rows).to_have_count(25)
    page.get_by_role("link", name="Next").click()
    expect(page).to_have_url(re.compile(r"status=agreed&page=2$"))
    expect(rows).to_have_count(5)
    assert page.evaluate("window.__marker") == 1  # the results swapped, the page stayed
    page.go_back()
    expect(rows).to_have_count(25)
