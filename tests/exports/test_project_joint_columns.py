"""The projects export carries every joint-production field, the needs and the milestones."""

import pytest
from django.urls import reverse

from tests import factories
from tests.downloads import read_csv, read_xlsx
from tests.projects.joint_data import days, partner_company, repair_hub

pytestmark = pytest.mark.django_db

URL = reverse("exports:list", args=["projects", "csv"])


def as_dicts(rows: list) -> list[dict]:
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_project_export_has_the_joint_production_columns(download, viewer):
    hub = repair_hub(
        partner_company("vistula", "PL", name="Vistula Defence"), needed_quantity=120, needed_unit="vehicles"
    )
    hub.partner_companies.add(partner_company("baltic", "PL", name="Baltic Armour"))
    factories.ProjectFactory(reference="UOP-2026-999")
    rows = {row["Reference"]: row for row in as_dicts(read_csv(download(viewer, URL)))}
    row = rows[hub.reference]
    assert row["Arrangement"] == "Joint venture"
    assert row["Partner companies"] == "Baltic Armour | Vistula Defence"
    assert (row["Location country"], row["Location city"], row["In Ukraine or abroad"]) == (
        "Poland",
        "Rzeszów",
        "abroad",
    )
    assert (row["Planned capacity"], row["Capacity unit"], row["Capacity period"]) == (
        "30",
        "repairs",
        "per month",
    )
    assert row["Localisation share (%)"] == "40"
    assert (row["Needed quantity"], row["Needed unit"]) == ("120", "vehicles")
    assert row["Agreement signed (planned)"] == str(days(-60))
    assert row["Agreement signed (actual)"] == str(days(-50))
    assert row["Site ready (planned)"] == str(days(-10)) and row["Site ready (actual)"] == ""
    assert row["Full rate (planned)"] == ""
    other = rows["UOP-2026-999"]
    assert other["Arrangement"] == other["Partner companies"] == other["Agreement signed (planned)"] == ""


def test_headers_are_in_the_readers_language(client, viewer):
    repair_hub(partner_company("vistula", "PL"))
    client.force_login(viewer)
    xlsx = reverse("exports:list", args=["projects", "xlsx"])
    [rows] = read_xlsx(client.get(xlsx)).values()
    assert "Agreement signed (planned)" in rows[0]
    client.cookies["django_language"] = "uk"
    [rows] = read_xlsx(client.get(xlsx)).values()
    assert "Угоду підписано (план)" in rows[0] and "Форма співпраці" in rows[0]
