"""The benchmark floor `/bench/floor`: served only when BENCHMARK_FLOOR is on, and touches no database."""

import importlib

import pytest
from django.urls import clear_url_caches

import tracker.urls


@pytest.fixture
def floor_on(settings):
    settings.BENCHMARK_FLOOR = True
    importlib.reload(tracker.urls)
    clear_url_caches()
    yield
    settings.BENCHMARK_FLOOR = False
    importlib.reload(tracker.urls)
    clear_url_caches()


@pytest.mark.django_db
def test_floor_is_not_served_by_default(client):
    assert client.get("/bench/floor").status_code == 404


@pytest.mark.django_db
def test_floor_answers_without_sign_in_or_database(floor_on, client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/bench/floor")

    assert response.status_code == 200
    assert response.content == b"ok"
