"""Counting SQL queries: the one helper behind every fixed-cost check (pages, digests).

pytest-django's `django_assert_num_queries` remains the way to pin an exact number inside a
block; what is here compares the cost of the same request before and after more data."""

from collections.abc import Callable

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


def count_queries(action: Callable[[], object]) -> int:
    """How many SQL queries `action()` makes."""
    with CaptureQueriesContext(connection) as queries:
        action()
    return len(queries)


def page_queries(client: Client, url: str, headers: dict | None = None) -> int:
    """How many queries one GET of `url` costs after a warm-up request; it must answer 200.

    The warm-up reads what a running process reads once and keeps (e.g. the filter menus)."""
    client.get(url, headers=headers)
    responses = []
    count = count_queries(lambda: responses.append(client.get(url, headers=headers)))
    assert responses[0].status_code == 200, f"{url}: {responses[0].status_code}"
    return count


def fixed_query_counts(
    client: Client, requests: list[tuple[str, dict]], grow: Callable[[], None]
) -> list[int]:
    """Query counts of each GET (url, headers), which must stay the same after `grow()` adds data."""
    before = [page_queries(client, url, headers) for url, headers in requests]
    grow()
    after = [page_queries(client, url, headers) for url, headers in requests]
    assert after == before, f"{requests}: {before} queries with little data, {after} with more"
    return before


def assert_fixed_queries(client: Client, url: str, grow: Callable[[], None]) -> int:
    """The page costs the same number of queries before and after `grow()` adds data."""
    [count] = fixed_query_counts(client, [(url, {})], grow)
    return count
