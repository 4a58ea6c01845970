"""Form fields for reference data."""

from django import forms
from django.db.models import QuerySet

from tracker.reference.models import PartnerCountry


class CountryCodeField(forms.ModelChoiceField):
    """A partner country named by its ISO code, in either case."""

    def __init__(self, queryset: QuerySet | None = None, **kwargs):
        super().__init__(
            queryset if queryset is not None else PartnerCountry.objects.all(), to_field_name="code", **kwargs
        )

    def to_python(self, value):
        return super().to_python(value.upper() if isinstance(value, str) else value)
