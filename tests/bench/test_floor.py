"""The benchmark floor `/bench/floor`: routed by the bench's settings only, and touches no database."""

import pytest


@pytest.mark.django_db
def test_floor_is_not_served_by_the_tracker(client):
    assert client.get("/bench/floor").status_code == 404


@pytest.mark.django_db
@pytest.mark.usefixtures("bench_settings")
def test_floor_answers_without_sign_in_or_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/bench/floor")

    assert response.status_code == 200
    assert response.content == b"ok"
