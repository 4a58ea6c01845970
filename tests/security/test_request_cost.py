"""The security layer costs a fixed number of queries per page, whatever the data size:
load the session and the user, and the verified device (two-factor users). The session is
not written on an ordinary request (activity is recorded at most once a minute)."""

import pytest
from django.test import Client

from tests import factories
from tests.security.conftest import add_authenticator, app_code

pytestmark = pytest.mark.django_db
PAGE = "/accounts/two-factor/"


def other_users_with_sessions_and_devices(count: int) -> None:
    for _ in range(count):
        user = factories.coordinator()
        add_authenticator(user)
        Client().force_login(user)


@pytest.mark.parametrize("others", [1, 30])
def test_a_page_costs_the_same_queries_whatever_the_number_of_sessions(
    client, others, django_assert_num_queries
):
    other_users_with_sessions_and_devices(others)
    client.force_login(factories.viewer())
    client.get(PAGE)
    with django_assert_num_queries(5) as queries:  # session, user, and the page's own three
        assert client.get(PAGE).status_code == 200
    assert not [q for q in queries.captured_queries if not q["sql"].startswith("SELECT")]


@pytest.mark.parametrize("others", [1, 30])
def test_a_verified_two_factor_user_costs_one_query_more(client, settings, others, django_assert_num_queries):
    settings.MFA_REQUIRED_ROLES = ["coordinator"]
    other_users_with_sessions_and_devices(others)
    user = factories.coordinator()
    device = add_authenticator(user)
    client.force_login(user)
    client.post("/accounts/two-factor/verify/", {"code": app_code(device)})
    client.get(PAGE)
    with django_assert_num_queries(5) as queries:  # the device that verified the session replaces
        assert client.get(PAGE).status_code == 200  # one the page would otherwise load
    assert not [q for q in queries.captured_queries if not q["sql"].startswith("SELECT")]
