import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from tests import factories

COMMITMENT_HEADER = [
    "partner",
    "priority",
    "project",
    "kind",
    "capability",
    "item",
    "quantity",
    "unit",
    "amount",
    "currency",
    "stage",
    "announced_on",
    "marking",
]


def csv_bytes(header: list[str], rows: list[list]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode()


def xlsx_bytes(header: list[str], rows: list[list]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def commitment_row(**values) -> list:
    row = {
        "partner": "PL",
        "priority": "supply",
        "project": "",
        "kind": "supply",
        "capability": "ammunition",
        "item": "155 mm shells",
        "quantity": "1000",
        "unit": "rounds",
        "amount": "",
        "currency": "",
        "stage": "pledged",
        "announced_on": "2026-01-15",
        "marking": "official",
    } | values
    return [row[key] for key in COMMITMENT_HEADER]


@pytest.fixture
def reference(db):
    """The priority and capability codes the rows above name, and Poland."""
    factories.PriorityFactory(code="supply", name="More weapons", name_uk="Більше озброєння")
    factories.CapabilityFactory(code="ammunition", name="Ammunition", name_uk="Боєприпаси")
    return factories.CountryFactory(code="PL")


@pytest.fixture
def upload(client):
    """Sign in as `user` and POST a file to the import form."""

    def post(user, content: bytes, name="rows.csv", kind="commitments", **extra):
        client.force_login(user)
        data = {"kind": kind, "file": SimpleUploadedFile(name, content)}
        return client.post(reverse("imports:upload"), data, **extra)

    return post
