"""The briefing workbook is for people: a sheet per section of the briefing page, a bold
header row that stays in view, fitted columns, labels in the reader's language instead of
codes, and dates, counts and money as typed cells with number formats."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from tests import factories
from tracker.commitments import services as commitment_services
from tracker.commitments.models import Commitment, Kind, Marking, Package, Stage
from tracker.exports.briefing import build_briefing
from tracker.exports.columns import COUNT_FORMAT, MONEY_FORMAT
from tracker.history.editing import ANY_VERSION

pytestmark = pytest.mark.django_db

SHEETS = [
    "Promised, paid and arrived",
    "Packages",
    "Commitments",
    "Arrivals and payments",
    "Contacts",
    "Open follow-ups",
]
TODAY = timezone.localdate()


@pytest.fixture
def poland(country_pl, coordinator):
    package = Package.objects.create(
        partner=country_pl.partner, title="Spring package", announced_on=TODAY - datetime.timedelta(days=40)
    )
    vehicles = factories.CommitmentFactory(
        country=country_pl,
        item="Armoured vehicles",
        quantity=1200,
        unit="vehicles",
        stage=Stage.PLEDGED,
        marking=Marking.PUBLIC,
        package=package,
    )
    commitment_services.record_delivery(
        vehicles, delivered_on=TODAY - datetime.timedelta(days=9), quantity=5, by=coordinator,
        expected_version=ANY_VERSION,
    )  # fmt: skip
    fund = factories.CommitmentFactory(
        country=country_pl,
        kind=Kind.FINANCING,
        item="Shell purchase fund",
        quantity=None,
        unit="",
        amount=Decimal("1000000"),
        currency="EUR",
        seller_undisclosed=True,
    )
    for amount in (Decimal("250000.50"), None):
        commitment_services.record_payment(
            fund,
            paid_on=TODAY - datetime.timedelta(days=4),
            amount=amount,
            amount_undisclosed=amount is None,
            by=coordinator,
            expected_version=ANY_VERSION,
        )
    factories.ContactFactory(country=country_pl, summary="Talk on vehicles. " * 10)
    factories.FollowUpFactory(title="Chase the second batch", commitment=vehicles, country=country_pl)
    return country_pl.partner


def workbook(client, user, language="en") -> openpyxl.Workbook:
    client.force_login(user)
    client.cookies["django_language"] = language
    response = client.get(reverse("exports:briefing_xlsx", args=["PL"]))
    assert response.status_code == 200
    return openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def table(sheet) -> list[dict]:
    header = [cell.value for cell in sheet[1]]
    return [dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2)]


def test_one_sheet_per_section_each_with_a_bold_frozen_header_and_fitted_columns(client, coordinator, poland):
    book = workbook(client, coordinator)
    assert book.sheetnames == SHEETS
    assert book.properties.title == "Briefing: Poland"
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2", sheet.title
        assert all(cell.font.b for cell in sheet[1]), sheet.title
        for cell in sheet[1]:
            width = sheet.column_dimensions[cell.column_letter].width
            assert len(cell.value) + 2 <= width <= 60 or width == 60, (sheet.title, cell.value, width)
    summary = table(book["Contacts"])[0]["Summary"]
    assert summary.alignment.wrap_text  # longer than its column


def test_commitments_read_as_labels_and_typed_cells(client, coordinator, poland):
    rows = {row["Item"].value: row for row in table(workbook(client, coordinator)["Commitments"])}
    vehicles, fund = rows["Armoured vehicles"], rows["Shell purchase fund"]
    assert vehicles["Partner"].value == "Poland"
    assert vehicles["Stage"].value == "In delivery"  # the arrival moved it on from pledged
    assert vehicles["Kind"].value == "Supply"
    assert vehicles["Marking"].value == "Public"
    assert vehicles["Unit"].value == "vehicles"
    assert vehicles["Package"].value == "Spring package"
    assert (vehicles["Quantity"].value, vehicles["Quantity"].number_format) == (1200, COUNT_FORMAT)
    assert (vehicles["Arrived quantity"].value, vehicles["Amount"].value) == (5, None)
    assert vehicles["Announced"].is_date and vehicles["Announced"].number_format == "d mmm yyyy"
    assert vehicles["Last arrival"].value.date() == TODAY - datetime.timedelta(days=9)
    assert (fund["Amount"].value, fund["Amount"].number_format) == (1000000, MONEY_FORMAT)
    assert (fund["Paid amount"].value, fund["Currency"].value) == (250000.5, "EUR")
    assert fund["A payment of undisclosed amount"].value == "Yes"
    assert (fund["Seller"].value, fund["Kind"].value) == (
        "Undisclosed",
        "Financing of purchases in a third country",
    )
    priority = Commitment.objects.get(item="Shell purchase fund").priority
    assert fund["Priority"].value == f"{priority.number}. {priority.name}"


def test_arrivals_payments_and_packages(client, coordinator, poland):
    book = workbook(client, coordinator)
    ledger = table(book["Arrivals and payments"])
    assert [(r["Quantity arrived"].value, r["Amount paid"].value) for r in ledger] == [
        (5, None),
        (None, 250000.5),
        (None, "amount undisclosed"),
    ]
    assert ledger[0]["Date"].is_date and ledger[1]["Amount paid"].number_format == MONEY_FORMAT
    packages = table(book["Packages"])
    assert [
        (p["Title"].value, p["Announced by"].value, p["Commitments in this briefing"].value) for p in packages
    ] == [("Spring package", "Poland", 1)]
    follow_ups = table(book["Open follow-ups"])
    assert [(f["Action"].value, f["State"].value) for f in follow_ups] == [("Chase the second batch", "Open")]


def test_the_totals_sheet_shows_the_briefing_pages_totals(client, coordinator, poland):
    totals = table(workbook(client, coordinator)["Promised, paid and arrived"])
    shown = build_briefing(poland, coordinator).totals
    money = [
        (t["Currency or unit"].value, t["Committed (firm)"].value, t["Paid or arrived"].value) for t in totals
    ]
    assert money[: len(shown.money_rows())] == [
        (currency, float(m.committed), float(m.done)) for currency, m in shown.money_rows()
    ]
    assert money and totals[0]["Committed (firm)"].number_format == MONEY_FORMAT
    page = client.get(reverse("exports:briefing", args=["PL"])).content.decode()
    assert "1,000,000" in page and "250,000" in page and "Spring package" in page


def test_a_ukrainian_reader_gets_ukrainian_sheets_headers_and_labels(client, coordinator, poland):
    book = workbook(client, coordinator, "uk")
    assert book.sheetnames[0] == "Обіцяно, сплачено й надійшло"
    rows = table(book.worksheets[2])
    vehicles = next(row for row in rows if row["Позиція"].value == "Armoured vehicles")
    assert vehicles["Етап"].value == "Постачається"
    assert vehicles["Партнер"].value == "Польща"
    assert vehicles["Гриф"].value == "Відкрито"
    assert vehicles["Оголошено"].is_date and vehicles["Оголошено"].number_format == "dd.mm.yyyy"


def test_the_import_template_keeps_its_codes(client, coordinator):
    client.force_login(coordinator)
    response = client.get(reverse("imports:template", args=["commitments", "xlsx"]))
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert "Kind (code)" in [cell.value for cell in book.worksheets[0][1]]
    assert "Codes" in book.sheetnames
