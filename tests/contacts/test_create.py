"""/contacts/new/: log a contact with its links and follow-ups, in one transaction."""

import pytest

from tests import factories
from tests.page_checks import client_for, csrf_token
from tracker.contacts.models import Contact
from tracker.followups.models import FollowUp

pytestmark = pytest.mark.django_db
URL = "/contacts/new/"


def data(country, owner, **values) -> dict:
    payload = {
        "country": country.pk,
        "held_on": "2026-04-02",
        "channel": "meeting",
        "counterpart_organisation": "Polish MoD",
        "counterpart_person": "Adam Nowicki",
        "summary": "Talked about the repair hub.",
        "outcome": "",
        "followups-TOTAL_FORMS": "3",
        "followups-INITIAL_FORMS": "0",
        "followups-0-title": "Send the vehicle list",
        "followups-0-owner": owner.pk,
        "followups-0-due_on": "2026-04-20",
        "followups-1-title": "",
        "followups-1-owner": owner.pk,
        "followups-1-due_on": "",
        "followups-2-title": "",
        "followups-2-owner": owner.pk,
        "followups-2-due_on": "",
    }
    payload.update(values)
    return payload


def test_embassy_user_logs_a_contact_with_links_and_a_followup(
    embassy_pl, country_pl, own_project, pl_commitment
):
    payload = data(country_pl, embassy_pl, projects=[own_project.pk], commitments=[pl_commitment.pk])
    response = client_for(embassy_pl).post(URL, payload)
    contact = Contact.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/contacts/{contact.pk}/"
    assert contact.author == embassy_pl
    assert list(contact.projects.all()) == [own_project]
    assert list(contact.commitments.all()) == [pl_commitment]
    followup = FollowUp.objects.get()
    assert (followup.title, followup.owner, followup.contact, followup.country) == (
        "Send the vehicle list",
        embassy_pl,
        contact,
        country_pl,
    )


def test_form_offers_only_the_users_countries_and_visible_commitments(
    embassy_pl, pl_commitment, de_restricted
):
    text = client_for(embassy_pl).get(URL).text
    assert "Poland" in text and "Germany" not in text
    assert "155 mm rounds" in text and "Secret DE item" not in text
    assert text.count('name="followups-') >= 9


def test_form_is_prefilled_from_the_partner_page(coordinator, country_de):
    text = client_for(coordinator).get(URL, {"country": "DE"}).text
    assert f'<option value="{country_de.pk}" selected>' in text
    assert (
        client_for(coordinator).get(URL, {"country": "??", "project": "x", "commitment": "-4"}).status_code
        == 200
    )


def test_embassy_user_cannot_log_for_another_country_or_link_unseen_commitments(
    embassy_pl, country_pl, country_de, de_restricted
):
    client = client_for(embassy_pl)
    assert "Select a valid choice" in client.post(URL, data(country_de, embassy_pl)).text
    response = client.post(URL, data(country_pl, embassy_pl, commitments=[de_restricted.pk]))
    assert "Select a valid choice" in response.text
    assert not Contact.objects.exists()


def test_readers_may_not_log_contacts(viewer, industry_user, country_pl):
    for user in (viewer, industry_user):
        assert client_for(user).get(URL).status_code == 403
        assert client_for(user).post(URL, data(country_pl, user)).status_code == 403
    assert not Contact.objects.exists()


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"summary": ""}, "This field is required"),
        ({"held_on": "31/31/2026"}, "Enter a valid date"),
        ({"channel": "pigeon"}, "Select a valid choice"),
        ({"counterpart_organisation": "o" * 201}, "at most 200 characters"),
        ({"followups-0-due_on": "soon"}, "Enter a valid date"),
        ({"followups-1-title": "Half a row"}, "This field is required"),
        ({"followups-0-owner": "999999"}, "Select a valid choice"),
        ({"followups-0-title": "t" * 301}, "at most 300 characters"),
        ({"followups-TOTAL_FORMS": "5000"}, "Please submit at most 20 forms"),
    ],
)
def test_bad_input_saves_nothing_and_keeps_what_was_typed(coordinator, country_pl, values, message):
    response = client_for(coordinator).post(URL, data(country_pl, coordinator, **values))
    assert response.status_code == 200
    assert message in response.text
    assert "Talked about the repair hub." in response.text or "summary" in values
    assert not Contact.objects.exists()
    assert not FollowUp.objects.exists()


def test_a_contact_without_followups_is_fine(coordinator, country_pl):
    payload = data(country_pl, coordinator, **{"followups-0-title": "", "followups-0-due_on": ""})
    assert client_for(coordinator).post(URL, payload).status_code == 302
    assert Contact.objects.count() == 1
    assert not FollowUp.objects.exists()


def test_followups_may_go_to_a_colleague(coordinator, country_pl):
    colleague = factories.embassy(country_pl, username="colleague")
    client_for(coordinator).post(URL, data(country_pl, coordinator, **{"followups-0-owner": colleague.pk}))
    assert FollowUp.objects.get().owner == colleague


def test_csrf_token_is_required(embassy_pl, country_pl):
    client = client_for(embassy_pl, csrf=True)
    assert client.post(URL, data(country_pl, embassy_pl)).status_code == 403
    token = csrf_token(client, URL)
    assert client.post(URL, {**data(country_pl, embassy_pl), "csrfmiddlewaretoken": token}).status_code == 302


def test_the_form_starts_at_the_country_of_the_users_last_contact(client, country_pl, country_de):
    both = factories.embassy(country_pl, username="embassy-both")
    both.countries.add(country_de)
    client.force_login(both)
    page = client.get(URL)
    assert page.context["form"].initial.get("country") is None  # two countries, no contact yet
    factories.ContactFactory(country=country_pl, author=both)
    factories.ContactFactory(country=country_de, author=both)
    assert client.get(URL).context["form"].initial["country"] == country_de.pk
    # ?country= still wins, and a country no longer covered is not offered.
    assert client.get(f"{URL}?country=PL").context["form"].initial["country"] == country_pl
    both.countries.remove(country_de)
    assert client.get(URL).context["form"].initial["country"] == country_pl.pk


def test_another_users_contacts_do_not_set_the_country(client, embassy_pl, country_pl, country_de):
    factories.ContactFactory(country=country_de, author=factories.coordinator(username="someone"))
    client.force_login(embassy_pl)
    assert client.get(URL).context["form"].initial["country"] == country_pl.pk
