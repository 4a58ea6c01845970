"""Refused requests are recorded: 403s, and 404s answered by a view on a real route."""

import pytest
from django.test import Client

from tests import factories
from tracker.security.models import RefusedAccess

pytestmark = pytest.mark.django_db


def test_a_forbidden_request_is_recorded_with_who_and_where(client):
    root = factories.coordinator(username="root", is_staff=True, is_superuser=True)
    client.force_login(root)
    response = client.get("/admin/history/change/add/", REMOTE_ADDR="192.0.2.7")
    assert response.status_code == 403
    refusal = RefusedAccess.objects.get()
    assert (refusal.status, refusal.method, refusal.path) == (403, "GET", "/admin/history/change/add/")
    assert (refusal.user, refusal.username, refusal.ip_address) == (root, "root", "192.0.2.7")
    assert refusal.view_name == "admin:history_change_add"


def test_an_object_lookup_answered_404_is_recorded(client, viewer):
    client.force_login(factories.coordinator(is_staff=True, is_superuser=True))
    response = client.get("/admin/r/999999/1/")
    assert response.status_code == 404
    assert RefusedAccess.objects.get().status == 404


def test_a_mistyped_address_is_not_recorded(client, viewer):
    client.force_login(viewer)
    assert client.get("/no-such-page/").status_code == 404
    assert client.get("/apple-touch-icon.png").status_code == 404
    assert not RefusedAccess.objects.exists()


def test_a_request_without_csrf_token_is_recorded_even_signed_out(db):
    response = Client(enforce_csrf_checks=True).post("/accounts/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    refusal = RefusedAccess.objects.get()
    assert refusal.user is None
    assert refusal.path == "/accounts/login/"


def test_the_record_cannot_be_changed_in_the_admin(client):
    client.force_login(factories.coordinator(is_staff=True, is_superuser=True))
    client.get("/admin/history/change/add/")
    refusal = RefusedAccess.objects.get()
    assert client.get("/admin/security/refusedaccess/").status_code == 200
    response = client.post(f"/admin/security/refusedaccess/{refusal.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert RefusedAccess.objects.filter(pk=refusal.pk).exists()
