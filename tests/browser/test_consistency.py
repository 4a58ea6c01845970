"""Browser journeys of the consistent interface, in English and Ukrainian: a refused form's
error summary takes the focus and its links move into the fields; list headers sort in place
and say which way; a page past the end says so; follow-ups say how far due they are."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests import factories
from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WORDS = {
    "en": {"problem": "There is a problem", "create": "Create project", "overdue": "3 days overdue"},
    "uk": {"problem": "Є помилки", "create": "Створити проєкт", "overdue": "прострочено на 3 дні"},
}


@pytest.mark.parametrize("language", ["en", "uk"])
def test_a_refused_form_leads_the_reader_to_each_field(new_page, language):
    factories.OrganisationFactory(code="plant", kind="enterprise")
    factories.coordinator(username="olena", language=language)
    page = new_page()
    sign_in(page, "olena")
    page.goto("/projects/new/")
    page.get_by_role("button", name=WORDS[language]["create"]).click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("heading")).to_have_text(WORDS[language]["problem"])
    expect(summary).to_be_focused()
    first = summary.get_by_role("link").first
    target = first.get_attribute("href").removeprefix("#")
    first.click()
    expect(page.locator(f"#{target}")).to_be_focused()
    expect(page.locator(f"#{target}_error")).to_be_visible()


@pytest.mark.parametrize("language", ["en", "uk"])
def test_a_list_sorts_in_place_and_says_which_way(new_page, language):
    factories.coordinator(username="olena", language=language)
    country = factories.CountryFactory(code="PL")
    for item in ("Bravo", "Alpha", "Charlie"):
        factories.CommitmentFactory(country=country, item=f"{item} rounds")
    page = new_page()
    sign_in(page, "olena")
    page.goto("/commitments/")
    page.evaluate("window.__marker = 1")
    header = page.locator("th", has=page.locator("#sort-item"))
    expect(header).not_to_have_attribute("aria-sort", re.compile("."))
    page.locator("#sort-item").click()
    expect(page).to_have_url(re.compile(r"sort=item"))
    expect(page.locator("th", has=page.locator("#sort-item"))).to_have_attribute("aria-sort", "ascending")
    expect(page.locator("tbody tr").first).to_contain_text("Alpha rounds")
    page.locator("#sort-item").click()
    expect(page.locator("th", has=page.locator("#sort-item"))).to_have_attribute("aria-sort", "descending")
    expect(page.locator("tbody tr").first).to_contain_text("Charlie rounds")
    expect(page.locator("#sort-item .sort-arrow")).to_have_text("▼")
    assert page.evaluate("window.__marker") == 1  # sorted in place, not reloaded


@pytest.mark.parametrize("language", ["en", "uk"])
def test_follow_ups_say_how_far_due_they_are(new_page, language):
    olena = factories.coordinator(username="olena", language=language)
    factories.FollowUpFactory(
        owner=olena, title="Call Warsaw", due_on=timezone.localdate() - datetime.timedelta(days=3)
    )
    page = new_page()
    sign_in(page, "olena")
    page.goto("/follow-ups/?page=7")
    expect(page.locator(".followup .due.overdue")).to_have_text(re.compile(WORDS[language]["overdue"], re.I))
    expect(page.locator(".message-warning")).to_be_visible()  # there is no page 7
