import pytest


@pytest.fixture
def download(client):
    """Sign in as `user` and GET an export URL."""

    def get(user, url, params=None):
        client.force_login(user)
        return client.get(url, params or {})

    return get
