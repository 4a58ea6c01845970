"""History names linked objects only to readers who may see them (security finding 1).

An embassy officer links their country's restricted commitment to a contact; the contact
is readable by leadership and by industry staff on its project, the commitment is not.
Every place history is shown must count that commitment, never name it.
"""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from tests import factories
from tests.page_checks import client_for
from tracker.commitments.models import Marking
from tracker.history.editing import ANY_VERSION
from tracker.history.lines import with_rows
from tracker.history.models import Change
from tracker.notifications.digests import build_digest
from tracker.projects import services as project_services

pytestmark = pytest.mark.django_db

SECRET = "152 mm artillery rounds"
UNSEEN = "1 record you cannot see"


@pytest.fixture
def contact(country_pl, own_project):
    contact = factories.ContactFactory(country=country_pl, counterpart_organisation="Polish MoD")
    contact.projects.add(own_project)
    return contact


@pytest.fixture
def secret(country_pl):
    return factories.CommitmentFactory(country=country_pl, marking=Marking.RESTRICTED, item=SECRET)


@pytest.fixture
def linked(embassy_pl, contact, secret, pl_commitment, own_project):
    """The embassy officer links both commitments through the contact's edit form."""
    response = client_for(embassy_pl).post(
        f"/contacts/{contact.pk}/edit/",
        {
            "country": contact.country_id,
            "held_on": contact.held_on.isoformat(),
            "channel": contact.channel,
            "counterpart_organisation": contact.counterpart_organisation,
            "summary": contact.summary,
            "projects": [own_project.pk],
            "commitments": [secret.pk, pl_commitment.pk],
            "version": contact.version,
        },
    )
    assert response.status_code == 302
    return contact


def test_viewer_reads_the_contact_history_without_the_restricted_commitments_name(viewer, linked):
    page = client_for(viewer).get(f"/contacts/{linked.pk}/").text
    assert SECRET not in page
    assert "155 mm rounds and 1 record you cannot see" in page


def test_industry_staff_on_the_project_read_the_history_without_the_name(industry_user, linked):
    page = client_for(industry_user).get(f"/contacts/{linked.pk}/")
    assert page.status_code == 200
    assert SECRET not in page.text
    assert UNSEEN in page.text


def test_those_who_may_see_the_commitment_read_its_name(coordinator, embassy_pl, linked):
    for user in (coordinator, embassy_pl):
        page = client_for(user).get(f"/contacts/{linked.pk}/").text
        assert SECRET in page
        assert UNSEEN not in page


def test_the_history_stores_the_kind_and_id_of_each_linked_object(linked, secret):
    change = Change.objects.filter(contact=linked).latest("at")
    old, new = change.fields["commitments"]
    assert old == []
    assert {"kind": "commitments.commitment", "id": secret.pk, "label": f"Poland — {SECRET}"} in new


def test_the_digest_and_the_timeline_word_a_change_alike(viewer, coordinator, own_project):
    project_services.change_status(
        own_project,
        status="seeking_partners",
        health="on_track",
        by=coordinator,
        expected_version=ANY_VERSION,
    )
    content = build_digest(viewer, timezone.now() + datetime.timedelta(days=7))
    (section,) = [section for section in content.sections if section.key == "projects"]
    (change,) = with_rows(own_project.changes.all(), viewer)
    label, old, new = change.rows[0]
    assert (
        section.items[0].lines[0].text == f"{label}: {old} → {new}" == "Status: Identified → Seeking partners"
    )


def test_a_conflict_table_counts_linked_objects_the_editor_may_not_see(
    embassy_pl, coordinator, contact, pl_commitment
):
    """A coordinator links another country's restricted commitment; the embassy officer
    saving over it is shown the difference without its name."""
    german = factories.CommitmentFactory(
        country=factories.CountryFactory(code="DE"), marking=Marking.RESTRICTED, item="German secret"
    )
    form = {
        "country": contact.country_id,
        "held_on": contact.held_on.isoformat(),
        "channel": contact.channel,
        "counterpart_organisation": contact.counterpart_organisation,
        "summary": contact.summary,
        "version": contact.version,
    }
    assert (
        client_for(coordinator)
        .post(f"/contacts/{contact.pk}/edit/", {**form, "commitments": [german.pk]})
        .status_code
        == 302
    )
    response = client_for(embassy_pl).post(
        f"/contacts/{contact.pk}/edit/", {**form, "commitments": [pl_commitment.pk]}
    )
    assert "Someone else saved this record" in response.text
    assert "German secret" not in response.text
    assert "155 mm rounds and 1 record you cannot see" in response.text


def test_staff_reading_history_in_the_admin_see_only_their_scope(viewer, linked, secret):
    viewer.is_staff = True
    viewer.save()
    viewer.user_permissions.add(Permission.objects.get(codename="view_change"))
    client = client_for(viewer)
    change = Change.objects.filter(contact=linked).latest("at")
    page = client.get(f"/admin/history/change/{change.pk}/change/")
    assert page.status_code == 200
    assert SECRET not in page.text
    assert UNSEEN in page.text
    restricted_change = Change.objects.create(commitment=secret, action="created")
    assert client.get(f"/admin/history/change/{restricted_change.pk}/change/").status_code == 302
    assert SECRET not in client.get("/admin/history/change/").text


def test_a_name_without_an_id_is_shown_only_to_coordinators(viewer, coordinator, contact, secret):
    """A label the migration could not match to a row keeps no id: only those who see every
    row read it (tests/commitments/test_partner_migration.py runs that migration)."""
    change = Change.objects.create(
        contact=contact,
        action="changed",
        fields={
            "commitments": [
                [],
                [
                    {"kind": "commitments.commitment", "id": secret.pk, "label": f"Poland — {SECRET}"},
                    {"kind": "commitments.commitment", "id": None, "label": "Nowhere — unknown thing"},
                ],
            ],
            "country": ["Poland", "Poland"],
        },
    )
    (row,) = with_rows([change], viewer)
    rows = {label: (before, after) for label, before, after in row.rows}
    assert rows["Commitments discussed"] == ("—", "2 records you cannot see")
    assert rows["Partner country"] == ("Poland", "Poland")
    (row,) = with_rows([change], coordinator)
    assert {label: after for label, _, after in row.rows}["Commitments discussed"] == (
        f"Poland — {SECRET}, Nowhere — unknown thing"
    )
