"""GET /partners/: figures per partner that count only what the user may see, in fixed queries."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from tests import factories
from tests.page_checks import client_for
from tests.queries import assert_fixed_queries
from tests.world import user_with_role
from tracker.commitments.models import Marking, Stage

pytestmark = pytest.mark.django_db
URL = "/partners/"


@pytest.fixture
def figures(country_pl, country_de):
    factories.CommitmentFactory(
        country=country_pl, quantity=None, unit="", amount=Decimal(1_000_000), currency="EUR"
    )
    factories.CommitmentFactory(
        country=country_pl,
        quantity=None,
        unit="",
        amount=Decimal(4_000_000),
        currency="EUR",
        marking=Marking.RESTRICTED,
    )
    factories.CommitmentFactory(country=country_pl, quantity=50, unit="systems", stage=Stage.DISCUSSED)
    factories.CommitmentFactory(country=country_de, quantity=20, unit="vehicles")
    today = timezone.localdate()
    factories.ContactFactory(country=country_pl, held_on=today - datetime.timedelta(days=40))
    factories.ContactFactory(country=country_pl, held_on=datetime.date(2026, 3, 14))
    factories.ContactFactory(country=country_de, held_on=datetime.date(2026, 2, 9))
    return locals()


def row(text: str, country: str) -> str:
    """The table row of one partner."""
    start = text.index(f">{country}</a>")
    return text[start : text.index("</tr>", start)]


def test_coordinator_sees_totals_per_currency_and_unit(coordinator, figures):
    text = client_for(coordinator).get(URL).text
    poland = row(text, "Poland")
    assert "0 paid of 5,000,000 EUR committed" in poland
    assert "systems" not in poland  # only discussed: not a promise yet
    assert ">3</a>" in poland  # commitments
    assert "14 Mar 2026" not in poland  # the later contact is the last one
    assert "0 of 20 vehicles arrived" in row(text, "Germany")


def test_totals_exclude_restricted_commitments_the_user_cannot_see(viewer, embassy_de, figures):
    for user in (viewer, embassy_de):
        poland = row(client_for(user).get(URL).text, "Poland")
        assert "0 paid of 1,000,000 EUR committed" in poland
        assert ">2</a>" in poland


def test_embassy_user_sees_last_contact_dates_of_their_countries_only(embassy_de, figures):
    text = client_for(embassy_de).get(URL).text
    assert "9 Feb 2026" in row(text, "Germany")
    assert "none you may see" in row(text, "Poland")


def test_open_followups_are_counted_per_partner(coordinator, country_pl):
    contact = factories.ContactFactory(country=country_pl)
    factories.FollowUpFactory.create_batch(2, contact=contact, project=None, country=country_pl)
    poland = row(client_for(coordinator).get(URL).text, "Poland")
    assert '<td data-label="Open follow-ups" class="num">2</td>' in poland


def test_active_partners_by_default_all_countries_on_request(coordinator, country_pl):
    factories.CountryFactory(code="JP", is_active_partner=False)
    client = client_for(coordinator)
    assert "Japan" not in client.get(URL).text
    assert "Japan" in client.get(URL, {"show": "all"}).text
    assert client.get(URL, {"show": "<bad>"}).status_code == 200


@pytest.mark.parametrize("role", ["coordinator", "embassy", "viewer"])
def test_query_count_does_not_grow_with_partners_and_records(role, country_pl, figures):
    user = user_with_role(role, country_pl, None)

    def grow():
        for code in ("FR", "NL", "NO", "SE", "DK", "CZ"):
            country = factories.CountryFactory(code=code)
            factories.CommitmentFactory.create_batch(3, country=country)
            factories.CommitmentFactory(country=country, quantity=None, unit="", amount=5, currency="USD")
            contact = factories.ContactFactory(country=country)
            factories.FollowUpFactory(contact=contact, project=None, country=country)

    queries = assert_fixed_queries(client_for(user), URL, grow)
    assert queries <= 13  # 9 at most today; the session layer adds 3 per request
