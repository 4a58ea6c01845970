"""GET /healthz: 200 when the database and the broker answer, 503 naming what fails."""

import pytest
from django.db import connection

from tracker.celery import app as celery_app

pytestmark = pytest.mark.django_db


def test_it_answers_200_without_signing_in(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["database"] == "ok"
    assert response.json()["broker"] == "ok"


def test_it_reports_every_part_registered_by_the_apps_in_one_order(client):
    body = client.get("/healthz").json()
    assert list(body) == ["status", "database", "broker", "reminder_scans", "last_reminder_scan"]


@pytest.fixture
def broker_on_closed_port():
    saved = celery_app.conf.broker_url
    celery_app.conf.broker_url = "redis://127.0.0.1:1/0"
    yield
    celery_app.conf.broker_url = saved


def test_it_answers_503_naming_the_broker_when_redis_is_unreachable(client, broker_on_closed_port):
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["database"] == "ok"
    assert body["broker"] != "ok"


@pytest.mark.django_db(transaction=True)
def test_it_answers_503_naming_the_database_when_postgres_is_unreachable(client):
    saved = dict(connection.settings_dict)
    connection.close()
    connection.settings_dict["PORT"] = 1
    connection.settings_dict["HOST"] = "127.0.0.1"
    try:
        response = client.get("/healthz")
    finally:
        connection.close()
        connection.settings_dict.update(saved)
    assert response.status_code == 503
    assert response.json()["database"] != "ok"
