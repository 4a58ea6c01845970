"""The `make bench` harness: reading wrk figures, judging targets, POSTs without stale versions."""

from io import StringIO
from urllib.parse import parse_qs

import pytest
from django.core.management import call_command

from bench import endpoints
from bench.load import parse_wrk
from bench.report import verdict
from tracker.accounts.models import Role

WRK_OUTPUT = """Running 10s test @ http://127.0.0.1:8201/bench/floor
  2 threads and 8 connections
  35000 requests in 10.00s, 9.00MB read
Requests/sec:   3500.00
BENCH_JSON {"duration_us": 10000000, "requests": 35000, "bytes": 9000000, "errors_connect": 0, \
"errors_read": 0, "errors_write": 0, "errors_status": 3, "errors_timeout": 0, "mean_us": 2300.5, \
"max_us": 41000, "p50_us": 2100, "p95_us": 4900, "p99_us": 9800}
"""


def test_wrk_figures_are_read_from_the_summary_line():
    figures = parse_wrk(WRK_OUTPUT)

    assert figures["rps"] == 3500.0
    assert (figures["p50_ms"], figures["p95_ms"], figures["p99_ms"]) == (2.1, 4.9, 9.8)
    assert figures["errors"] == {"status": 3}


def test_wrk_output_without_summary_is_an_error():
    with pytest.raises(ValueError, match="BENCH_JSON"):
        parse_wrk("Requests/sec: 10\n")


def test_targets_judge_latency_share_of_floor_and_admin():
    page = {"kind": "page", "rps": 500.0, "p95_ms": 40.0, "versus_admin": True}
    assert verdict(page, floor=3000, admin=100) == ("p95 < 60 ms, >= 12% of floor, >= 3x admin", "yes")

    slow = {"kind": "partial", "rps": 300.0, "p95_ms": 35.0}
    target, met = verdict(slow, floor=3000, admin=100)
    assert target == "p95 < 30 ms, >= 25% of floor"
    assert met == "no: p95 35.0 ms; 10% of floor"
    assert verdict({"kind": "floor", "rps": 1.0, "p95_ms": 1.0}, 1, 1) == ("reference", "")


@pytest.mark.django_db
@pytest.mark.usefixtures("bench_settings")
def test_status_posts_carry_each_projects_next_version_round_by_round():
    call_command("generate_data", "--scale", "0.02", stdout=StringIO())
    coordinator = endpoints.bench_users()[Role.COORDINATOR]

    endpoint = endpoints.status_update(coordinator, needed=30)

    keys = [key for key, _, _ in endpoint.posts]
    projects = len(set(keys))
    assert len(endpoint.reserved) == endpoints.RESERVED_POSTS
    assert len(endpoint.posts) >= 30
    assert keys[:projects] == list(range(projects))  # one round over every project, then the next
    versions = [int(parse_qs(body)["version"][0]) for key, _, body in endpoint.posts if key == 0]
    assert versions == list(range(versions[0], versions[0] + len(versions)))
    healths = [parse_qs(body)["health"][0] for key, _, body in endpoint.posts if key == 0]
    assert healths[0] != healths[1] and healths[0] == healths[2]
