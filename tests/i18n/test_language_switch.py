"""The language switch works for everyone, also on the sign-in page."""

import pytest

pytestmark = pytest.mark.django_db


def test_language_can_be_switched_before_signing_in(client):
    response = client.post("/i18n/setlang/", {"language": "uk", "next": "/accounts/login/"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/"
    assert client.cookies["django_language"].value == "uk"
