"""Browser journeys on My follow-ups: paging through a long list in place."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests import factories
from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_page_through_my_follow_ups_in_place(new_page):
    olena = factories.coordinator(username="olena", first_name="Olena", last_name="Marchenko")
    today = timezone.localdate()
    for day in range(55):
        factories.FollowUpFactory(
            owner=olena, title=f"Thing {day:02}", due_on=today + datetime.timedelta(days=day + 1)
        )
    page = new_page()
    sign_in(page, "olena")
    page.goto("/follow-ups/")
    page.evaluate("window.__marker = 1")
    items = page.locator("li.followup")
    expect(items).to_have_count(50)
    page.get_by_role("link", name="Next").click()
    expect(page).to_have_url(re.compile(r"/follow-ups/\?page=2$"))
    expect(items).to_have_count(5)
    expect(page.locator("h1")).to_have_count(1)
    assert page.evaluate("window.__marker") == 1  # the groups swapped, the page stayed
