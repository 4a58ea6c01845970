"""POST /follow-ups/<pk>/done/: mark done, cancel or reopen with a comment; the row swaps in place."""

import pytest

from tests import factories
from tests.page_checks import HX, client_for, csrf_token
from tracker.followups.models import State
from tracker.history.models import Change

pytestmark = pytest.mark.django_db


@pytest.fixture
def followup(embassy_pl):
    return factories.FollowUpFactory(title="Send the vehicle list", owner=embassy_pl)


def url(followup) -> str:
    return f"/follow-ups/{followup.pk}/done/"


def data(followup, state=State.DONE, comment="Sent today") -> dict:
    return {"state": state, "comment": comment, "version": followup.version}


def test_htmx_mark_done_swaps_the_row(embassy_pl, followup):
    response = client_for(embassy_pl).post(url(followup), data(followup), headers=HX)
    assert response.status_code == 200
    assert "<html" not in response.text and "<li" not in response.text
    assert "Send the vehicle list" in response.text and "Reopen" in response.text
    assert "Marked done." in response["HX-Trigger"]
    followup.refresh_from_db()
    assert followup.state == State.DONE and followup.completed_by == embassy_pl
    assert Change.objects.filter(followup=followup, comment="Sent today").exists()


def test_plain_form_goes_back_where_it_came_from(embassy_pl, followup):
    payload = {**data(followup, state=State.CANCELLED), "next": "/follow-ups/?when=overdue"}
    response = client_for(embassy_pl).post(url(followup), payload)
    assert response.status_code == 302 and response["Location"] == "/follow-ups/?when=overdue"
    followup.refresh_from_db()
    assert followup.state == State.CANCELLED


def test_next_cannot_leave_the_site(embassy_pl, followup):
    payload = {**data(followup), "next": "https://evil.example/"}
    response = client_for(embassy_pl).post(url(followup), payload)
    assert response["Location"] == f"/follow-ups/{followup.pk}/"


def test_a_closed_followup_can_be_reopened(embassy_pl, followup):
    client = client_for(embassy_pl)
    client.post(url(followup), data(followup), headers=HX)
    followup.refresh_from_db()
    response = client.post(url(followup), data(followup, state=State.OPEN, comment=""), headers=HX)
    assert "Reopened." in response["HX-Trigger"]
    followup.refresh_from_db()
    assert followup.state == State.OPEN


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"state": "finished"}, "Select a valid choice"),
        ({"comment": "c" * 1001}, "at most 1000 characters"),
        ({"state": State.OPEN}, ""),  # already open: nothing changes, no error page
    ],
)
def test_bad_input_answers_in_place(embassy_pl, followup, values, message):
    response = client_for(embassy_pl).post(url(followup), {**data(followup), **values}, headers=HX)
    assert response.status_code == 200
    assert message in response.text
    followup.refresh_from_db()
    assert followup.state == State.OPEN


def test_stale_row_shows_the_conflict(embassy_pl, coordinator, followup):
    stale = data(followup)
    client_for(coordinator).post(
        f"/follow-ups/{followup.pk}/reschedule/",
        {"due_on": "2099-01-01", "reason": "partner asked", "version": followup.version},
        headers=HX,
    )
    response = client_for(embassy_pl).post(url(followup), stale, headers=HX)
    assert "Someone else saved this record" in response.text
    assert 'value="Sent today"' in response.text
    followup.refresh_from_db()
    assert followup.state == State.OPEN
    assert f'name="version" value="{followup.version}"' in response.text


def test_errors_without_htmx_show_the_followup_page(embassy_pl, followup):
    response = client_for(embassy_pl).post(url(followup), {**data(followup), "comment": "c" * 1001})
    assert response.status_code == 200
    assert "<html" in response.text and "at most 1000 characters" in response.text


def test_others_are_refused_or_do_not_find_it(viewer, embassy_de, industry_user, own_project, embassy_pl):
    followup = factories.FollowUpFactory(owner=embassy_pl, project=own_project)
    assert client_for(industry_user).post(url(followup), data(followup), headers=HX).status_code == 403
    assert client_for(viewer).post(url(followup), data(followup)).status_code == 403
    contact_followup = factories.FollowUpFactory(
        owner=embassy_pl, contact=factories.ContactFactory(country=embassy_pl.countries.get()), project=None
    )
    assert client_for(embassy_de).post(url(contact_followup), data(contact_followup)).status_code == 404
    assert client_for(viewer).post("/follow-ups/999999/done/", {}).status_code == 404
    assert client_for(viewer).get(url(followup)).status_code == 405


def test_csrf_token_is_required(embassy_pl, followup):
    client = client_for(embassy_pl, csrf=True)
    assert client.post(url(followup), data(followup), headers=HX).status_code == 403
    token = csrf_token(client, "/follow-ups/")
    assert client.post(url(followup), data(followup), headers={**HX, "X-CSRFToken": token}).status_code == 200
