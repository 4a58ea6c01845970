"""GET /follow-ups/<pk>/: one follow-up with its actions and history."""

import pytest

from tests import factories
from tests.page_checks import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def followup(country_pl, embassy_pl):
    contact = factories.ContactFactory(country=country_pl, counterpart_organisation="Polish MoD")
    return factories.FollowUpFactory(
        title="Send the vehicle list", owner=embassy_pl, contact=contact, project=None, country=country_pl
    )


def url(followup) -> str:
    return f"/follow-ups/{followup.pk}/"


def test_owner_sees_it_with_its_actions(embassy_pl, followup):
    response = client_for(embassy_pl).get(url(followup))
    assert response.status_code == 200
    assert "Send the vehicle list" in response.text and "Polish MoD" in response.text
    assert f"/follow-ups/{followup.pk}/done/" in response.text
    assert f"/follow-ups/{followup.pk}/reschedule/" in response.text


def test_readers_see_it_without_actions(industry_user, own_project, embassy_pl):
    followup = factories.FollowUpFactory(owner=embassy_pl, project=own_project)
    response = client_for(industry_user).get(url(followup))
    assert response.status_code == 200
    assert "/done/" not in response.text


def test_followups_outside_the_scope_are_not_found(embassy_de, viewer, followup):
    assert client_for(embassy_de).get(url(followup)).status_code == 404
    assert client_for(viewer).get(url(followup)).status_code == 404  # tied to a contact
    assert client_for(embassy_de).get("/follow-ups/123456/").status_code == 404
