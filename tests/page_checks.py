"""What page tests share: htmx headers, a CSRF-enforcing client, and query counting."""

from collections.abc import Callable

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

HX = {"HX-Request": "true"}


def client_for(user, *, csrf: bool = False) -> Client:
    """A client signed in as `user`; with csrf=True it refuses writes without a token."""
    client = Client(enforce_csrf_checks=csrf)
    client.force_login(user)
    return client


def csrf_token(client: Client, url: str) -> str:
    """The CSRF token a page hands to its forms."""
    client.get(url)
    return client.cookies["csrftoken"].value


def count_queries(client: Client, url: str, **kwargs) -> int:
    """How many SQL queries one GET costs (after a warm-up request)."""
    client.get(url, **kwargs)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **kwargs)
    assert response.status_code == 200
    return len(queries)


def assert_fixed_queries(client: Client, url: str, grow: Callable[[], None], **kwargs) -> int:
    """The page costs the same number of queries before and after `grow()` adds data."""
    small = count_queries(client, url, **kwargs)
    grow()
    large = count_queries(client, url, **kwargs)
    assert small == large, f"{url}: {small} queries with little data, {large} with more"
    return large
