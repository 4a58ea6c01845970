"""The weekly digest holds last week's changes and what is due, only within the reader's
scope, with links to the pages, in the reader's language, properly escaped."""

import datetime

import pytest
import time_machine

from tests import factories
from tests.notifications.conftest import digest_run, kyiv
from tracker.commitments import services as commitment_services
from tracker.contacts import services as contact_services
from tracker.followups.models import FollowUp
from tracker.history.editing import ANY_VERSION
from tracker.history.models import Change
from tracker.notifications import digests
from tracker.notifications.emails import absolute_url
from tracker.notifications.models import Digest, Status
from tracker.projects import services as project_services

pytestmark = pytest.mark.django_db

MONDAY = kyiv(2026, 5, 18, 8)  # ISO week 21; its digest reports week 20 (11–17 May)


def new_commitment(country, by, **fields):
    commitment = factories.CommitmentFactory.build(
        country=country,
        priority=factories.PriorityFactory(),
        capability=factories.CapabilityFactory(),
        **fields,
    )
    return commitment_services.create_commitment(commitment, by=by)


def log_contact(country, by, organisation):
    contact = factories.ContactFactory.build(country=country, counterpart_organisation=organisation)
    return contact_services.log_contact(contact, by=by)


@pytest.fixture
def week(country_pl, country_de):
    """Last week's work in Poland and Germany, recorded through the services."""
    chief = factories.coordinator(username="chief", email="chief@example.org", first_name="Olena")
    with time_machine.travel(kyiv(2026, 5, 8, 10), tick=False):  # the week before: not reported
        new_commitment(country_pl, chief, item="Old news from the week before")
    with time_machine.travel(kyiv(2026, 5, 13, 10), tick=False):
        project = factories.ProjectFactory(title="Shell line in Lviv")
        project_services.change_status(
            project,
            status="seeking_partners",
            health="at_risk",
            health_reason="Supplier <late>",
            by=chief,
            comment="Waiting for <offsets> & quotas",
            expected_version=ANY_VERSION,
        )
        shells = new_commitment(country_pl, chief, item="155 mm shells", quantity=1000, unit="rounds")
        commitment_services.record_delivery(
            shells,
            delivered_on=datetime.date(2026, 5, 12),
            quantity=400,
            by=chief,
            expected_version=ANY_VERSION,
        )
        new_commitment(country_pl, chief, item="Classified munitions", marking="restricted")
        new_commitment(country_de, chief, item="Air defence radar")
        log_contact(country_pl, chief, "Polish Ministry of Defence")
        log_contact(country_de, chief, "German procurement office")
    with time_machine.travel(kyiv(2026, 5, 18, 0, 30), tick=False):  # this week: next digest
        new_commitment(country_pl, chief, item="Too new for this digest")
    for title, due, about in (
        ("Chase the Polish shell delivery", datetime.date(2026, 5, 15), {"commitment": shells}),
        ("Confirm the German radar site visit", datetime.date(2026, 5, 20), {"project": project}),
    ):
        country = country_pl if "Polish" in title else country_de
        FollowUp.objects.create(title=title, owner=chief, due_on=due, country=country, **about)
    return {"chief": chief, "project": project, "shells": shells}


def text_of(user) -> str:
    content = digests.build_digest(user, MONDAY)
    return digests.make_message("digest", digests.digest_context(content), to=["x@example.org"]).body


def test_coordinator_digest_holds_every_section(week, mailoutbox):
    assert digest_run(MONDAY) == ["sent"]
    (message,) = mailoutbox
    assert message.to == ["chief@example.org"]
    assert message.subject == "Your weekly tracker digest, week 21 of 2026"
    body = message.body
    for expected in (
        "FOLLOW-UPS OVERDUE",
        "Chase the Polish shell delivery",
        "FOLLOW-UPS DUE IN THE COMING WEEK",
        "Confirm the German radar site visit",
        "PROJECT STATUS AND HEALTH CHANGES",
        "Status: Identified → Seeking partners",
        "Health: On track → At risk",
        "NEW AND CHANGED COMMITMENTS",
        "Poland: 155 mm shells",
        "Poland: Classified munitions",
        "Germany: Air defence radar",
        "ARRIVALS AND PAYMENTS RECORDED",
        "arrival recorded; Stage: Committed (firm) → In delivery; Arrived quantity: 0 → 400",
        "CONTACTS LOGGED",
        "Poland: Polish Ministry of Defence (Meeting)",
        "Germany: German procurement office (Meeting)",
    ):
        assert expected in body, expected
    assert "Old news from the week before" not in body
    assert "Too new for this digest" not in body


def test_embassy_digest_contains_nothing_of_another_country(week, country_pl, country_de):
    officer = factories.embassy(country_pl, username="warsaw", email="warsaw@example.org")
    week["project"].candidate_countries.set([country_pl])
    other = factories.ProjectFactory(title="Radar plant")
    other.candidate_countries.set([country_de])
    project_services.change_status(
        other, status="seeking_partners", health="on_track", by=week["chief"], expected_version=ANY_VERSION
    )
    Change.objects.filter(project=other).update(at=kyiv(2026, 5, 14, 10))
    body = text_of(officer)
    assert "Shell line in Lviv" in body  # a project looking at Poland
    assert "155 mm shells" in body
    assert "Classified munitions" in body  # restricted, but Poland is the officer's scope
    assert "Polish Ministry of Defence" in body
    assert "Chase the Polish shell delivery" in body
    for foreign in ("Germany", "German", "Air defence radar", "radar site visit"):
        assert foreign not in body, foreign


def test_viewer_digest_contains_no_restricted_commitments(week):
    reader = factories.viewer(username="reader", email="reader@example.org")
    body = text_of(reader)
    assert "155 mm shells" in body
    assert "Air defence radar" in body
    assert "Classified munitions" not in body


def test_every_item_links_to_its_page_with_an_absolute_address(week, mailoutbox):
    digest_run(MONDAY)
    (message,) = mailoutbox
    html = message.alternatives[0].content
    targets = [week["project"], week["shells"], *FollowUp.objects.all()]
    for target in targets:
        url = absolute_url(target)
        assert url.startswith("http://") or url.startswith("https://")
        assert url in message.body
        assert f'href="{url}"' in html


def test_text_is_escaped_in_html_and_plain_in_text(week, mailoutbox):
    digest_run(MONDAY)
    (message,) = mailoutbox
    html = message.alternatives[0].content
    assert "Waiting for <offsets> & quotas" in message.body
    assert "Waiting for &lt;offsets&gt; &amp; quotas" in html
    assert "<offsets>" not in html


def test_digest_comes_in_the_readers_language(week, mailoutbox):
    chief = week["chief"]
    chief.language = "uk"
    chief.save()
    digest_run(MONDAY)
    (message,) = mailoutbox
    html = message.alternatives[0].content
    assert '<html lang="uk">' in html
    assert "Польща" in message.body  # country names from the country library, in Ukrainian
    assert "11.05.2026" in message.body  # and dates
    assert message.subject.startswith("Ваш щотижневий огляд обліку")
    assert "Відписатися" in html
    assert "Unsubscribe" not in message.body


def test_partners_with_no_contact_in_thirty_days_are_listed(country_pl, country_de):
    officer = factories.embassy(country_pl, country_de, username="officer", email="o@example.org")
    factories.ContactFactory(country=country_pl, held_on=datetime.date(2026, 5, 1))
    factories.ContactFactory(country=country_de, held_on=datetime.date(2026, 4, 1))
    content = digests.build_digest(officer, MONDAY)
    partners = next(s for s in content.sections if s.key == "partners")
    assert [(item.title, item.detail) for item in partners.items] == [("Germany", "last contact 1 Apr 2026")]
    assert partners.items[0].url == absolute_url(country_de)


def test_industry_staff_hear_of_quiet_partners_of_their_own_projects(country_pl, country_de):
    plant = factories.OrganisationFactory(code="plant")
    staff = factories.industry(plant, username="plant-staff", email="p@example.org")
    project = factories.ProjectFactory(enterprise=plant)
    project.candidate_countries.set([country_pl])
    factories.ProjectFactory().candidate_countries.set([country_de])  # someone else's project
    content = digests.build_digest(staff, MONDAY)
    partners = next(s for s in content.sections if s.key == "partners")
    assert [item.title for item in partners.items] == ["Poland"]


def test_an_empty_digest_is_not_sent(mailoutbox):
    factories.viewer(username="idle", email="idle@example.org")
    assert digest_run(MONDAY) == ["skipped"]
    assert mailoutbox == []
    digest = Digest.objects.get()
    assert (digest.status, digest.note) == (Status.SKIPPED, "Nothing to report.")


def test_users_who_opted_out_or_have_no_address_get_no_digest(week, mailoutbox):
    factories.viewer(username="quiet", email="quiet@example.org", digest_opt_in=False)
    factories.viewer(username="nomail", email="")
    factories.viewer(username="left", email="left@example.org", is_active=False)
    digest_run(MONDAY)
    assert [m.to for m in mailoutbox] == [["chief@example.org"]]


def test_a_long_section_is_cut_with_a_pointer_to_the_tracker(coordinator, settings):
    for n in range(digests.ITEMS_PER_SECTION + 3):
        factories.FollowUpFactory(owner=coordinator, due_on=datetime.date(2026, 5, 1), title=f"Late {n}")
    content = digests.build_digest(coordinator, MONDAY)
    overdue = next(s for s in content.sections if s.key == "overdue")
    assert len(overdue.items) == digests.ITEMS_PER_SECTION
    assert overdue.truncated
    assert "More entries are in the tracker." in text_of(coordinator)
