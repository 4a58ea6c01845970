"""The page that shows a user their private calendar link."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

URL = "/calendar/"


def test_url_name():
    assert reverse("calendar:subscription") == URL


def test_user_creates_a_link_and_sees_it(client):
    user = factories.viewer()
    client.force_login(user)
    page = client.get(URL)
    assert page.status_code == 200
    assert "Create my calendar link" in page.content.decode()
    assert user.calendar_token is None
    response = client.post(URL, {"action": "regenerate"}, follow=True)
    user.refresh_from_db()
    assert user.calendar_token
    assert (
        settings.SITE_URL + reverse("calendar:feed", args=[user.calendar_token]) in response.content.decode()
    )


def test_user_switches_the_link_off(client):
    user = factories.viewer()
    token = user.regenerate_calendar_token()
    client.force_login(user)
    client.post(URL, {"action": "stop"})
    user.refresh_from_db()
    assert user.calendar_token is None
    assert client.get(f"/calendar/{token}.ics").status_code == 404


def test_looking_at_the_page_changes_nothing(client):
    user = factories.viewer()
    token = user.regenerate_calendar_token()
    client.force_login(user)
    client.get(URL)
    user.refresh_from_db()
    assert user.calendar_token == token


def test_regenerating_needs_the_csrf_token():
    user = factories.viewer()
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    assert client.post(URL, {"action": "regenerate"}).status_code == 403
    user.refresh_from_db()
    assert user.calendar_token is None


def test_tokens_are_unique_and_long(db):
    tokens = {factories.viewer().regenerate_calendar_token() for _ in range(5)}
    assert len(tokens) == 5
    assert all(len(token) >= 40 for token in tokens)


def test_page_needs_sign_in(client):
    assert client.get(URL).status_code == 302
