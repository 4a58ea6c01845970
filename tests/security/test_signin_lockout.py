"""Sign-in lock-out (django-axes): per account at an address, per address, on the app's
sign-in and the admin's; 429 with a clear message; every attempt recorded."""

import datetime

import pytest
import time_machine
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.utils import timezone

from tests import factories

pytestmark = pytest.mark.django_db

APP = "/accounts/login/"
ADMIN = "/admin/login/"
# Documentation addresses (RFC 5737): only values in a header, no traffic goes anywhere.
HERE, ELSEWHERE = "192.0.2.10", "198.51.100.20"
WRONG = "wrong-password"


def sign_in(client, username, password=WRONG, url=APP, address=HERE):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=address)


def fail(client, username, times, url=APP, address=HERE):
    """`times` wrong passwords, each answered with the form again: below the limit."""
    for _ in range(times):
        response = sign_in(client, username, url=url, address=address)
        assert response.status_code == 200


def lock_out(client, username, address=HERE):
    """Fail until the limit: the failure that reaches it is answered with 429 already."""
    fail(client, username, settings.AXES_FAILURE_LIMIT - 1, address=address)
    assert sign_in(client, username, address=address).status_code == 429


@pytest.fixture
def olena(db):
    return factories.coordinator(username="olena", is_staff=True)


def test_account_is_locked_at_an_address_after_repeated_failures(client, olena):
    fail(client, "olena", settings.AXES_FAILURE_LIMIT - 1)
    response = sign_in(client, "olena")
    assert response.status_code == 429
    response = sign_in(client, "olena", password=factories.PASSWORD)  # even the right password
    assert response.status_code == 429
    assert "Too many failed sign-ins" in response.text
    assert "15 minutes" in response.text
    assert response["Retry-After"] == str(15 * 60)
    assert "_auth_user_id" not in client.session


def test_lock_on_one_account_leaves_others_and_other_addresses_alone(client, olena):
    factories.viewer(username="taras")
    lock_out(client, "olena")
    assert sign_in(client, "taras", password=factories.PASSWORD).status_code == 302
    client.logout()
    assert sign_in(client, "olena", password=factories.PASSWORD, address=ELSEWHERE).status_code == 302


def test_admin_sign_in_counts_and_locks_the_same_way(client, olena):
    fail(client, "olena", settings.AXES_FAILURE_LIMIT - 2, url=ADMIN)
    fail(client, "olena", 1, url=APP)
    assert sign_in(client, "olena", url=ADMIN).status_code == 429
    response = sign_in(client, "olena", password=factories.PASSWORD, url=ADMIN)
    assert response.status_code == 429
    assert "Too many failed sign-ins" in response.text


def test_an_address_is_locked_after_failures_spread_over_many_accounts(client, olena):
    limit = settings.SIGNIN_ADDRESS_FAILURE_LIMIT
    assert limit > settings.AXES_FAILURE_LIMIT  # an office behind one address gets more room
    for n in range(limit - 1):
        sign_in(client, f"guess{n}")
    assert sign_in(client, "olena", password=factories.PASSWORD).status_code == 302
    client.logout()
    sign_in(client, "one-more-guess")
    assert sign_in(client, "olena", password=factories.PASSWORD).status_code == 429
    assert sign_in(client, "olena", password=factories.PASSWORD, address=ELSEWHERE).status_code == 302


def test_unknown_usernames_get_the_same_lock_out_page(client, olena):
    lock_out(client, "nobody-by-this-name")
    unknown = sign_in(client, "nobody-by-this-name")
    lock_out(client, "olena", address=ELSEWHERE)
    known = sign_in(client, "olena", address=ELSEWHERE)
    assert unknown.status_code == known.status_code == 429

    def page(response):  # the page without its per-response nonce and CSRF token
        return [line for line in response.text.splitlines() if "nonce" not in line and "csrf" not in line]

    assert page(unknown) == page(known)


def test_lock_out_ends_after_the_cool_off(client, olena):
    lock_out(client, "olena")
    assert sign_in(client, "olena", password=factories.PASSWORD).status_code == 429
    later = timezone.now() + settings.AXES_COOLOFF_TIME + datetime.timedelta(seconds=5)
    with time_machine.travel(later):
        assert sign_in(client, "olena", password=factories.PASSWORD).status_code == 302


def test_failed_and_successful_sign_ins_are_recorded_without_the_password(client, olena):
    sign_in(client, "olena", password="a-wrong-secret-guess")
    sign_in(client, "olena", password=factories.PASSWORD, url=ADMIN)
    failure = AccessFailureLog.objects.get()
    assert (failure.username, failure.ip_address, failure.path_info) == ("olena", HERE, APP)
    attempt = AccessAttempt.objects.get()
    assert "a-wrong-secret-guess" not in attempt.post_data
    success = AccessLog.objects.get()
    assert (success.username, success.ip_address, success.path_info) == ("olena", HERE, ADMIN)


def test_forwarded_address_is_used_only_behind_a_trusted_proxy(client, olena, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    forwarded = {"HTTP_X_FORWARDED_FOR": f"203.0.113.99, {ELSEWHERE}"}  # client-sent, then the proxy's
    client.post(APP, {"username": "olena", "password": "wrong"}, REMOTE_ADDR=HERE, **forwarded)
    assert AccessFailureLog.objects.get().ip_address == ELSEWHERE
    settings.TRUSTED_PROXY_COUNT = 0
    client.post(APP, {"username": "olena", "password": "wrong"}, REMOTE_ADDR=HERE, **forwarded)
    assert AccessFailureLog.objects.latest("id").ip_address == HERE


def test_test_client_login_without_a_request_still_works(client, olena):
    assert client.login(username="olena", password=factories.PASSWORD)
    assert client.get("/").status_code == 200
