"""When PostgreSQL drops the app's connection (a restart does that), the app recovers by
itself: the next request notices the dead connection (CONN_HEALTH_CHECKS) and reconnects."""

import json
from wsgiref.util import setup_testing_defaults

import psycopg
import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection

pytestmark = pytest.mark.django_db(transaction=True)


def wsgi_get(path: str) -> tuple[str, dict]:
    """One request through Django's real WSGI handler, request signals included (the test
    client skips the connection housekeeping that this test is about)."""
    environ = {"PATH_INFO": path, "HTTP_HOST": "testserver"}
    setup_testing_defaults(environ)
    answer = {}
    body = b"".join(WSGIHandler()(environ, lambda status, headers: answer.setdefault("status", status)))
    return answer["status"], json.loads(body)


def kill_backend(pid: int) -> None:
    """Terminate one server process from a separate connection, as a database restart would."""
    params = connection.get_connection_params()
    keys = {"dbname", "user", "password", "host", "port"}
    with psycopg.connect(**{k: v for k, v in params.items() if k in keys}, autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [pid])


def test_the_app_reconnects_after_its_database_connection_is_killed(settings):
    settings.ALLOWED_HOSTS = ["testserver"]
    status, body = wsgi_get("/healthz")
    assert (status, body["database"]) == ("200 OK", "ok")
    old_pid = connection.connection.info.backend_pid
    kill_backend(old_pid)
    status, body = wsgi_get("/healthz")
    assert (status, body["database"]) == ("200 OK", "ok")
    connection.ensure_connection()
    assert connection.connection.info.backend_pid != old_pid
