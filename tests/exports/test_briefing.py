"""The briefing on one partner country, as a printable page and as a workbook."""

import datetime
from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from tests import factories
from tests.downloads import read_xlsx
from tracker.commitments import services as commitment_services
from tracker.commitments.models import Marking
from tracker.history.editing import ANY_VERSION

pytestmark = pytest.mark.django_db


@pytest.fixture
def poland(country_pl, country_de, coordinator):
    today = timezone.localdate()
    public = factories.CommitmentFactory(
        country=country_pl, item="Armoured vehicles", quantity=20, marking=Marking.PUBLIC
    )
    commitment_services.record_delivery(
        public,
        delivered_on=today - datetime.timedelta(days=9),
        quantity=5,
        note="First batch",
        by=coordinator,
        expected_version=ANY_VERSION,
    )
    money = factories.CommitmentFactory(
        country=country_pl,
        item="Shell purchase fund",
        quantity=None,
        unit="",
        amount=Decimal("1000000"),
        currency="EUR",
        marking=Marking.OFFICIAL,
    )
    commitment_services.record_payment(
        money,
        paid_on=today - datetime.timedelta(days=4),
        amount=Decimal("250000"),
        by=coordinator,
        expected_version=ANY_VERSION,
    )
    secret = factories.CommitmentFactory(
        country=country_pl, item="Secret missiles", marking=Marking.RESTRICTED
    )
    factories.CommitmentFactory(country=country_de, item="German tanks")
    recent = factories.ContactFactory(country=country_pl, summary="Recent talk on vehicles")
    recent.commitments.add(secret, public)
    factories.ContactFactory(
        country=country_pl, summary="Old talk", held_on=today - datetime.timedelta(days=400)
    )
    factories.ContactFactory(country=country_de, summary="German talk")
    factories.FollowUpFactory(title="Chase the second batch", commitment=public, country=country_pl)
    factories.FollowUpFactory(title="Ask about the secret", commitment=secret, country=country_pl)
    return locals()


def page(client, user, code="PL"):
    client.force_login(user)
    return client.get(reverse("exports:briefing", args=[code]))


def test_coordinator_briefing_has_every_section(client, coordinator, poland):
    response = page(client, coordinator)
    assert response.status_code == 200
    body = response.content.decode()
    for text in (
        "Armoured vehicles",
        "First batch",
        "Secret missiles",
        "Recent talk on vehicles",
        "Chase the second batch",
        "1,000,000",
        "250,000",
    ):
        assert text in body, text
    for text in ("German tanks", "German talk", "Old talk"):
        assert text not in body, text


def test_viewer_briefing_leaves_out_restricted_commitments_and_their_follow_ups(client, viewer, poland):
    body = page(client, viewer).content.decode()
    assert "Armoured vehicles" in body
    assert "Secret missiles" not in body
    assert "Ask about the secret" not in body


def test_embassy_user_of_another_country_sees_no_polish_contacts(client, country_de, poland):
    user = factories.embassy(country_de)
    body = page(client, user).content.decode()
    assert "Armoured vehicles" in body
    assert "Recent talk on vehicles" not in body
    assert "Secret missiles" not in body
    assert "No recent contacts you may see." in body


def test_briefing_workbook_has_one_sheet_per_section(client, coordinator, poland):
    client.force_login(coordinator)
    response = client.get(reverse("exports:briefing_xlsx", args=["pl"]))
    assert response.status_code == 200
    assert 'filename="briefing-PL-' in response["Content-Disposition"]
    sheets = read_xlsx(response)
    assert len(sheets) == 6  # their names and shape: test_briefing_workbook.py
    assert len(sheets["Commitments"]) == 1 + 3
    notes = {
        row[sheets["Arrivals and payments"][0].index("Note")] for row in sheets["Arrivals and payments"][1:]
    }
    assert notes == {"First batch", None}  # an empty cell reads back as None
    assert [row[sheets["Contacts"][0].index("Summary")] for row in sheets["Contacts"][1:]] == [
        "Recent talk on vehicles"
    ]


def test_viewer_workbook_never_names_restricted_commitments(client, viewer, poland):
    client.force_login(viewer)
    sheets = read_xlsx(client.get(reverse("exports:briefing_xlsx", args=["PL"])))
    flat = repr(sheets)
    assert "Secret missiles" not in flat
    contact_ids = sheets["Contacts"][1][sheets["Contacts"][0].index("Commitments discussed (IDs)")]
    assert str(poland["secret"].pk) not in str(contact_ids).split(" | ")


def test_print_styles_hide_the_navigation(client, coordinator, poland):
    css = (settings.BASE_DIR / "static" / "css" / "app.css").read_text(encoding="utf-8")
    assert "@media print" in css
    assert 'class="no-print"' in page(client, coordinator).content.decode()


@pytest.mark.parametrize("code", ["ZZ", "xx"])
def test_unknown_country_is_not_found(client, coordinator, code):
    assert page(client, coordinator, code).status_code == 404


def test_malformed_country_code_is_not_found(client, coordinator):
    client.force_login(coordinator)
    assert client.get("/exports/briefing/POL/").status_code == 404


@pytest.mark.parametrize("size", [1, 8])
def test_briefing_costs_a_fixed_number_of_queries(client, django_assert_num_queries, country_pl, size):
    user = factories.embassy(country_pl)
    for _ in range(size):
        commitment = factories.CommitmentFactory(country=country_pl)
        commitment_services.record_delivery(
            commitment, delivered_on=timezone.localdate(), quantity=1, by=user, expected_version=ANY_VERSION
        )
        contact = factories.ContactFactory(country=country_pl)
        contact.commitments.add(commitment)
        contact.projects.add(factories.ProjectFactory())
        factories.FollowUpFactory(commitment=commitment, country=country_pl)
    client.force_login(user)
    # session, user, partner, the user's countries, commitments, sources, arrivals, payments,
    # packages, contacts, their projects, their commitments, follow-ups, the totals,
    # capabilities' names
    with django_assert_num_queries(15):
        assert client.get(reverse("exports:briefing", args=["PL"])).status_code == 200
    with django_assert_num_queries(15):
        assert client.get(reverse("exports:briefing_xlsx", args=["PL"])).status_code == 200
