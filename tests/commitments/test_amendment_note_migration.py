"""Amendments saved before a note was required survive the migration that requires one: a
blank note becomes a placeholder saying so, a written one is kept (real migrations, PostgreSQL)."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from tests.migrating import migrate, migrated_to

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("commitments", "0010_backfill_effective_dates")]
AFTER = [("commitments", "0011_amendment_reasons_arrivals")]
PLACEHOLDER = "(no reason recorded before reasons were required)"


@pytest.fixture
def old_shape():
    with migrated_to(BEFORE) as apps:
        yield apps


def test_blank_notes_get_a_placeholder_and_written_ones_stay(old_shape):
    get = old_shape.get_model
    country = get("reference", "PartnerCountry").objects.create(code="PL", name="Poland")
    commitment = get("commitments", "Commitment").objects.create(
        partner=get("reference", "Partner").objects.create(
            kind="country", code="PL", country=country, name="Poland"
        ),
        priority=get("reference", "Priority").objects.create(code="p", number=1, name="P"),
        capability=get("reference", "CapabilityCategory").objects.create(code="c", name="C"),
        kind="supply",
        item="Howitzers",
        quantity=12,
        unit="systems",
        amount=Decimal("100"),
        currency="EUR",
    )
    Amendment = get("commitments", "Amendment")
    for note in ("", "  ", "Parliament approved more"):
        Amendment.objects.create(
            commitment=commitment,
            reason="increase",
            old_quantity=10,
            new_quantity=12,
            note=note,
            effective_on=datetime.date(2026, 1, 5),
        )

    Amendment = migrate(AFTER).get_model("commitments", "Amendment")

    notes = list(Amendment.objects.order_by("id").values_list("note", flat=True))
    assert notes == [PLACEHOLDER, PLACEHOLDER, "Parliament approved more"]
    with pytest.raises(IntegrityError), transaction.atomic():
        Amendment.objects.create(
            commitment_id=commitment.pk,
            reason="correction",
            new_quantity=11,
            note=" ",
            effective_on=datetime.date(2026, 1, 5),
        )
