"""The charts page: committed against paid by priority, capability and country, and per month."""

import datetime
import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from tests import factories
from tracker.commitments import services
from tracker.commitments.models import Marking, Stage
from tracker.history.editing import ANY_VERSION

pytestmark = pytest.mark.django_db

URL = "/charts/"


@pytest.fixture
def money(coordinator, country_pl, country_de):
    supply = factories.PriorityFactory(
        code="supply", number=1, name="More weapons", name_uk="Більше озброєння"
    )
    funds = factories.PriorityFactory(
        code="funds", number=2, name="Paying for arms", name_uk="Оплата озброєння"
    )
    air = factories.CapabilityFactory(code="air", name="Air defence")

    def make(**values):
        values = {"priority": supply, "capability": air, "quantity": None, "unit": ""} | values
        return factories.CommitmentFactory(**values)

    first = make(country=country_pl, amount=Decimal("1000000"), currency="EUR")
    services.record_payment(
        first,
        paid_on=timezone.localdate(),
        amount=Decimal("250000"),
        by=coordinator,
        expected_version=ANY_VERSION,
    )
    make(country=country_de, amount=Decimal("3000000"), currency="EUR", priority=funds)
    make(country=country_de, amount=Decimal("500000"), currency="EUR", marking=Marking.RESTRICTED)
    make(country=country_pl, amount=Decimal("7000000"), currency="USD")
    make(country=country_pl, amount=Decimal("9999999"), currency="EUR", stage=Stage.DISCUSSED)
    make(country=country_pl, quantity=10, unit="systems")
    make(country=country_pl, amount=Decimal("2000000"), currency="EUR", stage=Stage.PLEDGED)
    return locals()


def get(client, user, **params):
    client.force_login(user)
    return client.get(URL, params)


def test_url_name():
    assert reverse("charts:charts") == URL


def test_coordinator_sees_committed_and_paid_in_the_most_common_currency(client, coordinator, money):
    response = get(client, coordinator)
    assert response.status_code == 200
    figures = response.context["figures"]
    assert figures.currency == "EUR"
    assert figures.currencies == ["EUR", "USD"]
    by_priority = {row.label: (row.announced, row.committed, row.paid) for row in figures.by_priority}
    # The announced pledge stands beside the firm ones, never added to them.
    assert by_priority == {
        "More weapons": (Decimal("2000000"), Decimal("1500000"), Decimal("250000")),
        "Paying for arms": (Decimal("0"), Decimal("3000000"), Decimal("0")),
    }
    assert {row.key: row.committed for row in figures.by_country} == {
        "DE": Decimal("3500000"),
        "PL": Decimal("1000000"),
    }
    assert figures.without_amount == 1
    body = response.content.decode()
    assert "1,500,000" in body and "250,000 (16%)" in body


def test_another_currency_is_chosen_with_a_parameter(client, coordinator, money):
    figures = get(client, coordinator, currency="usd").context["figures"]
    assert figures.currency == "USD"
    assert [row.committed for row in figures.by_priority] == [Decimal("7000000"), Decimal("0")]


@pytest.mark.parametrize("currency", ["XXX", "", "<script>", "€" * 100, "\x00"])
def test_unknown_currencies_fall_back_to_the_default(client, coordinator, money, currency):
    response = get(client, coordinator, currency=currency)
    assert response.status_code == 200
    assert response.context["figures"].currency == "EUR"


def test_viewer_charts_leave_out_restricted_commitments(client, viewer, money):
    figures = get(client, viewer).context["figures"]
    assert figures.totals.committed == Decimal("4000000")


def test_embassy_user_counts_only_restricted_commitments_in_scope(client, country_pl, money):
    user = factories.embassy(country_pl)
    figures = get(client, user).context["figures"]
    assert figures.totals.committed == Decimal("4000000")  # the restricted German one is out


def test_months_count_commitments_and_their_value(client, coordinator, country_pl):
    today = timezone.localdate()
    last_month = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=10)
    factories.CommitmentFactory(
        country=country_pl, announced_on=last_month, amount=Decimal("100"), currency="EUR"
    )
    factories.CommitmentFactory(country=country_pl, announced_on=last_month)
    factories.CommitmentFactory(country=country_pl, announced_on=today - datetime.timedelta(days=3000))
    months = get(client, coordinator).context["figures"].months
    assert len(months) == 24
    assert months[-1].start == today.replace(day=1)
    assert (months[-2].count, months[-2].value) == (2, Decimal("100"))
    assert sum(month.count for month in months) == 2


def test_page_works_without_javascript_or_inline_styles(client, coordinator, money):
    body = get(client, coordinator).content.decode()
    assert " style=" not in body
    assert all("src=" in tag for tag in re.findall(r"<script[^>]*>", body))
    assert body.count("<svg") >= 5
    assert body.count("<table") == 5
    assert 'fill="url(#by-priority-hatch)"' in body


def test_charts_read_in_ukrainian_keep_svg_numbers_plain(client, coordinator, money):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "uk"
    body = get(client, coordinator).content.decode()
    assert "Більше озброєння" in body
    assert re.search(r'viewBox="0 0 \d+ \d+"', body)
    assert not re.search(r'(width|height|x|y)="\d+,\d', body)


def test_no_amounts_shows_a_message_not_an_error(client, coordinator):
    response = get(client, coordinator)
    assert response.status_code == 200
    assert response.context["figures"].currency == ""


@pytest.mark.parametrize("size", [2, 20])
def test_charts_cost_a_fixed_number_of_queries(client, django_assert_num_queries, country_pl, size):
    user = factories.embassy(country_pl)
    for index in range(size):
        factories.CommitmentFactory(
            country=country_pl, amount=Decimal(1000 + index), currency="EUR" if index % 2 else "USD"
        )
    client.force_login(user)
    # session, user, the user's countries, the grand total, then per priority, capability and
    # partner the grouped totals and the names, the months
    with django_assert_num_queries(11):
        assert client.get(URL).status_code == 200
