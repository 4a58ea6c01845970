"""Today's rows in the new shape.

- The partner country of a commitment becomes its partner (the country's Partner row).
- The supplier country becomes the seller country (an ISO code); the free-text supplier
  company becomes an organisation of kind partner company in that country (one per name).
- A financing commitment whose supplier was Ukraine becomes the Danish model.
- Sellers of commitments that are not financing, and sellers the tracker now refuses
  (Russia, Belarus, Iran, North Korea), are kept as text in the item.
- Money "delivered" was money paid: each delivery's amount becomes a payment on the same
  date; a delivery that carried only an amount is replaced by its payment.
- History rows name the new fields.
"""

from django.db import migrations
from django.utils.text import slugify

FINANCING = "financing"
DANISH_MODEL = "ukrainian_production"
FINANCING_KINDS = {FINANCING, DANISH_MODEL}
NOT_SELLERS = {"RU", "BY", "IR", "KP"}
RENAMED = {
    "country": "partner",
    "supplier_country": "seller_country",
    "supplier_company": "seller_company",
    "delivered_amount": "paid_amount",
}


def _company(Organisation, name: str, country: str):
    existing = Organisation.objects.filter(name=name, kind="partner_company").first()
    if existing:
        return existing
    base = slugify(name)[:50] or "company"
    code, n = base, 1
    while Organisation.objects.filter(code=code).exists():
        n += 1
        code = f"{base}-{n}"
    return Organisation.objects.create(code=code, name=name, kind="partner_company", country=country)


def forwards(apps, schema_editor):
    Commitment = apps.get_model("commitments", "Commitment")
    Delivery = apps.get_model("commitments", "Delivery")
    Payment = apps.get_model("commitments", "Payment")
    Partner = apps.get_model("reference", "Partner")
    Organisation = apps.get_model("reference", "Organisation")
    Change = apps.get_model("history", "Change")

    partners = dict(Partner.objects.filter(kind="country").values_list("country_id", "pk"))
    for commitment in Commitment.objects.select_related("country", "supplier_country").iterator():
        if commitment.country_id not in partners:
            raise RuntimeError(
                f"Commitment {commitment.pk} is of {commitment.country.code}, which cannot be a partner: "
                "correct it before migrating."
            )
        commitment.partner_id = partners[commitment.country_id]
        seller = str(commitment.supplier_country.code) if commitment.supplier_country_id else ""
        company = commitment.supplier_company.strip()
        if commitment.kind == FINANCING and seller == "UA":
            commitment.kind = DANISH_MODEL
        if (seller or company) and (commitment.kind not in FINANCING_KINDS or seller in NOT_SELLERS):
            words = ", ".join(part for part in (company, seller) if part)
            commitment.item = f"{commitment.item} (supplier: {words})"[:300]
            seller, company = "", ""
        if commitment.kind == DANISH_MODEL and company:
            commitment.item = f"{commitment.item} (supplier: {company})"[:300]
            company = ""
        commitment.seller_country = seller
        commitment.seller_company = _company(Organisation, company, seller) if company else None
        commitment.paid_amount = commitment.delivered_amount
        commitment.save()

    for delivery in Delivery.objects.filter(amount__isnull=False).order_by("pk"):
        payment = Payment.objects.create(
            commitment_id=delivery.commitment_id,
            paid_on=delivery.delivered_on,
            amount=delivery.amount,
            note=delivery.note,
            recorded_by_id=delivery.recorded_by_id,
        )
        Payment.objects.filter(pk=payment.pk).update(recorded_at=delivery.recorded_at)
        if delivery.quantity:
            delivery.amount = None
            delivery.save()
        else:
            delivery.delete()

    for change in Change.objects.filter(commitment__isnull=False).exclude(fields={}).iterator():
        fields = {RENAMED.get(name, name): pair for name, pair in change.fields.items()}
        if fields != change.fields:
            Change.objects.filter(pk=change.pk).update(fields=fields)


class Migration(migrations.Migration):
    dependencies = [
        ("commitments", "0005_partners_financing_packages_payments"),
        ("history", "0002_linked_object_references"),
        ("reference", "0002_partner"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
