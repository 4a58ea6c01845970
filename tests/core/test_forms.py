"""Every form has one layout: labels in sentence case, required fields marked, a summary of
the errors at the top linking to each field (the GOV.UK pattern) with the message beside the
field, one empty choice; units beside amounts and quantities; curated countries and currencies."""

import re

import pycountry
import pytest
from django.urls import reverse

from tests import factories
from tests.commitments.test_create import data
from tests.page_checks import client_for
from tracker.commitments.models import Commitment
from tracker.core.money import CURRENCIES, CURRENCY_CHOICES

pytestmark = pytest.mark.django_db

SUMMARY = re.compile(
    r'<div class="error-summary" role="alert"[^>]*>\s*<h2[^>]*>([^<]+)</h2>(.*?)</div>', re.S
)


@pytest.fixture
def reference(own_project):
    return {"priority": own_project.priority, "capability": own_project.capability}


@pytest.mark.parametrize(("language", "heading"), [("en", "There is a problem"), ("uk", "Є помилки")])
def test_a_refused_form_lists_its_errors_at_the_top_linking_to_each_field(
    embassy_pl, country_pl, reference, language, heading
):
    client = client_for(embassy_pl)
    client.cookies["django_language"] = language
    response = client.post(
        "/commitments/new/",
        data(country_pl, reference, item="", quantity="-3", **{"sources-0-url": "not a url"}),
    )
    assert response.status_code in (200, 422)
    text = response.content.decode()
    summary = SUMMARY.search(text)
    assert summary and summary.group(1) == heading
    links = re.findall(r'<a href="#([^"]+)">', summary.group(2))
    assert {"id_item", "id_quantity", "id_sources-0-url"} <= set(links)
    for target in links:  # each link lands on a field, which shows its message beside it
        assert f'id="{target}"' in text
        assert f'id="{target}_error"' in text
    assert text.index("error-summary") < text.index('id="id_item"')
    assert not Commitment.objects.exists()


@pytest.mark.parametrize("language", ["en", "uk"])
def test_labels_are_in_sentence_case_and_required_fields_are_marked(coordinator, language):
    client = client_for(coordinator)
    client.cookies["django_language"] = language
    marks = {"en": "(required)", "uk": "(обов'язково)"}[language]
    for url in ("/commitments/new/", "/contacts/new/", "/projects/new/", reverse("partners:package_create")):
        text = client.get(url).content.decode()
        labels = re.findall(r"<(?:label|legend)[^>]*>\s*([^<\s][^<]*)", text)
        assert labels, url
        lower = [label for label in labels if label[0].islower()]
        assert not lower, (url, lower)
        assert marks in text, url


@pytest.mark.parametrize(("language", "choose"), [("en", "Choose…"), ("uk", "Оберіть…")])
def test_every_edit_form_has_one_empty_choice(coordinator, language, choose):
    client = client_for(coordinator)
    client.cookies["django_language"] = language
    for url in ("/commitments/new/", "/contacts/new/", "/projects/new/"):
        text = client.get(url).content.decode()
        empties = set(re.findall(r'<option value=""[^>]*>([^<]*)</option>', text))
        assert empties == {choose}, (url, empties)


def test_filters_have_one_empty_choice(coordinator):
    for url in ("/commitments/", "/contacts/", "/projects/"):
        text = client_for(coordinator).get(url).content.decode()
        assert set(re.findall(r'<option value=""[^>]*>([^<]*)</option>', text)) == {"Any"}, url


def test_amount_and_quantity_inputs_show_their_currency_and_unit(coordinator, pl_commitment):
    pl_commitment.amount, pl_commitment.currency, pl_commitment.unit = 1000, "EUR", "rounds"
    pl_commitment.save()
    text = client_for(coordinator).get(pl_commitment.get_absolute_url()).content.decode()
    unit_input = (
        r'<div class="input-with-unit"><input[^>]*name="([^"]+)"[^>]*><span class="input-unit">([^<]+)</span>'
    )
    units = re.findall(unit_input, text)
    assert ("payment-amount", "EUR") in units
    assert ("amend-new_amount", "EUR") in units
    assert any(
        name in ("delivery-quantity", "amend-new_quantity") and unit == "rounds" for name, unit in units
    )


def test_currencies_are_a_curated_list_of_active_iso_codes():
    assert [code for code, _ in CURRENCY_CHOICES] == CURRENCIES
    for code in CURRENCIES:
        assert pycountry.currencies.get(alpha_3=code) is not None, code
    for not_money in ("XAU", "XAG", "XDR", "XTS", "XXX", "XBA", "BOV", "USN"):
        assert not_money not in CURRENCIES


@pytest.mark.parametrize(
    ("language", "says"), [("en", "is not a currency the tracker records"), ("uk", "не валюта")]
)
def test_an_unlisted_currency_is_refused_with_a_clear_message(
    coordinator, country_pl, reference, language, says
):
    client = client_for(coordinator)
    client.cookies["django_language"] = language
    response = client.post(
        "/commitments/new/", data(country_pl, reference, quantity="", unit="", amount="100", currency="XAU")
    )
    assert says in response.content.decode()
    assert not Commitment.objects.exists()


def test_country_menus_offer_partners_first_then_other_countries(coordinator, country_pl):
    factories.CountryFactory(code="AR", is_active_partner=False)
    text = client_for(coordinator).get("/contacts/new/").content.decode()
    country = text[text.index('name="country"') :]
    country = country[: country.index("</select>")]
    assert (
        country.index('<optgroup label="Partners">')
        < country.index("Poland")
        < country.index('<optgroup label="Other countries">')
    )
