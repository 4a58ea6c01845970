"""'Preview my digest' shows signed-in users the digest they would get now."""

import datetime

import pytest
import time_machine

from tests import factories
from tests.notifications.conftest import kyiv

pytestmark = pytest.mark.django_db

MONDAY = kyiv(2026, 5, 18, 8)


def test_preview_needs_sign_in(client):
    response = client.get("/notifications/digest/preview/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_embassy_officer_previews_their_own_countrys_follow_ups(client, country_pl, country_de):
    officer = factories.embassy(country_pl, username="warsaw", email="warsaw@example.org")
    pl = factories.CommitmentFactory(country=country_pl)
    de = factories.CommitmentFactory(country=country_de)
    factories.FollowUpFactory(
        title="Polish <task>",
        owner=officer,
        due_on=datetime.date(2026, 5, 19),
        commitment=pl,
        country=country_pl,
        project=None,
    )
    factories.FollowUpFactory(
        title="German task",
        due_on=datetime.date(2026, 5, 19),
        commitment=de,
        country=country_de,
        project=None,
    )
    client.force_login(officer)
    with time_machine.travel(MONDAY, tick=False):
        page = client.get("/notifications/digest/preview/")
    assert page.status_code == 200
    assert "Your weekly tracker digest, week 21 of 2026" in page.text
    assert "Follow-ups due in the coming week" in page.text
    assert "Polish &lt;task&gt;" in page.text
    assert 'style="' not in page.text  # the CSP allows no inline styles on the site
    assert "German task" not in page.text


def test_an_empty_preview_says_nothing_would_be_sent(client):
    reader = factories.viewer(username="reader", digest_opt_in=False)
    client.force_login(reader)
    page = client.get("/notifications/digest/preview/")
    assert page.status_code == 200
    assert "Nothing to report: an empty digest is not sent." in page.text
    assert "You do not receive the weekly digest." in page.text


def test_preview_answers_only_get(client):
    client.force_login(factories.viewer(username="reader"))
    assert client.post("/notifications/digest/preview/").status_code == 405
