"""Forms for commitments: create, edit, deliveries, amendments, stage moves and list filters."""

from decimal import Decimal

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tracker.accounts.scope import scope_of
from tracker.commitments.models import (
    PROMISE_STAGES,
    AmendmentReason,
    Commitment,
    Marking,
    SourceReference,
    Stage,
)
from tracker.core.forms import DateInput, FilterForm, PlausibleDates, VersionedForm
from tracker.core.money import CURRENCY_CHOICES
from tracker.projects.models import Project
from tracker.reference.forms import CountryCodeField, partners_first
from tracker.reference.models import CapabilityCategory, PartnerCountry, Priority

# A new commitment starts as talk or a promise; deliveries move it further.
PROMISED = "promised"
CREATION_STAGES = [Stage.DISCUSSED, Stage.PLEDGED, Stage.COMMITTED, Stage.CONTRACTED]
DESCRIPTIVE_FIELDS = [
    "country",
    "priority",
    "project",
    "kind",
    "capability",
    "item",
    "unit",
    "currency",
    "supplier_country",
    "supplier_company",
    "announced_on",
    "expected_by",
    "marking",
]
MONEY = {"max_digits": 16, "decimal_places": 2}
# Quantities are stored as PostgreSQL bigint: larger numbers are a form error, not a crash.
MAX_QUANTITY = 9_223_372_036_854_775_807


class CommitmentFieldsForm(PlausibleDates, forms.ModelForm):
    """What create and edit share: choices limited to the user's scope, and coherent units."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        countries = scope_of(user).covered_countries()
        self.fields["country"].queryset = countries
        self.fields["country"].choices = partners_first(countries)
        self.fields["supplier_country"].queryset = PartnerCountry.objects.all()
        self.fields["project"].queryset = Project.objects.visible_to(user)
        self.fields["currency"].widget = forms.Select(choices=[("", "—"), *CURRENCY_CHOICES])
        self.fields["item"].widget.attrs["autocomplete"] = "off"

    def promised(self) -> tuple:
        """The promised quantity and amount this form ends with."""
        return self.instance.quantity, self.instance.amount

    def clean(self) -> dict:
        data = super().clean()
        quantity, amount = self.promised()
        if quantity is not None and not data.get("unit") and "unit" not in self.errors:
            self.add_error("unit", _("Choose the unit the quantity is counted in."))
        if amount is not None and not data.get("currency") and "currency" not in self.errors:
            self.add_error("currency", _("Choose the currency of the amount."))
        announced, expected = data.get("announced_on"), data.get("expected_by")
        if announced and expected and expected < announced:
            self.add_error("expected_by", _("Expected completion cannot be before the announcement."))
        return data


class CommitmentForm(CommitmentFieldsForm):
    """A new commitment: what the partner promised, and where that is written down."""

    quantity = forms.IntegerField(label=_("quantity"), required=False, min_value=1, max_value=MAX_QUANTITY)
    amount = forms.DecimalField(label=_("amount"), required=False, min_value=Decimal("0.01"), **MONEY)

    class Meta:
        model = Commitment
        fields = [*DESCRIPTIVE_FIELDS[:6], "quantity", "unit", "amount", *DESCRIPTIVE_FIELDS[7:], "stage"]
        widgets = {"announced_on": DateInput, "expected_by": DateInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = [(s.value, s.label) for s in CREATION_STAGES]

    def promised(self) -> tuple:
        return self.cleaned_data.get("quantity"), self.cleaned_data.get("amount")

    def clean(self) -> dict:
        data = super().clean()
        empty = data.get("quantity") is None and data.get("amount") is None
        if empty and not self.has_error("quantity") and not self.has_error("amount"):
            self.add_error("quantity", _("Enter the quantity promised, the amount, or both."))
        return data


class CommitmentEditForm(CommitmentFieldsForm, VersionedForm):
    """Descriptive fields only: the promise changes through an amendment, the stage by a move."""

    class Meta:
        model = Commitment
        fields = DESCRIPTIVE_FIELDS
        widgets = {"announced_on": DateInput, "expected_by": DateInput}


class SourceForm(forms.ModelForm):
    """One source reference: a link, a document reference, or both."""

    class Meta:
        model = SourceReference
        fields = ["url", "document"]
        widgets = {"url": forms.URLInput(attrs={"placeholder": "https://"})}


SourceFormSet = forms.formset_factory(SourceForm, extra=2, max_num=10, absolute_max=20)


class DeliveryForm(PlausibleDates, forms.Form):
    """A dated delivery of part of the promise."""

    delivered_on = forms.DateField(label=_("Date delivered"), widget=DateInput)
    quantity = forms.IntegerField(
        label=_("Quantity delivered"), required=False, min_value=1, max_value=MAX_QUANTITY
    )
    amount = forms.DecimalField(
        label=_("Amount delivered"), required=False, min_value=Decimal("0.01"), **MONEY
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=500)

    def __init__(self, *args, commitment: Commitment, **kwargs):
        kwargs.setdefault("initial", {"delivered_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        if commitment.quantity is None:
            del self.fields["quantity"]
        else:
            self.fields["quantity"].label = _("Quantity delivered (%(unit)s)") % {
                "unit": commitment.get_unit_display()
            }
        if commitment.amount is None:
            del self.fields["amount"]
        else:
            self.fields["amount"].label = _("Amount delivered (%(currency)s)") % {
                "currency": commitment.currency
            }

    def clean_delivered_on(self):
        day = self.cleaned_data["delivered_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("A delivery cannot be recorded before it happens."))
        return day

    def clean(self) -> dict:
        data = super().clean()
        if not data.get("quantity") and not data.get("amount") and not self.errors:
            self.add_error(None, _("Enter the quantity or the amount delivered."))
        return data


class AmendmentForm(forms.Form):
    """A change of the promise, with its reason."""

    reason = forms.ChoiceField(label=_("Reason"), choices=AmendmentReason.choices)
    new_quantity = forms.IntegerField(
        label=_("New quantity"), required=False, min_value=0, max_value=MAX_QUANTITY
    )
    new_amount = forms.DecimalField(label=_("New amount"), required=False, min_value=0, **MONEY)
    note = forms.CharField(label=_("Note"), required=False, max_length=500)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, commitment: Commitment, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "new_quantity": commitment.quantity,
                "new_amount": commitment.amount,
                "version": commitment.version,
            },
        )
        super().__init__(*args, **kwargs)
        if commitment.unit:
            self.fields["new_quantity"].label = _("New quantity (%(unit)s)") % {
                "unit": commitment.get_unit_display()
            }
        if commitment.currency:
            self.fields["new_amount"].label = _("New amount (%(currency)s)") % {
                "currency": commitment.currency
            }
        self.fields["new_quantity"].help_text = _("A withdrawal keeps only what was delivered.")


class StageForm(forms.Form):
    """A move to another stage through the allowed moves, with a comment."""

    stage = forms.ChoiceField(label=_("New stage"))
    comment = forms.CharField(label=_("Comment"), required=False, max_length=1000)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, commitment: Commitment, **kwargs):
        kwargs.setdefault("initial", {"version": commitment.version})
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = [
            (value, label) for value, label in commitment.allowed_stages() if value != commitment.stage
        ]


class CommitmentFilterForm(FilterForm):
    """The commitments list's search and filters."""

    lookups = {name: name for name in ("priority", "country", "project", "capability", "marking")}
    search_fields = ("item", "supplier_company", "country__name", "project__title", "project__reference")

    priority = forms.ModelChoiceField(Priority.objects.all(), label=_("Priority"), required=False)
    stage = forms.ChoiceField(
        label=_("Stage"),
        required=False,
        # "promised": every stage the dashboard counts as pledged, so its figure links here.
        choices=[("", _("All")), (PROMISED, _("Every promise (pledged onwards)")), *Stage.choices],
    )
    country = CountryCodeField(label=_("Partner country"), required=False)
    project = forms.ModelChoiceField(Project.objects.none(), label=_("Project"), required=False)
    capability = forms.ModelChoiceField(
        CapabilityCategory.objects.all(), label=_("Capability"), required=False
    )
    marking = forms.ChoiceField(
        label=_("Marking"), required=False, choices=[("", _("All")), *Marking.choices]
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = Project.objects.visible_to(user)
        self.fields["country"].queryset = PartnerCountry.objects.listed(
            Commitment.objects.visible_to(user).values("country_id")
        )

    def filter(self, queryset: QuerySet) -> QuerySet:
        queryset = super().filter(queryset)
        stage = self.cleaned_data.get("stage")
        if stage == PROMISED:
            return queryset.filter(stage__in=PROMISE_STAGES)
        return queryset.filter(stage=stage) if stage else queryset
