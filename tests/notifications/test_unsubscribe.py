"""Every digest carries a signed one-click unsubscribe link (also as List-Unsubscribe) that
works without signing in; a tampered link is refused."""

import datetime

import pytest
from django.core import signing
from django.test import Client

from tests import factories
from tests.notifications.conftest import digest_run, kyiv
from tracker.notifications import unsubscribe

pytestmark = pytest.mark.django_db

MONDAY = kyiv(2026, 5, 18, 8)


@pytest.fixture
def reader():
    user = factories.viewer(username="reader", email="reader@example.org")
    factories.FollowUpFactory(owner=user, due_on=datetime.date(2026, 5, 11))  # overdue: not empty
    return user


@pytest.fixture
def link(reader, mailoutbox) -> str:
    digest_run(MONDAY)
    (message,) = mailoutbox
    header = message.extra_headers["List-Unsubscribe"]
    assert header.startswith("<http") and header.endswith(">")
    url = header[1:-1]
    assert url in message.body
    assert f'href="{url}"' in message.alternatives[0].content
    return url.removeprefix("http://127.0.0.1:8000")


def test_the_digest_offers_one_click_unsubscribe_headers(link, mailoutbox):
    headers = mailoutbox[0].extra_headers
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert link.startswith("/notifications/unsubscribe/")


def test_the_link_asks_first_then_unsubscribes_without_signing_in(link, reader, client):
    page = client.get(link)
    assert page.status_code == 200
    assert "Stop sending the weekly digest to reader@example.org?" in page.text
    reader.refresh_from_db()
    assert reader.digest_opt_in  # a GET (a mail scanner, a preview) changes nothing
    done = client.post(link)
    assert done.status_code == 200
    assert "The weekly digest is off for reader@example.org" in done.text
    reader.refresh_from_db()
    assert not reader.digest_opt_in


def test_a_mail_client_one_click_post_works_without_cookies_or_csrf_token(link, reader):
    mail_client = Client(enforce_csrf_checks=True)
    response = mail_client.post(
        link, data="List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    reader.refresh_from_db()
    assert not reader.digest_opt_in


def test_unsubscribed_users_get_no_more_digests(link, reader, client, mailoutbox):
    client.post(link)
    mailoutbox.clear()
    assert digest_run(MONDAY + datetime.timedelta(days=7)) == []
    assert mailoutbox == []


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_tampered_link_is_refused_with_a_clear_page(link, reader, client, method):
    token = link.rstrip("/").rsplit("/", 1)[1]
    other = factories.viewer(username="someone-else")
    other_payload = unsubscribe.make_token(other).split(":", 1)[0]
    tampered = [
        token[:-1] + ("B" if token.endswith("A") else "A"),  # signature changed
        other_payload + ":" + token.split(":", 1)[1],  # someone else's id, this signature
        "not-a-token",
    ]
    for bad in tampered:
        response = getattr(client, method)(f"/notifications/unsubscribe/{bad}/")
        assert response.status_code == 400, bad
        assert "This unsubscribe link is not valid" in response.text
    reader.refresh_from_db()
    other.refresh_from_db()
    assert reader.digest_opt_in and other.digest_opt_in


def test_a_link_signed_for_another_purpose_is_refused(reader, client):
    token = signing.dumps(reader.pk, salt="some.other.purpose")
    response = client.post(f"/notifications/unsubscribe/{token}/")
    assert response.status_code == 400
    reader.refresh_from_db()
    assert reader.digest_opt_in


def test_a_link_of_a_deleted_user_is_refused(client):
    gone = factories.viewer(username="gone")
    token = unsubscribe.make_token(gone)
    gone.delete()
    assert client.post(f"/notifications/unsubscribe/{token}/").status_code == 400
