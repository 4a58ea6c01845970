"""Switching to Ukrainian turns every main page Ukrainian, and the choice stays with the user."""

import re

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True)

ENGLISH_NAV = [
    "Dashboard",
    "Projects",
    "Commitments",
    "Partners",
    "Contacts",
    "My follow-ups",
    "Charts",
    "Profile",
    "Calendar",
    "Import",
    "Sign out",
]
UKRAINIAN_NAV = [
    "Панель",
    "Проєкти",
    "Зобов'язання",
    "Партнери",
    "Контакти",
    "Мої наступні кроки",
    "Діаграми",
    "Профіль",
    "Календар",
    "Імпорт",
    "Вийти",
]


def test_user_switches_to_ukrainian_and_every_main_page_is_ukrainian(new_page, settings):
    settings.MFA_REQUIRED_ROLES = []
    user = factories.coordinator(username="mariia", language="en")
    country = factories.CountryFactory(code="PL")
    project = factories.ProjectFactory(reference="UOP-2026-010", title="Repair hub")
    commitment = factories.CommitmentFactory(country=country, item="Artillery shells", project=project)
    factories.ContactFactory(country=country)
    factories.FollowUpFactory(owner=user, project=project, title="Send the draft")

    page = new_page()
    sign_in(page, "mariia")
    expect(page.locator("h1")).to_have_text("Dashboard")
    # The switch is in the user's menu; with JavaScript a choice submits it (no button shown).
    page.locator(".user-menu > summary").click()
    expect(page.get_by_role("button", name="Switch")).to_be_hidden()
    page.select_option("#language-select", "uk")
    expect(page.locator("html")).to_have_attribute("lang", "uk")
    user.refresh_from_db()
    assert user.language == "uk"

    pages = [
        ("/", "h1", "Панель"),
        ("/projects/", "h1", "Проєкти"),
        (f"/projects/{project.pk}/", "main", "Статус і стан"),
        ("/commitments/", "h1", "Зобов'язання"),
        (f"/commitments/{commitment.pk}/", "main", "Надходження"),
        ("/partners/", "h1", "Партнери"),
        ("/partners/PL/", "main", "Обіцяно, сплачено й надійшло"),
        ("/contacts/", "h1", "Контакти"),
        ("/contacts/new/", "h1", "Зареєструвати контакт"),
        ("/follow-ups/", "h1", "Мої наступні кроки"),
        ("/charts/", "h1", "Тверді зобов'язання й сплачено"),
        ("/search/?q=Repair", "h1", "Пошук"),
        ("/imports/", "h1", "Імпорт зобов'язань, надходжень і платежів"),
    ]
    for url, where, ukrainian in pages:
        page.goto(url)
        expect(page.locator("html"), url).to_have_attribute("lang", "uk")
        expect(page.locator(where).first, url).to_contain_text(ukrainian)
        header = page.locator("header.site-header").text_content()
        for word in UKRAINIAN_NAV:
            assert word in header, (url, word)
        for word in ENGLISH_NAV:
            assert not re.search(rf"\b{re.escape(word)}\b", header), (url, word)
