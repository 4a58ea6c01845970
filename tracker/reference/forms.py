"""Form fields for reference data."""

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from tracker.core.forms import CHOOSE
from tracker.reference.models import NOT_SELLERS, Partner, PartnerCountry, partner_code


class CountryCodeField(forms.ModelChoiceField):
    """A partner country named by its ISO code, in either case."""

    def __init__(self, queryset: QuerySet | None = None, **kwargs):
        super().__init__(
            queryset if queryset is not None else PartnerCountry.objects.all(), to_field_name="code", **kwargs
        )

    def to_python(self, value):
        return super().to_python(value.upper() if isinstance(value, str) else value)


def partners_first(queryset: QuerySet) -> list:
    """Select choices for a country field: active partners, then every other country, each
    group sorted by the name in the reader's language. Both are offered so that a first
    commitment from a new partner can be recorded before the partner is marked active."""
    groups: dict[bool, list[tuple[int, str]]] = {True: [], False: []}
    for country in queryset:
        groups[country.is_active_partner].append((country.pk, country.display_name))
    active, others = (sorted(groups[key], key=lambda choice: choice[1]) for key in (True, False))
    if not (active and others):
        return [("", CHOOSE), *active, *others]
    return [("", CHOOSE), (_("Partners"), active), (_("Other countries"), others)]


class PartnerCodeField(forms.ModelChoiceField):
    """A partner named by its code: a country's ISO code in either case, an organisation's
    short name (eu-epf)."""

    def __init__(self, queryset: QuerySet | None = None, **kwargs):
        super().__init__(
            queryset if queryset is not None else Partner.objects.all(), to_field_name="code", **kwargs
        )

    def to_python(self, value):
        return super().to_python(partner_code(value) if isinstance(value, str) else value)


def partner_choices(queryset: QuerySet) -> list:
    """Select choices for a partner field: active partners (countries and organisations),
    then every other country, each group by the name in the reader's language. Both are
    offered so that a first commitment of a new partner can be recorded before it is
    marked active."""
    active_ids = set(queryset.active().values_list("pk", flat=True))
    groups: dict[bool, list[tuple[int, str]]] = {True: [], False: []}
    for partner in queryset:
        groups[partner.pk in active_ids].append((partner.pk, partner.display_name))
    active, others = (sorted(groups[key], key=lambda choice: choice[1]) for key in (True, False))
    if not (active and others):
        return [("", CHOOSE), *active, *others]
    return [("", CHOOSE), (_("Partners"), active), (_("Other countries"), others)]


def seller_country_choices() -> list[tuple[str, str]]:
    """Countries arms may be bought in, by name in the reader's language (no query)."""
    return [("", CHOOSE), *((code, name) for code, name in countries if code not in NOT_SELLERS)]
