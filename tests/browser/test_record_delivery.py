"""Recording a delivery moves the progress bar without reloading the page."""

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_recording_a_delivery_moves_the_progress_bar_without_reload(new_page):
    poland = factories.CountryFactory(code="PL")
    commitment = factories.CommitmentFactory(country=poland, quantity=60, unit="vehicles")
    factories.embassy(poland, username="dmytro")
    page = new_page()
    sign_in(page, "dmytro")
    page.goto(f"/commitments/{commitment.pk}/")
    page.evaluate("window.noReload = true")
    progress = page.locator("#ledger progress")
    assert progress.get_attribute("value") == "0"

    page.get_by_text("Record goods arrived").click()
    form = page.locator("details", has_text="Record goods arrived")
    form.get_by_label("Quantity arrived (vehicles)").fill("70")
    form.get_by_role("button", name="Record arrival").click()
    page.locator("#id_delivery-quantity_error").get_by_text("Only 60 vehicles remain").wait_for()
    assert page.evaluate("document.activeElement.name") == "delivery-quantity"

    form.get_by_label("Quantity arrived (vehicles)").fill("15")
    form.get_by_label("Note").fill("First batch")
    form.get_by_role("button", name="Record arrival").click()
    # Polling with wait_for_function would need eval, which the page's CSP forbids.
    expect(progress).to_have_attribute("value", "25")
    assert page.get_by_text("15 of 60 vehicles arrived").is_visible()
    assert page.locator("#ledger").get_by_text("First batch").first.is_visible()
    assert page.evaluate("window.noReload") is True
    assert "Arrival recorded." in page.locator("#messages").inner_text()
