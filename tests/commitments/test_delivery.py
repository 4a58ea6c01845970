"""POST /commitments/<pk>/deliveries/: record a delivery; the ledger answers in place."""

import datetime

import pytest
from django.utils import timezone

from tests.page_checks import HX, client_for, csrf_token
from tracker.commitments.models import Delivery, Stage

pytestmark = pytest.mark.django_db


def url(commitment) -> str:
    return f"/commitments/{commitment.pk}/deliveries/"


def data(**values) -> dict:
    return {"delivery-delivered_on": timezone.localdate().isoformat(), "delivery-quantity": "40", **values}


def test_htmx_delivery_moves_the_progress_bar_in_place(embassy_pl, pl_commitment):
    response = client_for(embassy_pl).post(url(pl_commitment), data(), headers=HX)
    assert response.status_code == 200
    assert "<html" not in response.text
    assert '<progress max="100" value="40"' in response.text
    assert "40 of 100 pieces arrived" in response.text
    assert "Arrival recorded." in response["HX-Trigger"]
    pl_commitment.refresh_from_db()
    assert pl_commitment.delivered_quantity == 40
    assert pl_commitment.stage == Stage.IN_DELIVERY


def test_plain_form_delivery_redirects_to_the_page(coordinator, pl_commitment):
    response = client_for(coordinator).post(url(pl_commitment), data())
    assert response.status_code == 302
    assert response["Location"] == f"/commitments/{pl_commitment.pk}/"
    assert Delivery.objects.filter(commitment=pl_commitment).count() == 1


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"delivery-quantity": "-3"}, "greater than or equal to 1"),
        ({"delivery-quantity": "many"}, "Enter a whole number"),
        ({"delivery-quantity": "101"}, "Only 100 pieces remain"),
        ({"delivery-quantity": ""}, "This field is required"),
        ({"delivery-delivered_on": "2026-02-31"}, "Enter a valid date"),
        ({"delivery-note": "n" * 501}, "at most 500 characters"),
    ],
)
def test_bad_input_is_shown_next_to_the_field_with_the_input_kept(
    coordinator, pl_commitment, values, message
):
    for headers in (HX, {}):
        response = client_for(coordinator).post(url(pl_commitment), data(**values), headers=headers)
        assert response.status_code == 200
        assert message in response.text
        assert ("<html" in response.text) is not bool(headers)
    if values.get("delivery-quantity") == "101":
        assert 'value="101"' in response.text
    assert not Delivery.objects.exists()


def test_a_future_date_is_refused(coordinator, pl_commitment):
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    response = client_for(coordinator).post(url(pl_commitment), data(**{"delivery-delivered_on": tomorrow}))
    assert "cannot be recorded before it happens" in response.text
    assert not Delivery.objects.exists()


def test_nothing_is_delivered_while_only_discussed(coordinator, pl_commitment):
    pl_commitment.stage = Stage.DISCUSSED
    pl_commitment.save()
    response = client_for(coordinator).post(url(pl_commitment), data(), headers=HX)
    assert "No arrival or payment can be recorded" in response.text
    assert not Delivery.objects.exists()


def test_readers_are_refused_and_unseen_commitments_are_not_found(
    viewer, embassy_de, industry_user, pl_commitment, pl_restricted
):
    for user in (viewer, embassy_de, industry_user):
        assert client_for(user).post(url(pl_commitment), data()).status_code == 403
        assert client_for(user).post(url(pl_commitment), data(), headers=HX).status_code == 403
    assert client_for(viewer).post(url(pl_restricted), data()).status_code == 404
    assert client_for(viewer).post("/commitments/999999/deliveries/", data()).status_code == 404
    assert not Delivery.objects.exists()


def test_get_is_not_allowed(coordinator, pl_commitment):
    assert client_for(coordinator).get(url(pl_commitment)).status_code == 405


def test_csrf_token_is_required(coordinator, pl_commitment):
    client = client_for(coordinator, csrf=True)
    assert client.post(url(pl_commitment), data(), headers=HX).status_code == 403
    token = csrf_token(client, f"/commitments/{pl_commitment.pk}/")
    response = client.post(url(pl_commitment), data(), headers={**HX, "X-CSRFToken": token})
    assert response.status_code == 200
    assert Delivery.objects.count() == 1
