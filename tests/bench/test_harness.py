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


def test_targets_judge_throughput_against_the_bare_list_and_growth_with_data():
    page = {"kind": "page", "rps": 300.0, "p95_ms": 40.0, "versus_bare": 1.5}
    assert verdict(page, bare=200, growth=0.9) == (
        ">= 1.5x bare list, scale 10 >= 85% of scale 1",
        "yes",
    )

    slow = {"kind": "post", "rps": 300.0, "p95_ms": 45.0, "versus_bare": 2.5, "p95_limit": 40}
    target, met = verdict(slow, bare=200, growth=0.5)
    assert target == ">= 2.5x bare list, p95 < 40 ms, scale 10 >= 85% of scale 1"
    assert met == "no: 1.50x bare list; p95 45.0 ms; scale 10 at 50% of scale 1"
    for kind in ("floor", "admin", "bare"):
        assert verdict({"kind": kind, "rps": 1.0, "p95_ms": 1.0}, 1, None) == ("reference", "")


def test_mixed_load_reads_slow_requests_and_pages_not_served():
    output = WRK_OUTPUT.replace('"p99_us": 9800}', '"p99_us": 9800, "errors_not_200": 2, "slow": 4}')

    figures = parse_wrk(output)

    assert figures["errors"] == {"status": 3, "not_200": 2}


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
