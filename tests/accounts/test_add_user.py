"""Operators create accounts with `manage.py add_user` instead of the admin."""

import pytest
from django.core.management import CommandError, call_command

from tests import factories
from tracker.accounts.models import User

pytestmark = pytest.mark.django_db
PASSWORD = "a long passphrase for the embassy"


def test_it_creates_an_embassy_user_scoped_to_countries(monkeypatch, country_pl, country_de):
    monkeypatch.setenv("TRACKER_PASSWORD", PASSWORD)
    call_command("add_user", "kyiv-warsaw", role="embassy", country=["pl", "DE"], email="w@example.org")
    user = User.objects.get(username="kyiv-warsaw")
    assert user.role == "embassy"
    assert {str(c.code) for c in user.countries.all()} == {"PL", "DE"}
    assert user.check_password(PASSWORD)


def test_it_creates_an_industry_user_in_an_organisation(monkeypatch):
    factories.OrganisationFactory(code="ukroboronprom", kind="concern")
    monkeypatch.setenv("TRACKER_PASSWORD", PASSWORD)
    call_command("add_user", "staff", role="industry", organisation="ukroboronprom")
    assert User.objects.get(username="staff").organisation.code == "ukroboronprom"


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"role": "admiral"}, "Unknown role"),
        ({"role": "embassy", "country": ["XX"]}, "Unknown country"),
        ({"role": "industry", "organisation": "nope"}, "Unknown organisation"),
        ({"role": "industry"}, "need --organisation"),
        ({"role": "embassy"}, "at least one --country"),
    ],
)
def test_it_refuses_unknown_values_clearly(monkeypatch, options, message):
    monkeypatch.setenv("TRACKER_PASSWORD", PASSWORD)
    with pytest.raises(CommandError, match=message):
        call_command("add_user", "someone", **options)
    assert not User.objects.exists()


def test_it_refuses_a_weak_password(monkeypatch):
    monkeypatch.setenv("TRACKER_PASSWORD", "12345678")
    with pytest.raises(CommandError):
        call_command("add_user", "someone", role="viewer")
