"""Counts read right in Ukrainian, whose nouns take three forms after a number (1, 2–4, 5+)."""

import datetime

import pytest
from django.utils import timezone

from tests import factories
from tests.page_checks import client_for

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
