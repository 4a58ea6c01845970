"""Users choose their language and whether they get the digest on /accounts/profile/."""

import pytest
from django.test import Client
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


def test_profile_needs_sign_in(client):
    response = client.get(reverse("profile"))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_user_turns_off_the_digest_and_switches_to_ukrainian(client):
    user = factories.embassy(username="warsaw")
    client.force_login(user)
    page = client.get("/accounts/profile/")
    assert page.status_code == 200
    assert 'name="digest_opt_in"' in page.text and "checked" in page.text
    assert 'href="/notifications/digest/preview/"' in page.text
    response = client.post("/accounts/profile/", {"language": "uk"})
    assert response.status_code == 302
    assert response.cookies["django_language"].value == "uk"
    user.refresh_from_db()
    assert (user.language, user.digest_opt_in) == ("uk", False)


def test_an_unknown_language_is_a_form_error(client):
    user = factories.viewer(username="reader")
    client.force_login(user)
    response = client.post("/accounts/profile/", {"language": "xx", "digest_opt_in": "on"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    user.refresh_from_db()
    assert user.language == "en"


def test_profile_form_needs_the_csrf_token():
    user = factories.viewer(username="reader")
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    assert client.post("/accounts/profile/", {"language": "uk"}).status_code == 403
