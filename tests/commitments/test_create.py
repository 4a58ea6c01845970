"""/commitments/new/: who may record a commitment, prefill from project or partner, sources."""

from decimal import Decimal

import pytest

from tests.page_checks import client_for, csrf_token
from tracker.commitments.models import Commitment, SourceReference
from tracker.history.models import Action, Change

pytestmark = pytest.mark.django_db
URL = "/commitments/new/"


@pytest.fixture
def reference(own_project):
    return {"priority": own_project.priority, "capability": own_project.capability}


def data(country, reference, **values) -> dict:
    payload = {
        "partner": country.partner.pk,
        "priority": reference["priority"].pk,
        "kind": "supply",
        "capability": reference["capability"].pk,
        "item": "Self-propelled howitzers",
        "quantity": "12",
        "unit": "systems",
        "stage": "pledged",
        "marking": "official",
        "announced_on": "2026-03-01",
        "sources-TOTAL_FORMS": "2",
        "sources-INITIAL_FORMS": "0",
        "sources-0-url": "https://example.org/announcement",
        "sources-0-document": "",
        "sources-1-url": "",
        "sources-1-document": "",
    }
    payload.update(values)
    return payload


def test_embassy_user_records_a_commitment_of_their_country_with_a_source(embassy_pl, country_pl, reference):
    response = client_for(embassy_pl).post(URL, data(country_pl, reference))
    commitment = Commitment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/commitments/{commitment.pk}/"
    assert commitment.partner == country_pl.partner and commitment.created_by == embassy_pl
    assert SourceReference.objects.get().url == "https://example.org/announcement"
    assert Change.objects.filter(commitment=commitment, action=Action.CREATED).exists()


def test_embassy_user_cannot_record_for_another_country(embassy_pl, country_de, reference):
    response = client_for(embassy_pl).post(URL, data(country_de, reference))
    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    assert not Commitment.objects.exists()


def test_readers_may_not_open_the_form(viewer, industry_user):
    for user in (viewer, industry_user):
        assert client_for(user).get(URL).status_code == 403
        assert client_for(user).post(URL, {}).status_code == 403


def test_form_is_prefilled_from_the_project_page_and_the_partner_page(coordinator, own_project, country_de):
    client = client_for(coordinator)
    from_project = client.get(URL, {"project": own_project.pk}).text
    assert f'<option value="{own_project.pk}" selected>' in from_project
    assert f'<option value="{own_project.priority_id}" selected>' in from_project
    from_partner = client.get(URL, {"partner": "de"}).text
    assert f'<option value="{country_de.partner.pk}" selected>' in from_partner
    for bad in ({"project": "abc"}, {"project": "999999"}, {"partner": "Germany"}, {"partner": ""}):
        assert client.get(URL, bad).status_code == 200


@pytest.mark.parametrize(
    ("values", "field_error"),
    [
        ({"quantity": ""}, "Enter the quantity promised, the amount, or both."),
        ({"quantity": "-5"}, "greater than or equal to 1"),
        ({"quantity": "99999999999999999999"}, "less than or equal to"),
        ({"unit": ""}, "Choose the unit the quantity is counted in."),
        ({"amount": "1000", "currency": ""}, "Choose the currency of the amount."),
        ({"amount": "abc"}, "Enter a number"),
        ({"item": "x" * 301}, "at most 300 characters"),
        ({"announced_on": "2026-13-01"}, "Enter a valid date"),
        ({"expected_by": "2026-01-01"}, "Expected completion cannot be before the announcement."),
        ({"stage": "fulfilled"}, "Select a valid choice"),
        ({"sources-0-url": "not a link"}, "Enter a valid URL"),
    ],
)
def test_bad_input_is_shown_next_to_the_field_with_the_input_kept(
    coordinator, country_pl, reference, values, field_error
):
    response = client_for(coordinator).post(URL, data(country_pl, reference, **values))
    assert response.status_code == 200
    assert field_error in response.text
    assert 'value="Self-propelled howitzers"' in response.text or "item" in values
    assert not Commitment.objects.exists()


def test_an_amount_with_its_currency_is_enough(coordinator, country_pl, reference):
    payload = data(country_pl, reference, quantity="", unit="", amount="2500000.50", currency="EUR")
    assert client_for(coordinator).post(URL, payload).status_code == 302
    assert Commitment.objects.get().amount == Decimal("2500000.50")


def test_csrf_token_is_required(coordinator, country_pl, reference):
    client = client_for(coordinator, csrf=True)
    assert client.post(URL, data(country_pl, reference)).status_code == 403
    token = csrf_token(client, URL)
    assert client.post(URL, {**data(country_pl, reference), "csrfmiddlewaretoken": token}).status_code == 302


def country_select(page: str) -> str:
    return page[page.index('<select name="partner"') :].split("</select>")[0]


def test_coordinators_pick_from_partners_first_and_may_still_pick_another_country(
    coordinator, country_pl, reference
):
    from tests import factories

    newcomer = factories.CountryFactory(code="NZ", is_active_partner=False)
    page = country_select(client_for(coordinator).get(URL).text)
    partners, others = (
        page.index('<optgroup label="Partners">'),
        page.index('<optgroup label="Other countries">'),
    )
    assert partners < page.index(">Poland<") < others < page.index(">New Zealand<")

    response = client_for(coordinator).post(URL, data(newcomer, reference))
    assert response.status_code == 302
    assert Commitment.objects.get().partner == newcomer.partner


def test_embassy_staff_get_their_countries_without_groups(embassy_pl, country_pl, country_de):
    page = country_select(client_for(embassy_pl).get(URL).text)
    assert ">Poland<" in page and ">Germany<" not in page and "<optgroup" not in page
