"""What page tests share: htmx headers, a signed-in client (CSRF-enforcing on request), and
the CSRF token of a page. Query counting is in tests/queries.py."""

from django.test import Client

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
