"""Every endpoint `make bench` loads costs the same number of queries at two sizes of data.

The same endpoints, users and URLs as the benchmark (bench/endpoints.py), counted the way
the benchmark counts them, on generated data at two scales.
"""

from io import StringIO

import pytest
from django.core.management import call_command

from bench import endpoints
from bench.run import count_queries

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("bench_settings")]


def query_counts(scale: str) -> dict[str, int]:
    """Queries per request of every endpoint (count_queries warms each GET up first)."""
    call_command("generate_data", "--scale", scale, stdout=StringIO())
    users = endpoints.bench_users()
    plan = endpoints.build(users, needed_posts=1)
    sessions = {role: endpoints.sign_in(user) for role, user in users.items()}
    sessions[None] = endpoints.sign_in(None)
    counts = {}
    for endpoint in plan:
        figures = count_queries(endpoint, sessions[endpoint.role])
        assert figures["status"] == "ok", (endpoint.name, figures["status"])
        counts[endpoint.name] = figures["queries"]
    return counts


def test_every_benchmarked_endpoint_costs_the_same_queries_at_two_sizes():
    small = query_counts("0.02")
    large = query_counts("0.08")

    assert large == small
    assert set(small) >= {
        "floor",
        "dashboard",
        "project_list",
        "project_list_partial",
        "project_page",
        "partner_page",
        "contacts",
        "followups",
        "status_update",
        "search",
    }
