"""GET /contacts/<pk>/: one contact with what it discussed, its follow-ups and history."""

import pytest

from tests import factories
from tests.page_checks import HX, client_for
from tracker.contacts.models import Contact
from tracker.contacts.services import log_contact
from tracker.followups.models import FollowUp

pytestmark = pytest.mark.django_db


@pytest.fixture
def contact(country_pl, embassy_pl, own_project, pl_commitment, pl_restricted):
    contact = Contact(
        country=country_pl,
        held_on="2026-04-02",
        channel="meeting",
        counterpart_organisation="Polish MoD",
        counterpart_person="Adam Nowicki",
        summary="Talked about the repair hub.",
        outcome="They will speed up the permit.",
    )
    followup = FollowUp(title="Check the permit", owner=embassy_pl, due_on="2026-04-20")
    return log_contact(
        contact,
        by=embassy_pl,
        projects=[own_project],
        commitments=[pl_commitment, pl_restricted],
        followups=[followup],
    )


def url(contact) -> str:
    return f"/contacts/{contact.pk}/"


def test_page_shows_the_contact_links_followups_and_history(embassy_pl, contact):
    response = client_for(embassy_pl).get(url(contact))
    assert response.status_code == 200
    text = response.text
    assert "Polish MoD" in text and "Adam Nowicki" in text and "speed up the permit" in text
    assert "155 mm rounds" in text and "Secret PL item" in text
    assert "Check the permit" in text
    assert "Created" in text
    assert f"/contacts/{contact.pk}/edit/" in text


def test_viewer_reads_it_without_restricted_links_or_edit_link(viewer, contact):
    text = client_for(viewer).get(url(contact)).text
    assert "155 mm rounds" in text
    assert "Secret PL item" not in text
    assert "/edit/" not in text


def test_contacts_outside_the_scope_are_not_found(embassy_de, contact, enterprise):
    assert client_for(embassy_de).get(url(contact)).status_code == 404
    assert client_for(embassy_de).get(url(contact), headers=HX).status_code == 404
    outsider = factories.industry(factories.OrganisationFactory(code="other"))
    assert client_for(outsider).get(url(contact)).status_code == 404
    assert client_for(factories.industry(enterprise)).get(url(contact)).status_code == 200


def test_unknown_contact_is_not_found(coordinator):
    assert client_for(coordinator).get("/contacts/424242/").status_code == 404
