"""POST /commitments/<pk>/amendments/: change the promise with a reason; lost updates refused."""

import pytest

from tests.page_checks import HX, client_for, csrf_token
from tracker.commitments.models import Amendment, AmendmentReason, Stage

pytestmark = pytest.mark.django_db


def url(commitment) -> str:
    return f"/commitments/{commitment.pk}/amendments/"


def data(commitment, **values) -> dict:
    return {
        "amend-reason": AmendmentReason.INCREASE,
        "amend-new_quantity": "150",
        "amend-note": "Parliament approved more",
        "amend-version": str(commitment.version),
        **values,
    }


def test_htmx_amendment_updates_the_promise_in_place(embassy_pl, pl_commitment):
    response = client_for(embassy_pl).post(url(pl_commitment), data(pl_commitment), headers=HX)
    assert response.status_code == 200
    assert "0 of 150 pieces arrived" in response.text
    assert "100 → 150" in response.text
    pl_commitment.refresh_from_db()
    assert pl_commitment.quantity == 150
    assert Amendment.objects.get().note == "Parliament approved more"


def test_withdrawal_keeps_what_arrived_and_withdraws(coordinator, pl_commitment):
    response = client_for(coordinator).post(
        url(pl_commitment), data(pl_commitment, **{"amend-reason": AmendmentReason.WITHDRAWAL})
    )
    assert response.status_code == 302
    pl_commitment.refresh_from_db()
    assert pl_commitment.stage == Stage.WITHDRAWN
    assert pl_commitment.quantity == 0


@pytest.mark.parametrize(
    ("values", "message"),
    [
        (
            {"amend-new_quantity": "80"},
            "An increase must raise the promise: 80 is less than the 100 promised now.",
        ),
        ({"amend-note": " "}, "Say why the promise changes"),
        ({"amend-new_quantity": "-1"}, "greater than or equal to 0"),
        ({"amend-new_quantity": "ten"}, "Enter a whole number"),
        ({"amend-reason": "bigger"}, "Select a valid choice"),
        ({"amend-new_amount": "5", "amend-new_quantity": "150"}, "Set a currency on the commitment"),
        ({"amend-note": "x" * 501}, "at most 500 characters"),
    ],
)
def test_bad_amendments_are_explained_in_place(coordinator, pl_commitment, values, message):
    response = client_for(coordinator).post(url(pl_commitment), data(pl_commitment, **values), headers=HX)
    assert response.status_code == 200
    assert message in response.text
    assert not Amendment.objects.exists()


def test_stale_amendment_shows_the_conflict_and_carries_the_new_version(coordinator, pl_commitment):
    client = client_for(coordinator)
    stale = data(pl_commitment)
    client.post(url(pl_commitment), data(pl_commitment, **{"amend-new_quantity": "120"}), headers=HX)
    response = client.post(url(pl_commitment), stale, headers=HX)
    assert "Someone else saved this record" in response.text
    assert 'name="amend-version" value="2"' in response.text
    assert 'value="150"' in response.text
    pl_commitment.refresh_from_db()
    assert pl_commitment.quantity == 120
    again = client.post(url(pl_commitment), data(pl_commitment), headers=HX)
    assert "0 of 150 pieces arrived" in again.text


def test_readers_are_refused_and_unseen_commitments_are_not_found(
    viewer, embassy_de, pl_commitment, pl_restricted
):
    assert client_for(viewer).post(url(pl_commitment), data(pl_commitment)).status_code == 403
    assert client_for(embassy_de).post(url(pl_commitment), data(pl_commitment), headers=HX).status_code == 403
    assert client_for(embassy_de).post(url(pl_restricted), data(pl_restricted)).status_code == 404
    assert not Amendment.objects.exists()


def test_csrf_token_is_required(coordinator, pl_commitment):
    client = client_for(coordinator, csrf=True)
    assert client.post(url(pl_commitment), data(pl_commitment)).status_code == 403
    token = csrf_token(client, f"/commitments/{pl_commitment.pk}/")
    payload = {**data(pl_commitment), "csrfmiddlewaretoken": token}
    assert client.post(url(pl_commitment), payload).status_code == 302
