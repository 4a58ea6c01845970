"""A coordinator records a multi-payer initiative through the browser: three countries'
contributions through the initiative, the initiative's pooled purchase from an undisclosed
seller, an arrival of goods and a payment of undisclosed amount; each partner page then
counts its own part once."""

import re

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world():
    countries = [factories.CountryFactory(code=code) for code in ("PL", "DE", "NL")]
    initiative = factories.PartnerFactory(
        code="shell-coalition", name="Shell coalition", kind="initiative", lead_country=countries[0]
    )
    initiative.members.set(countries)
    factories.PriorityFactory(code="financing", number=2, name="Financing abroad")
    factories.CapabilityFactory(code="ammunition", name="Ammunition")
    factories.coordinator(username="olena")
    return countries, initiative


def field(page, label: str):
    """The form field labelled `label` (labels end with a colon)."""
    return page.get_by_label(re.compile(f"^{re.escape(label)}:?$"))


def record(page, partner: str, fields: dict, selects: dict, checks: tuple = ()) -> str:
    """Fill the new-commitment form for `partner` and save it; the new commitment's URL."""
    page.goto(f"/commitments/new/?partner={partner}")
    for label, value in {"Priority": "Financing abroad", "Capability": "Ammunition", **selects}.items():
        field(page, label).select_option(label=value)
    for label, value in fields.items():
        field(page, label).fill(value)
    for label in checks:
        field(page, label).check()
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(re.compile(r"/commitments/\d+/$"))
    return page.url


def test_a_coordinator_records_an_initiative_paid_by_three_countries(new_page, world):
    countries, _initiative = world
    page = new_page()
    sign_in(page, "olena")
    contribution = {
        "Kind": "Financing of purchases in a third country",
        "Instrument": "Contribution to a fund or initiative",
        "Through": "Shell coalition",
        "Currency": "EUR",
        "Stage": "Committed (firm)",
    }
    urls = [
        record(page, country.code, {"Item": "Contribution", "Amount": amount}, contribution)
        for country, amount in zip(countries, ("1000000", "1500000", "500000"), strict=True)
    ]
    purchase = record(
        page,
        "shell-coalition",
        {"Item": "155 mm rounds bought together", "Quantity": "20000", "Amount": "3000000"},
        {
            "Kind": "Financing of purchases in a third country",
            "Unit": "rounds",
            "Currency": "EUR",
            "Funding": "Pooled: bought with money its members contributed",
            "Instrument": "Contribution to a fund or initiative",
            "Marking": "Official use",
            "Stage": "Committed (firm)",
        },
        checks=("Seller undisclosed",),
    )
    assert page.get_by_text("Undisclosed", exact=True).is_visible()

    page.get_by_text("Record goods arrived").click()
    page.get_by_label("Quantity arrived (rounds)").fill("5000")
    page.get_by_role("button", name="Record arrival").click()
    expect(page.get_by_text("5,000 of 20,000 rounds arrived")).to_be_visible()

    page.goto(urls[2])
    page.get_by_text("Record a payment").click()
    page.get_by_label("Paid, amount not disclosed").check()
    page.get_by_role("button", name="Record payment").click()
    expect(page.get_by_text("and a payment of undisclosed amount")).to_be_visible()

    # The initiative counts the contributions it received and its purchase's goods; the
    # purchase's money is shown apart, never added (the contributions already count it).
    page.goto("/partners/shell-coalition/")
    received = page.locator("section", has=page.get_by_role("heading", name="Contributions received"))
    expect(received.get_by_role("row", name=re.compile("EUR"))).to_contain_text("3,000,000")
    figures = page.locator("section", has=page.get_by_role("heading", name="Promised, paid and arrived"))
    expect(figures).to_contain_text("Bought with pooled money")
    expect(figures.get_by_role("row", name=re.compile("Ammunition"))).to_contain_text("5,000 arrived")
    assert not figures.get_by_role("row", name=re.compile("EUR")).count()

    # Each country counts its own contribution; the Dutch one's payment had no amount.
    page.goto("/partners/NL/")
    figures = page.locator("section", has=page.get_by_role("heading", name="Promised, paid and arrived"))
    expect(figures.get_by_role("row", name=re.compile("EUR"))).to_contain_text("500,000")
    expect(figures).to_contain_text("and 1 payment of undisclosed amount")
    assert purchase != urls[0]
