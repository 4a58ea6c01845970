"""The security layer costs a fixed number of queries per page, whatever the data size:
load the session and the user, the verified device (two-factor users), save the session (idle
expiry moves forward on each request: one UPDATE in a savepoint)."""

import pytest
from django.test import Client

from tests import factories
from tests.security.conftest import add_authenticator, app_code

pytestmark = pytest.mark.django_db


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
    with django_assert_num_queries(5):  # session, user, savepoint + session update + release
        assert client.get("/").status_code == 200


@pytest.mark.parametrize("others", [1, 30])
def test_a_verified_two_factor_user_costs_one_query_more(client, settings, others, django_assert_num_queries):
    settings.MFA_REQUIRED_ROLES = ["coordinator"]
    other_users_with_sessions_and_devices(others)
    user = factories.coordinator()
    device = add_authenticator(user)
    client.force_login(user)
    client.post("/accounts/two-factor/verify/", {"code": app_code(device)})
    with django_assert_num_queries(6):  # the same, plus the device that verified this session
        assert client.get("/").status_code == 200
