"""CSRF: a write without the token is refused, htmx requests included."""

import pytest
from django.test import Client

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def strict_client():
    """A client that checks CSRF tokens as a browser's requests are checked."""
    return Client(enforce_csrf_checks=True)


def test_htmx_post_without_token_is_refused_and_changes_nothing(strict_client):
    strict_client.force_login(factories.coordinator())
    response = strict_client.post("/accounts/logout/", headers={"HX-Request": "true"})
    assert response.status_code == 403
    assert strict_client.get("/").status_code == 200  # still signed in


def test_htmx_post_with_the_token_from_the_page_is_accepted(strict_client):
    strict_client.force_login(factories.coordinator())
    strict_client.get("/")  # the page sets the CSRF cookie that its meta tag mirrors
    token = strict_client.cookies["csrftoken"].value
    response = strict_client.post("/accounts/logout/", headers={"HX-Request": "true", "X-CSRFToken": token})
    assert response.status_code == 204  # htmx is told to load the sign-in page
    assert response["HX-Redirect"] == "/accounts/login/"
    assert strict_client.get("/").status_code == 302  # signed out: sent to sign in


def test_htmx_post_with_a_wrong_token_is_refused(strict_client):
    strict_client.force_login(factories.coordinator())
    strict_client.get("/")
    response = strict_client.post(
        "/i18n/setlang/", {"language": "uk"}, headers={"HX-Request": "true", "X-CSRFToken": "x" * 32}
    )
    assert response.status_code == 403


def test_sign_in_form_without_token_is_refused(strict_client):
    factories.coordinator(username="olena")
    response = strict_client.post(
        "/accounts/login/",
        {"username": "olena", "password": factories.PASSWORD},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 403
    assert "_auth_user_id" not in strict_client.session
