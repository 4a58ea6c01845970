"""Counts read right in Ukrainian, whose nouns take three forms after a number (1, 2–4, 5+)."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from tests import factories
from tests.page_checks import client_for
from tracker.core.quantities import quantity_with_unit

pytestmark = pytest.mark.django_db


def test_dashboard_counts_take_the_ukrainian_plural_form(coordinator):
    today = timezone.localdate()
    for _ in range(3):
        factories.FollowUpFactory(owner=coordinator, due_on=today)
    factories.FollowUpFactory(owner=coordinator, due_on=today - datetime.timedelta(days=1))
    client = client_for(coordinator)
    client.cookies["django_language"] = "uk"
    html = client.get("/").content.decode()
    assert "3</span> строки цього тижня" in html
    assert "1</span> прострочений" in html
    client.cookies["django_language"] = "en"
    html = client.get("/").content.decode()
    assert "3</span> due this week" in html and "1</span> overdue" in html


@pytest.mark.parametrize(
    ("quantity", "unit", "english", "ukrainian"),
    [
        (1, "systems", "1 system", "1 система"),
        (2, "systems", "2 systems", "2 системи"),
        (5, "systems", "5 systems", "5 систем"),
        (21, "rounds", "21 rounds", "21 постріл"),
        (Decimal("40000"), "rounds", "40,000 rounds", "40\xa0000 пострілів"),
        (Decimal("2.5"), "systems", "2.5 systems", "2,5 системи"),
        (3, "people", "3 people trained", "3 особи навчено"),
    ],
)
def test_a_quantity_takes_its_units_form(quantity, unit, english, ukrainian):
    with translation.override("en"):
        assert quantity_with_unit(quantity, unit) == english
    with translation.override("uk"):
        assert quantity_with_unit(quantity, unit) == ukrainian


def test_commitments_list_shows_two_systems_in_ukrainian(coordinator):
    factories.CommitmentFactory(item="Radars", quantity=2, unit="systems")
    client = client_for(coordinator)
    client.cookies["django_language"] = "uk"
    assert "2 системи" in client.get("/commitments/").content.decode()
