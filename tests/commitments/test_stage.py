"""POST /commitments/<pk>/stage/: stage moves through the allowed table, with a comment."""

import pytest

from tests.page_checks import HX, client_for, csrf_token
from tracker.commitments.models import Stage
from tracker.history.models import Change

pytestmark = pytest.mark.django_db


def url(commitment) -> str:
    return f"/commitments/{commitment.pk}/stage/"


def data(commitment, stage=Stage.CONTRACTED, comment="Contract signed") -> dict:
    return {"stage-stage": stage, "stage-comment": comment, "stage-version": str(commitment.version)}


def test_htmx_stage_change_answers_in_place_and_is_in_the_history(embassy_pl, pl_commitment):
    response = client_for(embassy_pl).post(url(pl_commitment), data(pl_commitment), headers=HX)
    assert response.status_code == 200
    assert "Contracted" in response.text
    assert "Contract signed" in response.text
    assert "Stage changed." in response["HX-Trigger"]
    pl_commitment.refresh_from_db()
    assert pl_commitment.stage == Stage.CONTRACTED
    assert Change.objects.filter(commitment=pl_commitment, comment="Contract signed").exists()


def test_only_allowed_moves_are_offered_and_accepted(coordinator, pl_commitment):
    client = client_for(coordinator)
    page = client.get(f"/commitments/{pl_commitment.pk}/").text
    assert 'value="contracted"' in page
    assert 'value="discussed"' not in page.split('name="stage-stage"')[1].split("</select>")[0]
    response = client.post(url(pl_commitment), data(pl_commitment, stage=Stage.DISCUSSED), headers=HX)
    assert "Select a valid choice" in response.text
    pl_commitment.refresh_from_db()
    assert pl_commitment.stage == Stage.COMMITTED


def test_fulfilled_needs_everything_delivered(coordinator, pl_commitment):
    pl_commitment.stage = Stage.IN_DELIVERY
    pl_commitment.save()
    response = client_for(coordinator).post(url(pl_commitment), data(pl_commitment, stage=Stage.FULFILLED))
    assert response.status_code == 200
    assert "fulfilled only when everything promised has arrived and been paid" in response.text
    assert "<html" in response.text


def test_stale_stage_change_shows_the_conflict(coordinator, pl_commitment):
    stale = data(pl_commitment, stage=Stage.SUSPENDED)
    client = client_for(coordinator)
    client.post(url(pl_commitment), data(pl_commitment), headers=HX)
    response = client.post(url(pl_commitment), stale, headers=HX)
    assert "Someone else saved this record" in response.text
    pl_commitment.refresh_from_db()
    assert pl_commitment.stage == Stage.CONTRACTED


def test_over_long_comment_is_a_form_error(coordinator, pl_commitment):
    response = client_for(coordinator).post(
        url(pl_commitment), data(pl_commitment, comment="c" * 1001), headers=HX
    )
    assert "at most 1000 characters" in response.text


def test_readers_are_refused_and_unseen_commitments_are_not_found(
    viewer, industry_user, pl_commitment, de_restricted, embassy_pl
):
    assert client_for(viewer).post(url(pl_commitment), data(pl_commitment)).status_code == 403
    assert (
        client_for(industry_user).post(url(pl_commitment), data(pl_commitment), headers=HX).status_code == 403
    )
    assert client_for(embassy_pl).post(url(de_restricted), data(de_restricted)).status_code == 404


def test_csrf_token_is_required(coordinator, pl_commitment):
    client = client_for(coordinator, csrf=True)
    assert client.post(url(pl_commitment), data(pl_commitment), headers=HX).status_code == 403
    token = csrf_token(client, f"/commitments/{pl_commitment.pk}/")
    assert (
        client.post(url(pl_commitment), data(pl_commitment), headers={**HX, "X-CSRFToken": token}).status_code
        == 200
    )
