"""Existing data survives the move to partners, sellers and payments, and history rows get
references to the objects they name (PostgreSQL, real migrations run back and forth)."""

import datetime
from decimal import Decimal

import pytest

from tests.migrating import migrate_to_latest, migrated_to

pytestmark = pytest.mark.django_db(transaction=True)

# Before partners (reference 0002), history references (history 0002) and the new
# commitments (0005 onwards).
BEFORE = [
    ("commitments", "0004_unit_repairs"),
    ("history", "0001_initial"),
    ("projects", "0002_project_search_index"),
    ("reference", "0001_initial"),
]
DAY = datetime.date(2026, 3, 1)


@pytest.fixture
def old_shape():
    with migrated_to(BEFORE) as apps:
        yield apps


def test_commitments_move_to_partners_sellers_and_payments(old_shape):
    get = old_shape.get_model
    countries = {
        code: get("reference", "PartnerCountry").objects.create(code=code, name=code)
        for code in ("PL", "DE", "UA", "US")
    }
    common = {
        "priority": get("reference", "Priority").objects.create(code="p", number=2, name="P"),
        "capability": get("reference", "CapabilityCategory").objects.create(code="c", name="C"),
        "stage": "in_delivery",
        "marking": "official",
    }
    Commitment = get("commitments", "Commitment")
    supply = Commitment.objects.create(
        country=countries["PL"],
        kind="supply",
        item="Howitzers",
        quantity=10,
        unit="systems",
        supplier_country=countries["US"],
        supplier_company="Acme Arms",
        delivered_quantity=4,
        **common,
    )
    third = Commitment.objects.create(
        country=countries["DE"],
        kind="financing",
        item="Rounds abroad",
        amount=Decimal(1000),
        currency="EUR",
        supplier_country=countries["US"],
        supplier_company="Acme Arms",
        delivered_amount=Decimal(400),
        **common,
    )
    danish = Commitment.objects.create(
        country=countries["DE"],
        kind="financing",
        item="Made at home",
        amount=Decimal(500),
        currency="EUR",
        supplier_country=countries["UA"],
        **common,
    )
    Delivery = get("commitments", "Delivery")
    Delivery.objects.create(commitment=supply, delivered_on=DAY, quantity=4)
    Delivery.objects.create(commitment=third, delivered_on=DAY, amount=Decimal(400), note="first tranche")
    Change = get("history", "Change")
    change = Change.objects.create(
        commitment=third,
        action="changed",
        fields={"delivered_amount": ["0", "400"], "country": ["Poland", "Germany"]},
    )

    apps = migrate_to_latest()

    Commitment = apps.get_model("commitments", "Commitment")
    supply, third, danish = (Commitment.objects.get(pk=c.pk) for c in (supply, third, danish))
    assert supply.partner.code == "PL" and third.partner.code == "DE"
    # A supply commitment has no seller: its supplier stays, as text.
    assert supply.item == "Howitzers (supplier: Acme Arms, US)" and supply.seller_country == ""
    # A third-country purchase: a seller company in the seller country; its payment.
    assert third.kind == "financing" and third.seller_country == "US"
    assert (third.seller_company.name, third.seller_company.kind, third.seller_company.country) == (
        "Acme Arms",
        "partner_company",
        "US",
    )
    assert third.paid_amount == Decimal(400)
    payment = apps.get_model("commitments", "Payment").objects.get(commitment=third)
    assert (payment.paid_on, payment.amount, payment.note) == (DAY, Decimal(400), "first tranche")
    # Money is no longer "delivered": the amount-only delivery became the payment.
    assert list(
        apps.get_model("commitments", "Delivery").objects.values_list("commitment_id", "quantity")
    ) == [(supply.pk, 4)]
    # Bought from Ukraine: the Danish model.
    assert danish.kind == "ukrainian_production" and danish.seller_country == "UA"
    # History names the new fields; the country became a reference.
    fields = apps.get_model("history", "Change").objects.get(pk=change.pk).fields
    assert fields["paid_amount"] == ["0", "400"]
    assert [ref["label"] for ref in fields["partner"]] == ["Poland", "Germany"]


def test_history_labels_become_references_to_their_objects(old_shape):
    get = old_shape.get_model
    pl = get("reference", "PartnerCountry").objects.create(code="PL", name="Poland")
    common = {
        "priority": get("reference", "Priority").objects.create(code="p", number=1, name="P"),
        "capability": get("reference", "CapabilityCategory").objects.create(code="c", name="C"),
    }
    secret = get("commitments", "Commitment").objects.create(
        country=pl, kind="supply", item="152 mm artillery rounds", quantity=5, unit="rounds", **common
    )
    enterprise = get("reference", "Organisation").objects.create(
        code="plant", name="Plant", kind="enterprise"
    )
    project = get("projects", "Project").objects.create(
        reference="UOP-1", title="Line", enterprise=enterprise, assistance="financing", **common
    )
    contact = get("contacts", "Contact").objects.create(
        country=pl, held_on=DAY, channel="meeting", counterpart_organisation="MoD", summary="Talk"
    )
    change = get("history", "Change").objects.create(
        contact=contact,
        action="changed",
        fields={
            "commitments": [[], ["Польща — 152 mm artillery rounds", "Nowhere — unknown thing"]],
            "projects": [[], ["UOP-1 — Line"]],
        },
    )

    apps = migrate_to_latest()

    fields = apps.get_model("history", "Change").objects.get(pk=change.pk).fields
    assert fields["commitments"][1] == [
        {"kind": "commitments.commitment", "id": secret.pk, "label": "Польща — 152 mm artillery rounds"},
        {"kind": "commitments.commitment", "id": None, "label": "Nowhere — unknown thing"},
    ]
    assert fields["projects"][1] == [{"kind": "projects.project", "id": project.pk, "label": "UOP-1 — Line"}]
