"""Export commitments, import the file, export again: the same data comes back."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from tests import factories
from tests.downloads import read_csv, read_xlsx
from tracker.commitments import services
from tracker.commitments.models import (
    Amendment,
    AmendmentReason,
    Commitment,
    Delivery,
    Marking,
    Package,
    Payment,
    SourceReference,
    Stage,
    StageMove,
)
from tracker.history.editing import ANY_VERSION
from tracker.history.models import Change
from tracker.imports.models import PendingImport

pytestmark = pytest.mark.django_db


@pytest.fixture
def commitments(coordinator, country_pl, country_de):
    today = timezone.localdate()
    project = factories.ProjectFactory(reference="UOP-RT-1")
    us = factories.CountryFactory(code="US")
    priority, capability = factories.PriorityFactory(), factories.CapabilityFactory()
    made = []

    def make(**values):
        commitment = factories.CommitmentFactory.build(priority=priority, capability=capability, **values)
        services.create_commitment(commitment, by=coordinator)
        made.append(commitment)
        return commitment

    make(
        country=country_pl,
        item="Снаряди 155 мм",
        quantity=1000,
        unit="rounds",
        stage=Stage.PLEDGED,
        project=project,
        marking=Marking.PUBLIC,
        expected_by=today + datetime.timedelta(days=100),
    )
    partly = make(
        country=country_pl,
        item="Armoured vehicles, batch 2",
        quantity=60,
        unit="vehicles",
        amount=Decimal("1500000.50"),
        currency="EUR",
        stage=Stage.COMMITTED,
        marking=Marking.RESTRICTED,
    )
    services.record_delivery(
        partly,
        delivered_on=today - datetime.timedelta(days=20),
        quantity=12,
        by=coordinator,
        expected_version=ANY_VERSION,
    )
    services.record_delivery(
        partly,
        delivered_on=today - datetime.timedelta(days=5),
        quantity=9,
        by=coordinator,
        expected_version=ANY_VERSION,
    )
    services.record_payment(
        partly,
        paid_on=today - datetime.timedelta(days=5),
        amount=Decimal("300000"),
        by=coordinator,
        expected_version=ANY_VERSION,
    )
    fund = make(
        country=country_de,
        item='=SUM("fund")',
        quantity=None,
        unit="",
        amount=Decimal("25000000"),
        currency="USD",
        kind="financing",
        instrument="grant",
        seller_country=str(us.code),
        seller_company=factories.OrganisationFactory(
            code="acme", name="Acme Defense", kind="partner_company", country="US"
        ),
    )
    fund.sources.create(url="https://example.org/announcement")
    fund.sources.create(document="Note verbale 12/2026")
    services.record_payment(
        fund,
        paid_on=today - datetime.timedelta(days=2),
        amount=Decimal("25000000"),
        by=coordinator,
        expected_version=ANY_VERSION,
    )
    stopped = make(country=country_de, item="Radars", quantity=4, unit="systems", stage=Stage.CONTRACTED)
    services.record_delivery(
        stopped,
        delivered_on=today - datetime.timedelta(days=40),
        quantity=1,
        by=coordinator,
        expected_version=ANY_VERSION,
    )
    services.change_stage(stopped, stage=Stage.SUSPENDED, by=coordinator, expected_version=ANY_VERSION)
    make(
        country=country_de,
        item="Training course",
        quantity=3,
        unit="sets",
        stage=Stage.DISCUSSED,
        announced_on=None,
    )
    dropped = make(country=country_pl, item="Trucks", quantity=50, unit="vehicles", stage=Stage.COMMITTED)
    services.record_delivery(
        dropped,
        delivered_on=today - datetime.timedelta(days=60),
        quantity=20,
        by=coordinator,
        expected_version=ANY_VERSION,
    )
    services.amend_commitment(
        dropped,
        reason=AmendmentReason.WITHDRAWAL,
        note="Partner withdrew",
        by=coordinator,
        expected_version=ANY_VERSION,
    )
    initiative = factories.PartnerFactory(code="ammo-init", name="Ammunition initiative")
    make(
        country=country_de,
        item="Contribution to the initiative",
        quantity=None,
        unit="",
        amount=Decimal("1000000"),
        currency="EUR",
        reported_amount=Decimal("1080000"),
        reported_currency="USD",
        kind="financing",
        instrument="contribution",
        channel=initiative,
        stage=Stage.COMMITTED,
    )
    services.record_payment(
        made[-1],
        paid_on=today - datetime.timedelta(days=3),
        amount_undisclosed=True,
        by=coordinator,
        expected_version=ANY_VERSION,
    )
    pooled = make(
        partner=initiative,
        item="Rounds bought together",
        quantity=1000,
        unit="rounds",
        amount=Decimal("2000000"),
        currency="EUR",
        kind="financing",
        funding="pooled",
        seller_undisclosed=True,
        package=Package.objects.create(partner=initiative, title="Joint rounds"),
        stage=Stage.COMMITTED,
    )
    services.record_delivery(
        pooled,
        delivered_on=today - datetime.timedelta(days=1),
        quantity=100,
        by=coordinator,
        expected_version=ANY_VERSION,
    )
    return made


def _forget_all_commitments() -> None:
    Change.objects.all().delete()
    Delivery.objects.all().delete()
    Payment.objects.all().delete()
    StageMove.objects.all().delete()
    Amendment.objects.all().delete()
    SourceReference.objects.all().delete()
    Commitment.objects.all().delete()


def _without_ids(rows: list) -> list:
    # The first column is the ID, new on import; empty XLSX cells read as None.
    return sorted(tuple("" if cell is None else cell for cell in row[1:]) for row in rows)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_then_import_gives_the_same_commitments(client, coordinator, commitments, fmt):
    client.force_login(coordinator)
    export_url = reverse("exports:list", args=["commitments", fmt])
    exported = client.get(export_url)
    content = b"".join(exported.streaming_content)
    before = _rows(fmt, content)
    _forget_all_commitments()

    upload = SimpleUploadedFile(f"commitments.{fmt}", content)
    response = client.post(reverse("imports:upload"), {"kind": "commitments", "file": upload})
    assert response.status_code == 302
    preview = client.get(response["Location"])
    assert preview.context["invalid"] == 0, [c.errors for c in preview.context["checks"]]
    assert client.post(reverse("imports:apply", args=[PendingImport.objects.get().pk])).status_code == 302

    after = _rows(fmt, b"".join(client.get(export_url).streaming_content))
    assert list(before[0]) == list(after[0])
    assert _without_ids(before[1:]) == _without_ids(after[1:])
    assert Commitment.objects.count() == len(commitments)


def _rows(fmt: str, content: bytes) -> list:
    class Download:
        streaming_content = (content,)

    if fmt == "csv":
        return read_csv(Download)
    [sheet] = read_xlsx(Download).values()
    return sheet
