"""The user's language lives in their profile: applied at sign-in, updated by the switch."""

import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_second_factor(settings):
    settings.MFA_REQUIRED_ROLES = []


def sign_in(client, username: str):
    return client.post(reverse("login"), {"username": username, "password": factories.PASSWORD}, follow=True)


def test_user_with_ukrainian_profile_sees_ukrainian_after_signing_in(client):
    factories.viewer(username="taras", language="uk")
    response = sign_in(client, "taras")
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == "/"
    text = response.content.decode()
    assert '<html lang="uk">' in text
    assert "<h1>Панель</h1>" in text
    assert ">Dashboard<" not in text
    assert client.cookies["django_language"].value == "uk"
    # The cookie carries it on: the next page is Ukrainian too.
    assert "<h1>Проєкти</h1>" in client.get(reverse("projects:list")).content.decode()


def test_profile_language_wins_over_the_language_of_the_sign_in_page(client):
    factories.viewer(username="anna", language="en")
    client.post(reverse("set_language"), {"language": "uk", "next": "/accounts/login/"})
    assert client.cookies["django_language"].value == "uk"
    response = sign_in(client, "anna")
    assert "<h1>Dashboard</h1>" in response.content.decode()
    assert client.cookies["django_language"].value == "en"


def test_switching_language_when_signed_in_stores_it_on_the_user(client):
    user = factories.viewer(username="petro", language="en")
    client.force_login(user)
    response = client.post(reverse("set_language"), {"language": "uk", "next": "/projects/"})
    assert response.status_code == 302
    assert response["Location"] == "/projects/"
    user.refresh_from_db()
    assert user.language == "uk"
    assert "<h1>Проєкти</h1>" in client.get("/projects/").content.decode()
    # And the next sign-in, on another device, starts in Ukrainian.
    client.logout()
    client.cookies.clear()
    assert "<h1>Панель</h1>" in sign_in(client, "petro").content.decode()


def test_switching_to_an_unknown_language_changes_nothing(client):
    user = factories.viewer(username="olha", language="uk")
    client.force_login(user)
    response = client.post(reverse("set_language"), {"language": "xx", "next": "/"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.language == "uk"


def test_switch_needs_csrf_token():
    user = factories.viewer(username="ivan", language="en")
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(user)
    assert strict.post(reverse("set_language"), {"language": "uk"}).status_code == 403
    user.refresh_from_db()
    assert user.language == "en"


def test_dates_and_money_follow_the_language(client):
    user = factories.viewer(username="yulia", language="uk")
    commitment = factories.CommitmentFactory(
        quantity=None,
        unit="",
        amount=Decimal("1234567.50"),
        currency="EUR",
        announced_on=datetime.date(2026, 3, 15),
    )
    client.force_login(user)
    url = reverse("commitments:detail", args=[commitment.pk])
    client.cookies["django_language"] = "uk"
    text = client.get(url).content.decode()
    assert "15.03.2026" in text
    assert "з 1\xa0234\xa0567,50 EUR" in text
    client.cookies["django_language"] = "en"
    text = client.get(url).content.decode()
    assert "15 Mar 2026" in text
    assert "of 1,234,567.50 EUR" in text


def test_form_labels_and_django_messages_are_ukrainian(client):
    client.force_login(factories.coordinator(username="bohdan", language="uk"))
    client.cookies["django_language"] = "uk"
    filters = client.get(reverse("projects:list")).content.decode()
    for label in ("Пріоритет", "Статус", "Стан", "Підприємство", "Спроможність"):
        assert f">{label}</label>" in filters
    # Django's own Ukrainian catalogue leaves the empty choice untranslated; ours fills it in.
    form = client.get(reverse("projects:create")).content.decode()
    assert "Оберіть…" in form
    assert "Select an option" not in form
