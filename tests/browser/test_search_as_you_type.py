"""Typing in the search box updates the results in place and the address bar follows."""

import pytest

from tests import factories
from tests.browser.conftest import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_results_follow_the_typing_and_the_url_can_be_shared(new_page, country_pl):
    factories.coordinator(username="olena")
    factories.ContactFactory(country=country_pl, summary="Howitzer barrels for the repair plant")
    page = new_page()
    sign_in(page, "olena")
    page.goto("/search/")
    box = page.get_by_label("Search projects, commitments, contacts and partners")
    with page.expect_response(lambda response: "/search/?q=howi" in response.url):
        box.press_sequentially("howi", delay=20)
    results = page.locator("#search-results")
    results.get_by_text("Howitzer barrels for the repair plant").wait_for()
    assert page.url.endswith("/search/?q=howi")
    assert page.locator("#search-q").count() == 1  # the partial replaced the results, not the page
    page.reload()
    assert "Howitzer barrels" in page.locator("#search-results").inner_text()
