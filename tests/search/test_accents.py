"""Search ignores accents and case, on the search page and in the lists' search boxes, and
shows money and quantities as every other page does."""

import sqlite3

import pytest
from django.test.utils import override_settings

from tests import factories
from tracker.core.apps import add_unaccent_to_sqlite
from tracker.core.fulltext import strip_accents

pytestmark = pytest.mark.django_db


def hits(client, user, q, kind):
    client.force_login(user)
    response = client.get("/search/", {"q": q})
    assert response.status_code == 200
    return [hit for group in response.context["groups"] if group.kind == kind for hit in group.hits]


@pytest.mark.parametrize("q", ["Zielinska", "zielinska", "ZIELIŃSKA", "Zielińs"])
def test_a_name_is_found_without_its_accents(client, coordinator, country_pl, q):
    contact = factories.ContactFactory(country=country_pl, counterpart_person="Anna Zielińska")
    assert [h.url for h in hits(client, coordinator, q, "contacts")] == [contact.get_absolute_url()]


def test_an_unaccented_name_is_found_by_its_accented_spelling(client, coordinator, country_pl):
    contact = factories.ContactFactory(country=country_pl, summary="Met the Lodz plant director.")
    assert [h.url for h in hits(client, coordinator, "Łódź", "contacts")] == [contact.get_absolute_url()]


def test_ukrainian_letters_stay_distinct(client, coordinator, country_pl):
    contact = factories.ContactFactory(country=country_pl, summary="Зустріч у Києві")
    assert [h.url for h in hits(client, coordinator, "києві", "contacts")] == [contact.get_absolute_url()]
    assert hits(client, coordinator, "кисві", "contacts") == []


def test_a_country_is_found_without_its_accents(client, coordinator):
    factories.CountryFactory(code="RE")
    assert [h.title for h in hits(client, coordinator, "reunion", "partners")] == ["Réunion"]


@pytest.mark.parametrize("path", ["/contacts/", "/commitments/", "/projects/"])
def test_the_list_search_boxes_ignore_accents(client, coordinator, country_pl, path):
    factories.ContactFactory(country=country_pl, counterpart_organisation="Zakłady Mechaniczne Tarnów")
    factories.CommitmentFactory(country=country_pl, item="Ciężarówki Jelcz")
    factories.ProjectFactory(title="Naprawa w Żaganiu")
    client.force_login(coordinator)
    q = {"/contacts/": "zaklady mechaniczne", "/commitments/": "ciezarowki", "/projects/": "zaganiu"}[path]
    response = client.get(path, {"q": q})
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 1


@override_settings(LANGUAGE_CODE="en")
def test_money_and_quantities_in_results_are_grouped_like_elsewhere(client, coordinator, country_pl):
    factories.CommitmentFactory(country=country_pl, item="Shells", quantity=12000, unit="rounds", amount=None)
    factories.CommitmentFactory(
        country=country_pl, item="Shells fund", quantity=None, amount="2500000.00", currency="EUR"
    )
    details = sorted(h.detail for h in hits(client, coordinator, "shells", "commitments"))
    assert any(d.endswith("12,000 rounds") for d in details), details
    assert any(d.endswith("2,500,000 EUR") for d in details), details


def test_money_in_results_follows_the_ukrainian_format(client, coordinator, country_pl):
    factories.CommitmentFactory(
        country=country_pl, item="Shells fund", quantity=None, amount="2500000.50", currency="EUR"
    )
    client.cookies["django_language"] = "uk"
    [hit] = hits(client, coordinator, "shells", "commitments")
    assert hit.detail.endswith("2\xa0500\xa0000,50 EUR"), hit.detail


def test_sqlite_gets_an_unaccent_function():
    """`make run`'s SQLite: the same lookup works through the function the app registers."""

    class Wrapper:
        vendor = "sqlite"
        connection = sqlite3.connect(":memory:")

    add_unaccent_to_sqlite(None, Wrapper)
    row = Wrapper.connection.execute("SELECT UNACCENT('Zielińska Łódź Київ'), UNACCENT(NULL)").fetchone()
    assert row == ("Zielinska Lodz Київ", None)
    assert strip_accents("Ærø Straße") == "AEro Strasse"
