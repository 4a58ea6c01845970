"""/contacts/<pk>/edit/: edit a contact; no lost updates; links outside the editor's view stay."""

import pytest

from tests import factories
from tests.page_checks import client_for, csrf_token
from tracker.commitments.models import Marking

pytestmark = pytest.mark.django_db


@pytest.fixture
def contact(country_pl):
    return factories.ContactFactory(
        country=country_pl, counterpart_organisation="Polish MoD", summary="First text."
    )


def url(contact) -> str:
    return f"/contacts/{contact.pk}/edit/"


def data(contact, **values) -> dict:
    payload = {
        "country": contact.country_id,
        "held_on": contact.held_on.isoformat(),
        "channel": contact.channel,
        "counterpart_organisation": contact.counterpart_organisation,
        "summary": contact.summary,
        "version": contact.version,
    }
    payload.update(values)
    return payload


def test_embassy_user_edits_a_contact_of_their_country(embassy_pl, contact):
    client = client_for(embassy_pl)
    assert 'name="version" value="1"' in client.get(url(contact)).text
    response = client.post(url(contact), data(contact, summary="Corrected text."))
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.summary == "Corrected text."
    assert contact.version == 2


def test_second_editor_gets_the_conflict_and_can_reapply(coordinator, embassy_pl, contact):
    stale = data(contact, summary="Embassy's version.")
    assert (
        client_for(coordinator).post(url(contact), data(contact, summary="Kyiv's version.")).status_code
        == 302
    )
    second = client_for(embassy_pl)
    response = second.post(url(contact), stale)
    assert "Someone else saved this record" in response.text
    assert "Embassy&#x27;s version." in response.text
    assert 'name="version" value="2"' in response.text
    assert second.post(url(contact), {**stale, "version": 2}).status_code == 302
    contact.refresh_from_db()
    assert contact.summary == "Embassy's version."


def test_links_the_editor_cannot_see_are_kept(embassy_pl, contact, country_de):
    hidden = factories.CommitmentFactory(country=country_de, marking=Marking.RESTRICTED)
    contact.commitments.add(hidden)
    client_for(embassy_pl).post(url(contact), data(contact, summary="Edited."))
    assert list(contact.commitments.all()) == [hidden]


def test_bad_input_is_shown_next_to_the_field(coordinator, contact):
    response = client_for(coordinator).post(url(contact), data(contact, summary="", held_on="2026-02-30"))
    assert response.status_code == 200
    assert "This field is required" in response.text and "Enter a valid date" in response.text


def test_others_are_refused_or_do_not_find_it(viewer, embassy_de, industry_user, contact):
    assert client_for(viewer).get(url(contact)).status_code == 403
    assert client_for(viewer).post(url(contact), data(contact)).status_code == 403
    assert client_for(embassy_de).get(url(contact)).status_code == 404
    assert client_for(industry_user).post(url(contact), data(contact)).status_code == 404
    assert client_for(viewer).get("/contacts/999999/edit/").status_code == 404


def test_csrf_token_is_required(coordinator, contact):
    client = client_for(coordinator, csrf=True)
    assert client.post(url(contact), data(contact)).status_code == 403
    token = csrf_token(client, url(contact))
    assert client.post(url(contact), {**data(contact), "csrfmiddlewaretoken": token}).status_code == 302
