"""POST /follow-ups/<pk>/reschedule/: a new due date with a reason, in place; bad dates explained."""

import datetime

import pytest
from django.utils import timezone

from tests import factories
from tests.page_checks import HX, client_for, csrf_token
from tracker.followups.models import State
from tracker.history.models import Change

pytestmark = pytest.mark.django_db


@pytest.fixture
def followup(embassy_pl):
    return factories.FollowUpFactory(title="Send the vehicle list", owner=embassy_pl)


def url(followup) -> str:
    return f"/follow-ups/{followup.pk}/reschedule/"


def later(days: int = 20) -> str:
    return (timezone.localdate() + datetime.timedelta(days=days)).isoformat()


def data(followup, **values) -> dict:
    return {"due_on": later(), "reason": "The partner asked for time", "version": followup.version, **values}


def test_htmx_reschedule_swaps_the_row(embassy_pl, followup):
    response = client_for(embassy_pl).post(url(followup), data(followup), headers=HX)
    assert response.status_code == 200
    new_day = timezone.localdate() + datetime.timedelta(days=20)
    assert f'datetime="{new_day.isoformat()}"' in response.text
    assert "Due date moved." in response["HX-Trigger"]
    followup.refresh_from_db()
    assert followup.due_on == new_day
    assert Change.objects.filter(followup=followup, comment="The partner asked for time").exists()


def test_plain_form_reschedule_redirects(coordinator, followup):
    response = client_for(coordinator).post(url(followup), data(followup))
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"due_on": "2026-02-30"}, "Enter a valid date"),
        ({"due_on": "next week"}, "Enter a valid date"),
        ({"due_on": ""}, "This field is required"),
        ({"due_on": "2001-01-01"}, "Choose today or a later date."),
        ({"reason": ""}, "This field is required"),
        ({"reason": "r" * 1001}, "at most 1000 characters"),
    ],
)
def test_bad_dates_and_reasons_are_explained_in_place(embassy_pl, followup, values, message):
    before = followup.due_on
    response = client_for(embassy_pl).post(url(followup), data(followup, **values), headers=HX)
    assert response.status_code == 200
    assert message in response.text
    assert 'aria-invalid="true"' in response.text
    assert "<details open>" in response.text
    followup.refresh_from_db()
    assert followup.due_on == before


def test_a_closed_followup_cannot_be_redated(embassy_pl, followup):
    followup.state, followup.completed_at = State.DONE, timezone.now()
    followup.save()
    response = client_for(embassy_pl).post(url(followup), data(followup), headers=HX)
    assert "Only an open follow-up can be re-dated." in response.text


def test_others_are_refused_or_do_not_find_it(viewer, embassy_de, followup):
    assert client_for(viewer).post(url(followup), data(followup)).status_code == 403
    assert client_for(embassy_de).post(url(followup), data(followup), headers=HX).status_code == 404
    assert client_for(viewer).post("/follow-ups/0/reschedule/", {}).status_code == 404


def test_csrf_token_is_required(embassy_pl, followup):
    client = client_for(embassy_pl, csrf=True)
    assert client.post(url(followup), data(followup)).status_code == 403
    token = csrf_token(client, "/follow-ups/")
    assert client.post(url(followup), {**data(followup), "csrfmiddlewaretoken": token}).status_code == 302
