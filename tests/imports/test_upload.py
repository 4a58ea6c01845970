"""Uploading a file to import: size and format limits, who may, and the template files."""

import datetime
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tests import factories
from tests.downloads import read_csv, read_xlsx
from tests.imports.conftest import COMMITMENT_HEADER, commitment_row, csv_bytes, xlsx_bytes
from tracker.imports.models import PendingImport
from tracker.imports.reading import MAX_ROWS, MAX_UPLOAD_BYTES

pytestmark = pytest.mark.django_db


def test_url_names():
    assert reverse("imports:upload") == "/imports/"
    assert reverse("imports:preview", args=[3]) == "/imports/3/"
    assert reverse("imports:apply", args=[3]) == "/imports/3/apply/"
    assert reverse("imports:template", args=["commitments", "xlsx"]) == "/imports/template/commitments.xlsx"


def test_coordinator_uploads_csv_and_lands_on_the_preview(client, upload, coordinator, reference):
    response = upload(coordinator, csv_bytes(COMMITMENT_HEADER, [commitment_row()]))
    pending = PendingImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("imports:preview", args=[pending.pk])
    assert pending.uploader == coordinator
    assert pending.rows == [
        {"line": 2, "values": dict(zip(COMMITMENT_HEADER, commitment_row(), strict=True))}
    ]


def test_xlsx_upload_reads_numbers_and_dates(upload, coordinator, reference):
    row = commitment_row(quantity=1000, announced_on=datetime.datetime(2026, 1, 15))
    upload(coordinator, xlsx_bytes(COMMITMENT_HEADER, [row]), name="rows.xlsx")
    values = PendingImport.objects.get().rows[0]["values"]
    assert values["quantity"] == "1000"
    assert values["announced_on"] == "2026-01-15"


def test_semicolon_csv_in_windows_1251_is_read(upload, coordinator, reference):
    text = ";".join(COMMITMENT_HEADER) + "\n" + ";".join(commitment_row(item="Снаряди 155 мм")) + "\n"
    upload(coordinator, text.encode("cp1251"))
    assert PendingImport.objects.get().rows[0]["values"]["item"] == "Снаряди 155 мм"


def test_headers_may_be_the_export_labels(upload, coordinator, reference):
    header = [
        "Partner country (ISO code)",
        "Priority (code)",
        "Kind (code)",
        "Capability (code)",
        "Item",
        "Quantity",
        "Unit (code)",
        "Something else",
    ]
    response = upload(
        coordinator,
        csv_bytes(header, [["PL", "supply", "supply", "ammunition", "Shells", "5", "rounds", "x"]]),
    )
    assert response.status_code == 302
    assert PendingImport.objects.get().rows[0]["values"]["item"] == "Shells"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("rows.csv", b"", "file is empty"),
        ("rows.csv", b" \n\n", "The file is empty."),
        ("rows.pdf", b"%PDF-1.4 binary", "Upload a CSV or XLSX file."),
        ("rows.csv", b"\x00\x01\x02garbage", "binary data"),
        ("rows.xlsx", b"PK\x03\x04 not really a zip", "not a readable XLSX"),
        ("rows.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 50, "old Excel"),
        ("rows.csv", b"just,some,words\n1,2,3\n", "Missing:"),
        ("rows.csv", csv_bytes(COMMITMENT_HEADER, []), "no data rows"),
    ],
)
def test_garbage_gets_a_clear_message(upload, coordinator, reference, name, content, message):
    response = upload(coordinator, content, name=name)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not PendingImport.objects.exists()


def test_upload_over_two_megabytes_is_refused_with_a_message(upload, coordinator, reference):
    big = csv_bytes(COMMITMENT_HEADER, [commitment_row()]) + b"#" * (MAX_UPLOAD_BYTES + 10)
    response = upload(coordinator, big)
    assert response.status_code == 413
    assert "larger than 2 MB" in response.content.decode()
    assert not PendingImport.objects.exists()


def test_too_many_rows_is_refused(upload, coordinator, reference):
    response = upload(coordinator, csv_bytes(COMMITMENT_HEADER, [commitment_row()] * (MAX_ROWS + 1)))
    assert response.status_code == 400
    assert "more than 1000 rows" in response.content.decode()


def test_missing_file_is_a_form_error(client, coordinator):
    client.force_login(coordinator)
    response = client.post(reverse("imports:upload"), {"kind": "commitments"})
    assert response.status_code == 400


@pytest.mark.parametrize("role", ["viewer", "industry"])
def test_viewers_and_industry_staff_may_not_import(client, role):
    user = factories.viewer() if role == "viewer" else factories.industry()
    client.force_login(user)
    assert client.get(reverse("imports:upload")).status_code == 403


def test_embassy_user_may_open_the_import(client, country_pl):
    client.force_login(factories.embassy(country_pl))
    assert client.get(reverse("imports:upload")).status_code == 200


def test_upload_needs_the_csrf_token(coordinator, reference):
    client = Client(enforce_csrf_checks=True)
    client.force_login(coordinator)
    content = csv_bytes(COMMITMENT_HEADER, [commitment_row()])
    response = client.post(
        reverse("imports:upload"), {"kind": "commitments", "file": SimpleUploadedFile("a.csv", content)}
    )
    assert response.status_code == 403
    assert not PendingImport.objects.exists()


def test_a_new_upload_replaces_the_users_previous_preview(upload, coordinator, reference):
    upload(coordinator, csv_bytes(COMMITMENT_HEADER, [commitment_row()]))
    upload(coordinator, csv_bytes(COMMITMENT_HEADER, [commitment_row(item="Second")]))
    assert [p.rows[0]["values"]["item"] for p in PendingImport.objects.all()] == ["Second"]


def test_commitment_template_has_the_export_columns(client, coordinator, reference):
    client.force_login(coordinator)
    csv_rows = read_csv(client.get(reverse("imports:template", args=["commitments", "csv"])))
    export_rows = read_csv(client.get(reverse("exports:list", args=["commitments", "csv"])))
    assert csv_rows == [export_rows[0]]
    sheets = read_xlsx(client.get(reverse("imports:template", args=["commitments", "xlsx"])))
    assert list(sheets) == ["Commitments", "Codes"]
    assert list(sheets["Commitments"][0]) == export_rows[0]
    assert ("priority", "supply", "More weapons") in sheets["Codes"]


def test_delivery_template_downloads(client, coordinator):
    client.force_login(coordinator)
    response = client.get(reverse("imports:template", args=["deliveries", "xlsx"]))
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert workbook.sheetnames[0] == "Arrivals and payments"
