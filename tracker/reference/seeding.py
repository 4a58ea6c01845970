"""Loading the reference data of the seeds/ folder (the demo data: tracker/demo/seeding.py). Idempotent."""

import json
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django_countries import countries

from tracker.reference.models import (
    NOT_PARTNERS,
    CapabilityCategory,
    Organisation,
    Partner,
    PartnerCountry,
    Priority,
    country_names,
)

SEEDS_DIR = Path(settings.BASE_DIR) / "seeds"


def read_seed(name: str) -> dict:
    """Parse one JSON file of the seeds folder."""
    return json.loads((SEEDS_DIR / name).read_text(encoding="utf-8"))


@transaction.atomic
def load_reference() -> dict[str, int]:
    """Create or update priorities, capabilities, core organisations and every country.

    Returns how many rows were created or changed per kind, so a second run reports zeros.
    """
    data = read_seed("reference.json")
    counts = {
        "priorities": sum(_upsert(Priority, "code", row) for row in data["priorities"]),
        "capabilities": sum(_upsert(CapabilityCategory, "code", row) for row in data["capabilities"]),
        "organisations": sum(upsert_organisation(row) for row in data["organisations"]),
    }
    counts["countries"] = load_countries()
    counts["partners"] = load_country_partners() + sum(upsert_partner(row) for row in data["partners"])
    return counts


def load_countries() -> int:
    """One PartnerCountry per country of the library, new ones inactive; names kept in sync."""
    existing = {str(c.code): c for c in PartnerCountry.objects.all()}
    created = [PartnerCountry(code=code) for code, _name in countries if code not in existing]
    for country in created:
        country.name = _english_name(country.code)
    PartnerCountry.objects.bulk_create(created)
    renamed = [c for c in existing.values() if c.name != _english_name(c.code)]
    for country in renamed:
        country.name = _english_name(country.code)
    PartnerCountry.objects.bulk_update(renamed, ["name"])
    return len(created) + len(renamed)


def _english_name(code) -> str:
    with translation.override("en"):
        return str(countries.name(str(code)))


def load_country_partners() -> int:
    """One Partner of kind country per country that may be a partner; names in English and
    Ukrainian from the country library, kept in sync."""
    existing = {p.country_id: p for p in Partner.objects.filter(kind=Partner.Kind.COUNTRY)}
    written = []
    for country in PartnerCountry.objects.exclude(code__in=NOT_PARTNERS):
        names = country_names(country.code)
        partner = existing.get(country.pk)
        if partner is None:
            written.append(
                Partner(kind=Partner.Kind.COUNTRY, country=country, code=str(country.code), **names)
            )
        elif (partner.name, partner.name_uk) != (names["name"], names["name_uk"]):
            partner.name, partner.name_uk = names["name"], names["name_uk"]
            partner.save(update_fields=["name", "name_uk"])
            written.append(partner)
    Partner.objects.bulk_create([p for p in written if p.pk is None])
    return len(written)


def upsert_partner(row: dict) -> bool:
    """Create or update an organisation that is a partner (lead and members given by ISO code)."""
    row = dict(row)
    lead = row.pop("lead_country", None)
    members = row.pop("members", [])
    row["lead_country"] = PartnerCountry.objects.get(code=lead) if lead else None
    changed = _upsert(Partner, "code", row)
    partner = Partner.objects.get(code=row["code"])
    wanted = set(PartnerCountry.objects.filter(code__in=members).values_list("pk", flat=True))
    if set(partner.members.values_list("pk", flat=True)) != wanted:
        partner.members.set(wanted)
        changed = True
    return changed


def upsert_organisation(row: dict) -> bool:
    """Create or update an organisation from a seed row (parent given by code)."""
    row = dict(row)
    parent = row.pop("parent", None)
    row["parent"] = Organisation.objects.get(code=parent) if parent else None
    row.setdefault("country", "")
    return _upsert(Organisation, "code", row)


def _upsert(model, key: str, row: dict) -> bool:
    """Create the row or update fields that differ; True when something was written."""
    obj = model.objects.filter(**{key: row[key]}).first()
    if obj is None:
        model.objects.create(**row)
        return True
    changed = [name for name, value in row.items() if getattr(obj, name) != value]
    for name in changed:
        setattr(obj, name, row[name])
    if changed:
        obj.save(update_fields=changed)
    return bool(changed)
