"""The preview: every row marked valid, or with the reasons it is not."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from tests import factories
from tests.imports.conftest import COMMITMENT_HEADER, commitment_row, csv_bytes
from tracker.commitments.models import Commitment, Marking
from tracker.imports.models import PendingImport

pytestmark = pytest.mark.django_db

DELIVERY_HEADER = ["commitment", "delivered_on", "quantity", "amount", "note"]


def preview(client, upload, user, rows, header=COMMITMENT_HEADER, kind="commitments"):
    response = upload(user, csv_bytes(header, rows), kind=kind)
    assert response.status_code == 302, response.content.decode()
    page = client.get(response["Location"])
    assert page.status_code == 200
    return page


def errors(page) -> dict[int, list[str]]:
    return {check.line: check.errors for check in page.context["checks"]}


def test_each_row_is_marked_valid_or_explained(client, upload, coordinator, reference):
    factories.ProjectFactory(reference="UOP-1")
    rows = [
        commitment_row(project="UOP-1"),
        commitment_row(partner="Atlantis"),
        commitment_row(quantity="12a"),
        commitment_row(announced_on="31.02.2026"),
        commitment_row(project="UOP-404"),
        commitment_row(priority="peace"),
        commitment_row(capability="lasers"),
        commitment_row(quantity="10", unit=""),
        commitment_row(quantity="", amount="5000", currency="ZZZ"),
        commitment_row(item=""),
        commitment_row(stage="fulfilled"),
    ]
    page = preview(client, upload, coordinator, rows)
    found = errors(page)
    assert found[2] == []
    assert found[3] == [
        "Partner (ISO code or partner code): Unknown partner “Atlantis”: use a country's ISO code or name, "
        "or the code of an organisation as the Partners page lists it."
    ]
    assert "is not a number" in found[4][0]
    assert "is not a date" in found[5][0]
    assert found[6] == [
        "Project (reference): Unknown project “UOP-404”: create the project first, or leave the cell empty."
    ]
    assert found[7] == ["Priority (code): Unknown priority “peace”."]
    assert found[8] == ["Capability (code): Unknown capability category “lasers”."]
    assert found[9] == ["Unit (code): A quantity needs a unit."]
    assert "is not a currency the tracker records" in found[10][0]
    assert found[11] == ["Item: This value is required."]
    assert "fulfilled commitment needs" in found[12][0]
    assert page.context["valid"] == 1 and page.context["invalid"] == 10
    body = page.content.decode()
    assert "Nothing can be imported until every row is valid." in body
    assert reverse("imports:apply", args=[page.context["pending"].pk]) not in body


def test_names_and_labels_in_either_language_are_understood(client, upload, coordinator, reference):
    row = commitment_row(
        partner="Польща", priority="Більше озброєння", capability="Ammunition", stage="Pledged (non-binding)"
    )
    assert errors(preview(client, upload, coordinator, [row])) == {2: []}


def test_numbers_in_local_notation_are_read(client, upload, coordinator, reference):
    rows = [
        commitment_row(quantity="", amount=amount, currency="EUR")
        for amount in ("1 000,50", "1.000,50", "1,000.50")
    ]
    page = preview(client, upload, coordinator, rows)
    assert all(check.plan["commitment"].amount == Decimal("1000.50") for check in page.context["checks"])


def test_embassy_user_may_import_only_for_their_countries(client, upload, reference, country_de):
    user = factories.embassy(reference)
    page = preview(client, upload, user, [commitment_row(partner="PL"), commitment_row(partner="DE")])
    assert errors(page) == {
        2: [],
        3: ["Partner (ISO code or partner code): You may import commitments only for your own countries."],
    }


def test_rows_with_an_existing_id_are_refused(client, upload, coordinator, reference):
    existing = factories.CommitmentFactory()
    header = ["id", *COMMITMENT_HEADER]
    page = preview(client, upload, coordinator, [[str(existing.pk), *commitment_row()]], header=header)
    assert "already in the tracker" in errors(page)[2][0]


def test_an_id_outside_the_users_scope_is_answered_as_an_unknown_id(client, upload, reference, country_de):
    """Security finding 3: the preview must not tell an embassy officer that another
    country's restricted commitment exists."""
    embassy = factories.embassy(reference, username="embassy-pl")
    hidden = factories.CommitmentFactory(country=country_de, marking=Marking.RESTRICTED)
    free_id = hidden.pk + 1000
    header = ["id", *COMMITMENT_HEADER]
    rows = [[pk, *commitment_row()] for pk in (str(hidden.pk), str(free_id), "9" * 20)]
    found = errors(preview(client, upload, embassy, rows, header=header))
    assert found[2] == found[3] == []
    assert found[4] == ["ID: “99999999999999999999” is too large."]


def test_delivery_rows_are_checked_against_what_remains(client, upload, coordinator, country_pl):
    commitment = factories.CommitmentFactory(country=country_pl, quantity=10)
    today = timezone.localdate().isoformat()
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    rows = [
        [commitment.pk, today, "6", "", "first"],
        [commitment.pk, today, "6", "", "too much together"],
        [999999, today, "1", "", ""],
        [commitment.pk, tomorrow, "1", "", ""],
        [commitment.pk, today, "", "100", ""],
        [commitment.pk, "", "1", "", ""],
    ]
    found = errors(preview(client, upload, coordinator, rows, header=DELIVERY_HEADER, kind="deliveries"))
    assert found[2] == []
    assert found[3] == ["Quantity arrived: More than promised: only 4 of the 10 promised remain."]
    assert found[4] == ["Commitment ID: Unknown commitment “999999”."]
    assert "future" in found[5][0]
    assert found[6] == ["Amount paid: This commitment promises no amount."]
    assert found[7] == ["Date: This value is required."]


def test_delivery_in_another_currency_is_refused(client, upload, coordinator, country_pl):
    commitment = factories.CommitmentFactory(
        country=country_pl, quantity=None, amount=Decimal(100), currency="EUR"
    )
    rows = [[commitment.pk, timezone.localdate().isoformat(), "", "10", "USD", ""]]
    header = ["commitment", "delivered_on", "quantity", "amount", "currency", "note"]
    found = errors(preview(client, upload, coordinator, rows, header=header, kind="deliveries"))
    assert found[2] == ["Currency: The commitment is in EUR, not USD."]


def test_embassy_user_cannot_record_deliveries_for_other_countries(client, upload, country_pl, country_de):
    user = factories.embassy(country_pl)
    german = factories.CommitmentFactory(country=country_de, marking=Marking.PUBLIC)
    hidden = factories.CommitmentFactory(country=country_de, marking=Marking.RESTRICTED)
    today = timezone.localdate().isoformat()
    rows = [[german.pk, today, "1", "", ""], [hidden.pk, today, "1", "", ""]]
    found = errors(preview(client, upload, user, rows, header=DELIVERY_HEADER, kind="deliveries"))
    assert found[2] == ["Commitment ID: You may not record arrivals or payments for commitments of Germany."]
    # A restricted commitment outside the user's scope is not even confirmed to exist.
    assert found[3] == [f"Commitment ID: Unknown commitment “{hidden.pk}”."]


def test_delivery_to_a_withdrawn_commitment_is_refused(client, upload, coordinator, country_pl):
    commitment = factories.CommitmentFactory(country=country_pl, stage="withdrawn")
    rows = [[commitment.pk, timezone.localdate().isoformat(), "1", "", ""]]
    found = errors(preview(client, upload, coordinator, rows, header=DELIVERY_HEADER, kind="deliveries"))
    assert "No arrival or payment can be recorded" in found[2][0]


def test_someone_elses_preview_is_not_found(client, upload, coordinator, reference):
    upload(coordinator, csv_bytes(COMMITMENT_HEADER, [commitment_row()]))
    other = factories.embassy(reference)
    client.force_login(other)
    assert client.get(reverse("imports:preview", args=[PendingImport.objects.get().pk])).status_code == 404


@pytest.mark.parametrize("size", [2, 20])
def test_preview_costs_a_fixed_number_of_queries(
    client, upload, django_assert_num_queries, coordinator, reference, size
):
    factories.ProjectFactory(reference="UOP-1")
    upload(coordinator, csv_bytes(COMMITMENT_HEADER, [commitment_row(project="UOP-1")] * size))
    url = reverse("imports:preview", args=[PendingImport.objects.get().pk])
    # session, user, pending import, priorities, capabilities, countries, projects
    with django_assert_num_queries(9):
        assert client.get(url).status_code == 200


def test_old_deliveries_and_stage_need_a_date(client, upload, coordinator, reference):
    header = [*COMMITMENT_HEADER, "delivered_quantity", "last_delivered_on"]
    rows = [
        [*commitment_row(stage="in_delivery"), "400", ""],
        [*commitment_row(stage="in_delivery"), "2000", "2026-02-01"],
    ]
    found = errors(preview(client, upload, coordinator, rows, header=header))
    assert found[2] == ["Last arrival: Give the date of the last arrival."]
    assert found[3] == ["Arrived quantity: More arrived than the quantity promised."]
    assert not Commitment.objects.exists()


def test_a_country_that_cannot_be_a_partner_or_seller_is_refused_as_such(
    client, upload, coordinator, reference
):
    header = [*COMMITMENT_HEADER, "seller_country"]
    rows = [
        [*commitment_row(partner="RU"), ""],
        [*commitment_row(partner="Україна"), ""],
        [*commitment_row(partner="Iran"), ""],
        [*commitment_row(), "BY"],
    ]
    found = errors(preview(client, upload, coordinator, rows, header=header))
    assert found[2] == ["Partner (ISO code or partner code): Russia cannot be a partner."]
    assert found[3] == ["Partner (ISO code or partner code): Ukraine cannot be a partner."]
    assert found[4] == ["Partner (ISO code or partner code): Iran cannot be a partner."]
    assert any("Belarus cannot be a seller." in message for message in found[5]), found[5]
