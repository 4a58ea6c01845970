"""Downloading the list on screen as CSV or XLSX: its filters, and only what the user may see."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests import factories
from tests.downloads import read_csv, read_xlsx
from tracker.commitments import services as commitment_services
from tracker.commitments.models import Marking
from tracker.contacts.models import Contact
from tracker.exports.views import MAX_XLSX_ROWS
from tracker.followups import services as followup_services
from tracker.followups.models import State
from tracker.history.editing import ANY_VERSION
from tracker.projects.models import Status

pytestmark = pytest.mark.django_db


def url(kind, fmt="csv"):
    return reverse("exports:list", args=[kind, fmt])


def column(rows, key_label):
    index = rows[0].index(key_label)
    return [row[index] for row in rows[1:]]


def test_url_names():
    assert url("projects") == "/exports/projects.csv"
    assert url("followups", "xlsx") == "/exports/followups.xlsx"
    assert reverse("exports:briefing", args=["PL"]) == "/exports/briefing/PL/"
    assert reverse("exports:briefing_xlsx", args=["PL"]) == "/exports/briefing/PL.xlsx"


@pytest.mark.parametrize("kind", ["projects", "commitments", "contacts", "followups"])
def test_every_list_downloads_as_csv_and_xlsx(download, coordinator, country_pl, kind):
    project = factories.ProjectFactory(title="Shell plant")
    project.candidate_countries.add(country_pl)
    factories.CommitmentFactory(country=country_pl, item="Shells", project=project)
    contact = factories.ContactFactory(country=country_pl, summary="Talked shells")
    contact.projects.add(project)
    factories.FollowUpFactory(owner=coordinator, title="Chase shells", project=project)
    csv_response = download(coordinator, url(kind))
    assert csv_response.status_code == 200
    assert csv_response["Content-Type"] == "text/csv; charset=utf-8"
    assert f'filename="{kind}-' in csv_response["Content-Disposition"]
    csv_rows = read_csv(csv_response)
    assert len(csv_rows) == 2
    xlsx_response = download(coordinator, url(kind, "xlsx"))
    assert xlsx_response.status_code == 200
    sheets = read_xlsx(xlsx_response)
    [rows] = sheets.values()
    assert list(rows[0]) == csv_rows[0]
    assert len(rows) == 2


def test_commitment_export_follows_the_list_filters(download, coordinator, country_pl, country_de):
    factories.CommitmentFactory(country=country_pl, item="Polish radars", stage="pledged")
    factories.CommitmentFactory(country=country_pl, item="Polish trucks", stage="committed")
    factories.CommitmentFactory(country=country_de, item="German radars", stage="pledged")
    rows = read_csv(download(coordinator, url("commitments"), {"partner": "PL", "q": "radars"}))
    assert column(rows, "Item") == ["Polish radars"]
    rows = read_csv(download(coordinator, url("commitments"), {"stage": "pledged"}))
    assert sorted(column(rows, "Item")) == ["German radars", "Polish radars"]


def test_project_export_follows_status_and_country_filters(download, coordinator, country_pl):
    wanted = factories.ProjectFactory(title="Wanted", status=Status.SEEKING_PARTNERS)
    wanted.candidate_countries.add(country_pl)
    factories.ProjectFactory(title="Other status", status=Status.IDENTIFIED).candidate_countries.add(
        country_pl
    )
    factories.ProjectFactory(title="No country", status=Status.SEEKING_PARTNERS)
    rows = read_csv(download(coordinator, url("projects"), {"status": "seeking_partners", "country": "PL"}))
    assert column(rows, "Title") == ["Wanted"]


def test_followup_export_is_my_open_follow_ups_by_when(download, coordinator):
    today = timezone.localdate()
    factories.FollowUpFactory(owner=coordinator, title="Late", due_on=today - datetime.timedelta(days=2))
    factories.FollowUpFactory(owner=coordinator, title="Later", due_on=today + datetime.timedelta(days=30))
    factories.FollowUpFactory(title="Not mine", due_on=today - datetime.timedelta(days=3))
    done = factories.FollowUpFactory(owner=coordinator, title="Closed")
    followup_services.set_state(done, state=State.DONE, by=coordinator, expected_version=ANY_VERSION)

    def actions(**params):
        return column(read_csv(download(coordinator, url("followups"), params)), "Action")

    assert actions() == ["Late", "Later"]
    assert actions(when="overdue") == ["Late"]
    assert actions(when="later") == ["Later"]
    assert actions(scope="all", when="overdue") == ["Not mine", "Late"]


def test_contact_export_follows_country_and_date_filters(download, coordinator, country_pl, country_de):
    today = timezone.localdate()
    factories.ContactFactory(country=country_pl, summary="Recent", held_on=today)
    factories.ContactFactory(country=country_pl, summary="Old", held_on=today - datetime.timedelta(days=60))
    factories.ContactFactory(country=country_de, summary="German", held_on=today)
    since = (today - datetime.timedelta(days=7)).isoformat()
    rows = read_csv(download(coordinator, url("contacts"), {"country": "pl", "held_from": since}))
    assert column(rows, "Summary") == ["Recent"]


def test_embassy_user_never_exports_another_country_contacts(download, country_pl, country_de):
    user = factories.embassy(country_pl)
    factories.ContactFactory(country=country_pl, summary="Polish meeting")
    factories.ContactFactory(country=country_de, summary="German meeting")
    assert column(read_csv(download(user, url("contacts"))), "Summary") == ["Polish meeting"]
    [sheet] = read_xlsx(download(user, url("contacts", "xlsx"))).values()
    assert [row[sheet[0].index("Summary")] for row in sheet[1:]] == ["Polish meeting"]


def test_viewer_never_exports_restricted_commitments_nor_their_ids(download, viewer, country_pl):
    factories.CommitmentFactory(country=country_pl, item="Public item", marking=Marking.PUBLIC)
    secret = factories.CommitmentFactory(country=country_pl, item="Secret item", marking=Marking.RESTRICTED)
    contact = factories.ContactFactory(country=country_pl)
    contact.commitments.add(secret)
    rows = read_csv(download(viewer, url("commitments")))
    assert column(rows, "Item") == ["Public item"]
    assert column(read_csv(download(viewer, url("contacts"))), "Commitments discussed (IDs)") == [""]
    assert b"Secret item" not in b"".join(download(viewer, url("commitments", "xlsx")).streaming_content)


def test_embassy_user_exports_restricted_commitments_of_their_own_country_only(
    download, country_pl, country_de
):
    user = factories.embassy(country_pl)
    factories.CommitmentFactory(country=country_pl, item="Own restricted", marking=Marking.RESTRICTED)
    factories.CommitmentFactory(country=country_de, item="Foreign restricted", marking=Marking.RESTRICTED)
    assert column(read_csv(download(user, url("commitments"))), "Item") == ["Own restricted"]


def test_commitment_export_carries_deliveries_and_sources(download, coordinator, country_pl):
    commitment = factories.CommitmentFactory(country=country_pl, quantity=10)
    day = timezone.localdate() - datetime.timedelta(days=3)
    commitment_services.record_delivery(
        commitment, delivered_on=day, quantity=4, by=coordinator, expected_version=ANY_VERSION
    )
    commitment.sources.create(url="https://example.org/a")
    commitment.sources.create(document="Note 17")
    rows = read_csv(download(coordinator, url("commitments")))
    assert column(rows, "Arrived quantity") == ["4"]
    assert column(rows, "Last arrival") == [day.isoformat()]
    assert column(rows, "Sources") == ["https://example.org/a | Note 17"]


def test_text_that_would_run_as_a_formula_is_neutralised(download, coordinator, country_pl):
    factories.CommitmentFactory(country=country_pl, item='=HYPERLINK("http://evil","x")')
    rows = read_csv(download(coordinator, url("commitments")))
    assert column(rows, "Item") == ['\'=HYPERLINK("http://evil","x")']
    [sheet] = read_xlsx(download(coordinator, url("commitments", "xlsx"))).values()
    assert sheet[1][sheet[0].index("Item")] == '=HYPERLINK("http://evil","x")'


def test_control_characters_do_not_break_the_workbook(download, coordinator, country_pl):
    factories.ContactFactory(country=country_pl, summary="bad\x0bchar\x1bs")
    [sheet] = read_xlsx(download(coordinator, url("contacts", "xlsx"))).values()
    assert sheet[1][sheet[0].index("Summary")] == "badchars"


@pytest.mark.parametrize(
    "params",
    [
        {"country": "XX"},
        {"country": "Польща"},
        {"priority": "9" * 30},
        {"stage": "nonsense", "marking": "<b>"},
        {"project": "x" * 5000},
        {"held_from": "2026-13-45", "held_to": "yesterday"},
        {"sort": "password"},
        {"owner": "-1"},
        {"q": "\x00" + "a" * 10_000},
        {"when": "[]"},
    ],
)
@pytest.mark.parametrize("kind", ["projects", "commitments", "contacts", "followups"])
def test_bad_filter_values_never_fail(download, coordinator, kind, params):
    response = download(coordinator, url(kind), params)
    assert response.status_code == 200
    read_csv(response)


def test_unknown_kind_or_format_is_not_found(download, coordinator):
    assert download(coordinator, "/exports/users.csv").status_code == 404
    assert download(coordinator, "/exports/projects.pdf").status_code == 404


def test_exports_need_sign_in(client):
    assert client.get(url("contacts")).status_code == 302


def _populate(size, user, country):
    project = factories.ProjectFactory()
    for _ in range(size):
        p = factories.ProjectFactory()
        p.candidate_countries.add(country)
        commitment = factories.CommitmentFactory(country=country, project=p)
        commitment.sources.create(document="doc")
        contact = factories.ContactFactory(country=country)
        contact.projects.add(p, project)
        contact.commitments.add(commitment)
        factories.FollowUpFactory(owner=user, project=p)


@pytest.mark.parametrize("size", [2, 12])
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize(
    ("kind", "queries"),
    # session, user, [the embassy user's countries], rows, then one per prefetch per chunk
    [("projects", 6), ("commitments", 5), ("contacts", 6), ("followups", 4)],
)
def test_exports_cost_a_fixed_number_of_queries(
    client, django_assert_num_queries, country_pl, size, fmt, kind, queries
):
    user = factories.embassy(country_pl)
    _populate(size, user, country_pl)
    client.force_login(user)
    with django_assert_num_queries(queries + (fmt == "xlsx")):  # a workbook counts its rows first
        response = client.get(url(kind, fmt))
        content = b"".join(response.streaming_content)
    assert content


def test_too_large_workbook_points_to_csv(download, coordinator, country_pl):
    factories.ContactFactory(country=country_pl)
    template = Contact.objects.get()
    Contact.objects.bulk_create(
        Contact(
            country=country_pl,
            held_on=template.held_on,
            channel="call",
            counterpart_organisation="X",
            summary="s",
        )
        for _ in range(MAX_XLSX_ROWS)
    )
    response = download(coordinator, url("contacts", "xlsx"), {"country": "PL"})
    assert response.status_code == 413
    assert 'href="/exports/contacts.csv?country=PL"' in response.content.decode()
