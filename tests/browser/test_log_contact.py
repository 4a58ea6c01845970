"""An embassy officer logs a contact with a follow-up, then finds it under My follow-ups."""

import datetime

import pytest
from django.utils import timezone

from tests import factories
from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_embassy_user_logs_a_contact_with_a_followup_and_sees_it_under_my_followups(new_page):
    poland = factories.CountryFactory(code="PL")
    factories.embassy(poland, username="dmytro", first_name="Dmytro", last_name="Zinchenko")
    page = new_page()
    sign_in(page, "dmytro")
    page.goto("/partners/pl/")
    page.get_by_role("link", name="Log a contact").click()
    page.get_by_label("Channel").select_option("meeting")
    page.get_by_label("Counterpart organisation").fill("Ministry of National Defence")
    page.get_by_label("Summary").fill("Discussed the repair hub schedule.")
    first_followup = page.get_by_role("group", name="Follow-up 1")
    first_followup.get_by_label("Action").fill("Send the list of vehicles")
    due = timezone.localdate() + datetime.timedelta(days=3)
    first_followup.get_by_label("Due date").fill(due.isoformat())
    page.get_by_role("button", name="Log contact").click()

    page.wait_for_url("**/contacts/*/")
    assert "Contact logged." in page.locator("#messages").inner_text()
    assert page.get_by_role("link", name="Send the list of vehicles").is_visible()

    page.goto("/follow-ups/")
    row = page.locator("li.followup", has_text="Send the list of vehicles")
    assert row.is_visible()
    assert "Ministry of National Defence" in row.inner_text()


@pytest.fixture
def my_followups(new_page):
    """Olena's follow-ups page with one open follow-up."""
    owner = factories.coordinator(username="olena")
    factories.FollowUpFactory(title="Call the attaché", owner=owner)
    page = new_page()
    sign_in(page, "olena")
    page.goto("/follow-ups/")
    return page


def test_followup_is_marked_done_in_place(my_followups):
    page = my_followups
    page.evaluate("window.noReload = true")
    row = page.locator("li.followup", has_text="Call the attaché")
    row.get_by_label("Comment (optional)").fill("Called, all agreed")
    row.get_by_role("button", name="Done").click()
    row.get_by_role("button", name="Reopen").wait_for()
    assert page.evaluate("window.noReload") is True
    assert "Marked done." in page.locator("#messages").inner_text()


def test_a_bad_new_due_date_is_explained_in_place(my_followups):
    page = my_followups
    row = page.locator("li.followup", has_text="Call the attaché")
    row.get_by_text("Move the due date").click()
    row.get_by_label("New due date").evaluate("input => input.removeAttribute('min')")
    row.get_by_label("New due date").fill("2020-01-01")
    row.get_by_label("Reason").fill("Partner on holiday")
    row.get_by_role("button", name="Move").click()
    error = row.locator(".field-error")
    error.wait_for()
    assert "Choose today or a later date." in error.inner_text()
    assert row.get_by_label("Reason").input_value() == "Partner on holiday"
    assert page.evaluate("document.activeElement.name") == "due_on"
