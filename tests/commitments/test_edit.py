"""/commitments/<pk>/edit/: descriptive fields only, and no lost updates."""

import pytest

from tests.page_checks import client_for, csrf_token
from tracker.commitments.models import Commitment

pytestmark = pytest.mark.django_db


def url(commitment) -> str:
    return f"/commitments/{commitment.pk}/edit/"


def data(commitment: Commitment, **values) -> dict:
    payload = {
        "partner": commitment.partner_id,
        "priority": commitment.priority_id,
        "project": commitment.project_id or "",
        "kind": commitment.kind,
        "capability": commitment.capability_id,
        "item": commitment.item,
        "unit": commitment.unit,
        "currency": commitment.currency,
        "marking": commitment.marking,
        "announced_on": commitment.announced_on.isoformat(),
        "version": commitment.version,
    }
    payload.update(values)
    return payload


def test_embassy_user_edits_a_commitment_of_their_country(embassy_pl, pl_commitment):
    client = client_for(embassy_pl)
    form = client.get(url(pl_commitment))
    assert form.status_code == 200
    assert 'name="version" value="1"' in form.text
    assert 'name="quantity"' not in form.text and 'name="stage"' not in form.text
    response = client.post(url(pl_commitment), data(pl_commitment, item="155 mm shells, NATO standard"))
    assert response.status_code == 302
    pl_commitment.refresh_from_db()
    assert pl_commitment.item == "155 mm shells, NATO standard"
    assert pl_commitment.version == 2


def test_the_promise_cannot_be_changed_here(coordinator, pl_commitment):
    client_for(coordinator).post(url(pl_commitment), data(pl_commitment, quantity="5000"))
    pl_commitment.refresh_from_db()
    assert pl_commitment.quantity == 100


def test_second_editor_gets_the_conflict_with_their_input_kept(coordinator, embassy_pl, pl_commitment):
    first, second = client_for(coordinator), client_for(embassy_pl)
    stale = data(pl_commitment, item="Second editor's item")
    assert first.post(url(pl_commitment), data(pl_commitment, item="First editor's item")).status_code == 302
    response = second.post(url(pl_commitment), stale)
    assert response.status_code == 200
    assert "Someone else saved this record" in response.text
    assert "First editor&#x27;s item" in response.text
    assert 'value="Second editor&#x27;s item"' in response.text
    assert 'name="version" value="2"' in response.text
    pl_commitment.refresh_from_db()
    assert pl_commitment.item == "First editor's item"
    again = second.post(url(pl_commitment), {**stale, "version": 2})
    assert again.status_code == 302
    pl_commitment.refresh_from_db()
    assert pl_commitment.item == "Second editor's item"


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"item": ""}, "This field is required"),
        ({"item": "x" * 301}, "at most 300 characters"),
        ({"unit": ""}, "Choose the unit the quantity is counted in."),
        ({"expected_by": "1999-01-01"}, "Expected completion cannot be before the announcement."),
        ({"version": "abc"}, "reload the page"),
        ({"partner": "999999"}, "Select a valid choice"),
    ],
)
def test_bad_input_is_shown_next_to_the_field(coordinator, pl_commitment, values, message):
    response = client_for(coordinator).post(url(pl_commitment), data(pl_commitment, **values))
    assert response.status_code == 200
    assert message in response.text


def test_embassy_user_cannot_move_a_commitment_to_another_country(embassy_pl, pl_commitment, country_de):
    response = client_for(embassy_pl).post(
        url(pl_commitment), data(pl_commitment, partner=country_de.partner.pk)
    )
    assert "Select a valid choice" in response.text
    pl_commitment.refresh_from_db()
    assert pl_commitment.partner.code == "PL"


def test_readers_are_refused_and_unseen_commitments_are_not_found(
    viewer, embassy_de, industry_user, pl_commitment, pl_restricted
):
    for user in (viewer, embassy_de, industry_user):
        assert client_for(user).get(url(pl_commitment)).status_code == 403
        assert client_for(user).post(url(pl_commitment), data(pl_commitment)).status_code == 403
    assert client_for(embassy_de).get(url(pl_restricted)).status_code == 404
    assert client_for(viewer).get("/commitments/424242/edit/").status_code == 404


def test_csrf_token_is_required(coordinator, pl_commitment):
    client = client_for(coordinator, csrf=True)
    assert client.post(url(pl_commitment), data(pl_commitment)).status_code == 403
    token = csrf_token(client, url(pl_commitment))
    assert (
        client.post(url(pl_commitment), {**data(pl_commitment), "csrfmiddlewaretoken": token}).status_code
        == 302
    )
