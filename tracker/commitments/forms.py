"""Forms for commitments: create, edit, deliveries, amendments, stage moves and list filters."""

import datetime
from decimal import Decimal

from django import forms
from django.db.models import QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from tracker.accounts.scope import scope_of
from tracker.commitments.amendments import NOTE_MISSING, check_amendment, withdrawn_promise
from tracker.commitments.models import (
    COUNTED_STAGES,
    LEVEL_STAGES,
    AmendmentReason,
    Commitment,
    Funding,
    Level,
    Marking,
    Package,
    SourceReference,
    Stage,
)
from tracker.core.forms import ANY, CHOOSE, DateInput, FilterForm, PlausibleDates, VersionedForm, with_unit
from tracker.core.money import CURRENCY_CHOICES, Unit
from tracker.core.sorting import SortColumn
from tracker.projects.models import Project
from tracker.reference.forms import PartnerCodeField, partner_choices, seller_country_choices
from tracker.reference.models import CapabilityCategory, Organisation, Partner, Priority

# A new commitment starts as talk or a promise; deliveries move it further.
CREATION_STAGES = [Stage.DISCUSSED, Stage.PLEDGED, Stage.COMMITTED, Stage.CONTRACTED]
DESCRIPTIVE_FIELDS = [
    "partner",
    "priority",
    "project",
    "kind",
    "capability",
    "item",
    "unit",
    "currency",
    "package",
    "announced_on",
    "expected_by",
    "marking",
]
# Priority 2: how the money flows and who sells; shown in their own group.
FINANCING_FIELDS = [
    "instrument",
    "channel",
    "funding",
    "seller_company",
    "seller_country",
    "seller_undisclosed",
    "reported_amount",
    "reported_currency",
]
MONEY = {"max_digits": 16, "decimal_places": 2}
# Quantities are stored as PostgreSQL bigint: larger numbers are a form error, not a crash.
MAX_QUANTITY = 9_223_372_036_854_775_807


class CommitmentFieldsForm(PlausibleDates, forms.ModelForm):
    """What create and edit share: choices limited to the user's scope, and coherent units."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        partners = scope_of(user).reach(country="country_id").filter(Partner.objects.all())
        self.fields["partner"].queryset = partners
        self.fields["partner"].choices = partner_choices(partners)
        self.fields["channel"].queryset = Partner.objects.exclude(kind=Partner.Kind.COUNTRY)
        self.fields["seller_company"].queryset = Organisation.objects.filter(
            kind__in=[Organisation.Kind.PARTNER_COMPANY, Organisation.Kind.ENTERPRISE]
        ).order_by("kind", "name")
        self.fields["seller_country"].choices = seller_country_choices()
        self.fields["package"].queryset = Package.objects.visible_to(user).select_related("partner")
        self.fields["project"].queryset = Project.objects.visible_to(user)
        # Most commitments are a partner's own: a form without the field means that.
        self.fields["funding"].required = False
        for name in ("currency", "reported_currency"):
            self.fields[name].widget = forms.Select(choices=[("", CHOOSE), *CURRENCY_CHOICES])
        self.fields["item"].widget.attrs["autocomplete"] = "off"

    def clean_funding(self) -> str:
        return self.cleaned_data.get("funding") or Funding.OWN

    def main_fields(self) -> list:
        """The fields every commitment has, in order."""
        return [field for field in self.visible_fields() if field.name not in FINANCING_FIELDS]

    def financing_fields(self) -> list:
        """The fields of financing (priority 2), shown in their own group."""
        return [field for field in self.visible_fields() if field.name in FINANCING_FIELDS]

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

    quantity = forms.IntegerField(label=_("Quantity"), required=False, min_value=1, max_value=MAX_QUANTITY)
    amount = forms.DecimalField(label=_("Amount"), required=False, min_value=Decimal("0.01"), **MONEY)

    class Meta:
        model = Commitment
        fields = [
            *DESCRIPTIVE_FIELDS[:6],
            "quantity",
            "unit",
            "amount",
            *DESCRIPTIVE_FIELDS[7:],
            "stage",
            *FINANCING_FIELDS,
        ]
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
        fields = [*DESCRIPTIVE_FIELDS, *FINANCING_FIELDS]
        widgets = {"announced_on": DateInput, "expected_by": DateInput}


PACKAGE_FIELDS = ["partner", "title", "announced_on", "source_url", "source_document", "marking"]


class PackageForm(PlausibleDates, forms.ModelForm):
    """An announced package: who announced it, when, and where it is documented."""

    class Meta:
        model = Package
        fields = PACKAGE_FIELDS
        widgets = {"announced_on": DateInput}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        partners = scope_of(user).reach(country="country_id").filter(Partner.objects.all())
        self.fields["partner"].queryset = partners
        self.fields["partner"].choices = partner_choices(partners)


class PackageEditForm(PackageForm, VersionedForm):
    """Correct a package: the edit carries the version it was made from."""

    class Meta(PackageForm.Meta):
        pass


class SourceForm(forms.ModelForm):
    """One source reference: a link, a document reference, or both."""

    class Meta:
        model = SourceReference
        fields = ["url", "document"]
        widgets = {"url": forms.URLInput(attrs={"placeholder": "https://"})}


SourceFormSet = forms.formset_factory(SourceForm, extra=2, max_num=10, absolute_max=20)


def not_in_the_future(day):
    """Refuse a date after today: arrivals and payments are recorded once they happened."""
    if day > timezone.localdate():
        raise forms.ValidationError(_("This cannot be recorded before it happens."))
    return day


class DeliveryForm(PlausibleDates, forms.Form):
    """Goods of the promise that arrived on a date."""

    delivered_on = forms.DateField(label=_("Date arrived"), widget=DateInput)
    quantity = forms.IntegerField(label=_("Quantity arrived"), min_value=1, max_value=MAX_QUANTITY)
    note = forms.CharField(label=_("Note"), required=False, max_length=500)

    def __init__(self, *args, commitment: Commitment, **kwargs):
        kwargs.setdefault("initial", {"delivered_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.fields["quantity"].label = _("Quantity arrived (%(unit)s)") % {
            "unit": commitment.get_unit_display()
        }
        with_unit(self.fields["quantity"], commitment.get_unit_display())

    def clean_delivered_on(self):
        return not_in_the_future(self.cleaned_data["delivered_on"])


def ledger_forms(commitment: Commitment, user, **bound) -> list[tuple[str, forms.Form]]:
    """The arrival and payment forms a list of commitments shows under one commitment
    (the project page): [(kind, form)], none when the user may not change it or it takes
    neither now. `bound`: {"delivery": form} or {"payment": form} as posted, with errors.
    Their ids name the commitment, as several sit on one page; their names are the
    commitment page's, so they post to the same views."""
    if not commitment.accepts_deliveries or not commitment.can_edit(user):
        return []
    auto_id = f"id_c{commitment.pk}_%s"
    kinds = []
    if commitment.quantity is not None:
        kinds.append(("delivery", DeliveryForm))
    if commitment.amount is not None:
        kinds.append(("payment", PaymentForm))
    return [
        (kind, bound.get(kind) or form_class(commitment=commitment, prefix=kind, auto_id=auto_id))
        for kind, form_class in kinds
    ]


class PaymentForm(PlausibleDates, forms.Form):
    """Money of the promise paid on a date, or paid with its amount not disclosed."""

    paid_on = forms.DateField(label=_("Date paid"), widget=DateInput)
    amount = forms.DecimalField(label=_("Amount paid"), required=False, min_value=Decimal("0.01"), **MONEY)
    amount_undisclosed = forms.BooleanField(
        label=_("Paid, amount not disclosed"),
        required=False,
        help_text=_("The partner said it paid but published no amount; it is shown so, never as 0."),
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=500)

    def __init__(self, *args, commitment: Commitment, **kwargs):
        kwargs.setdefault("initial", {"paid_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.fields["amount"].label = _("Amount paid (%(currency)s)") % {"currency": commitment.currency}
        with_unit(self.fields["amount"], commitment.currency)

    def clean_paid_on(self):
        return not_in_the_future(self.cleaned_data["paid_on"])

    def clean(self) -> dict:
        data = super().clean()
        if not self.errors and bool(data.get("amount")) == bool(data.get("amount_undisclosed")):
            self.add_error(
                "amount", _("Enter the amount paid, or tick that it was not disclosed (not both).")
            )
        return data


class AmendmentForm(forms.Form):
    """A change of the promise, with its reason and a note saying why."""

    reason = forms.ChoiceField(label=_("Reason"), choices=AmendmentReason.choices)
    new_quantity = forms.IntegerField(
        label=_("New quantity"), required=False, min_value=0, max_value=MAX_QUANTITY
    )
    new_amount = forms.DecimalField(label=_("New amount"), required=False, min_value=0, **MONEY)
    note = forms.CharField(
        label=_("Note"),
        max_length=500,
        error_messages={"required": NOTE_MISSING},
        help_text=_("The partner's decision and its source, or what was wrong."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, commitment: Commitment, **kwargs):
        self.commitment = commitment
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
            with_unit(self.fields["new_quantity"], commitment.get_unit_display())
        if commitment.currency:
            self.fields["new_amount"].label = _("New amount (%(currency)s)") % {
                "currency": commitment.currency
            }
            with_unit(self.fields["new_amount"], commitment.currency)
        self.fields["new_quantity"].help_text = _("A withdrawal keeps only what arrived or was paid.")

    def clean(self) -> dict:
        """The reason's direction, checked against the promise the form was opened on; when
        someone saved since, the service reports the conflict instead (and checks again)."""
        data = super().clean()
        if self.errors.keys() - {"note"} or data["version"] != self.commitment.version:
            return data
        quantity, amount = data["new_quantity"], data["new_amount"]
        if data["reason"] == AmendmentReason.WITHDRAWAL:
            quantity, amount = withdrawn_promise(self.commitment)
        note = data.get("note", "")
        try:
            check_amendment(
                self.commitment, reason=data["reason"], quantity=quantity, amount=amount, note=note
            )
        except forms.ValidationError as error:
            for name, messages in error.message_dict.items():
                if not self.has_error(name):  # a missing note is already said once
                    self.add_error(name, messages)
        return data


class StageForm(forms.Form):
    """A move to another stage through the allowed moves, with a comment."""

    stage = forms.ChoiceField(label=_("New stage"))
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=1000,
        help_text=_("Required for a withdrawal: why the partner withdraws."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, commitment: Commitment, **kwargs):
        kwargs.setdefault("initial", {"version": commitment.version})
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = [
            (value, label) for value, label in commitment.allowed_stages() if value != commitment.stage
        ]


LIST_FILTERS = ("priority", "partner", "channel", "project", "capability", "marking", "package")


# The levels a figure counts (tracker/figures/totals.py), and "counted": every row whose
# arrivals and payments count, withdrawn ones included.
FIGURE_LEVELS = {
    Level.ANNOUNCED: _("Announced (non-binding)"),
    Level.COMMITTED: _("Committed (firm)"),
    Level.SUSPENDED: _("Suspended"),
    "counted": _("Paid or arrived"),
}


class CommitmentFilterForm(FilterForm):
    """The commitments list's search and filters."""

    lookups = {
        name: name
        for name in (
            "priority",
            "partner",
            "channel",
            "project",
            "capability",
            "marking",
            "package",
            "currency",
            "unit",
            "funding",
        )
    }
    sorts = {
        "item": SortColumn(("item",), _("Commitment")),
        "partner": SortColumn(("partner__name",), _("Partner")),
        "stage": SortColumn(("stage",), _("Stage")),
        "announced": SortColumn(("announced_on",), _("Announced")),
    }
    default_sort = "-announced"
    search_fields = (
        "item",
        "seller_company__name",
        "partner__name",
        "partner__name_uk",
        "project__title",
        "project__reference",
    )

    priority = forms.ModelChoiceField(Priority.objects.all(), label=_("Priority"), required=False)
    stage = forms.ChoiceField(label=_("Stage"), required=False, choices=[("", ANY), *Stage.choices])
    # The filters a figure's link sets (tracker/figures): the rows it counts, and no others.
    level = forms.ChoiceField(
        label=_("Level"), required=False, widget=forms.HiddenInput, choices=[("", ""), *FIGURE_LEVELS.items()]
    )
    currency = forms.CharField(label=_("Currency"), required=False, max_length=3, widget=forms.HiddenInput)
    unit = forms.ChoiceField(
        label=_("Unit"), required=False, widget=forms.HiddenInput, choices=[("", ""), *Unit.choices]
    )
    funding = forms.ChoiceField(
        label=_("Funding"), required=False, widget=forms.HiddenInput, choices=[("", ""), *Funding.choices]
    )
    as_of = forms.DateField(label=_("As of"), required=False, widget=forms.HiddenInput)
    # An embassy's dashboard counts its own countries' commitments; its links set "mine".
    mine = forms.BooleanField(label=_("Your countries"), required=False, widget=forms.HiddenInput)
    partner = PartnerCodeField(label=_("Partner"), required=False)
    channel = PartnerCodeField(
        Partner.objects.exclude(kind=Partner.Kind.COUNTRY), label=_("Through"), required=False
    )
    project = forms.ModelChoiceField(Project.objects.none(), label=_("Project"), required=False)
    package = forms.ModelChoiceField(Package.objects.none(), label=_("Package"), required=False)
    capability = forms.ModelChoiceField(
        CapabilityCategory.objects.all(), label=_("Capability"), required=False
    )
    marking = forms.ChoiceField(label=_("Marking"), required=False, choices=[("", ANY), *Marking.choices])

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["project"].queryset = Project.objects.visible_to(user)
        self.fields["partner"].queryset = (
            Partner.objects.filter(pk__in=Commitment.objects.visible_to(user).values("partner_id"))
            | Partner.objects.active()
        )
        self.fields["package"].queryset = Package.objects.visible_to(user).select_related("partner")

    def filter(self, queryset: QuerySet) -> QuerySet:
        queryset = super().filter(queryset)
        data = self.cleaned_data
        as_of = self.as_of_date
        if as_of:
            # The rows as they were on that day: stage, promise, arrivals and payments then.
            queryset = queryset.with_state(as_of)
            then = "f_"
        else:
            then = ""
        if level := data.get("level"):
            stages = COUNTED_STAGES if level == "counted" else LEVEL_STAGES[level]
            queryset = queryset.filter(**{f"{then}stage__in": stages})
            # A money figure counts rows with an amount, a goods figure rows with a quantity.
            if data.get("currency"):
                queryset = queryset.filter(**{f"{then}amount__isnull": False})
            if data.get("unit"):
                queryset = queryset.filter(**{f"{then}quantity__isnull": False})
        if stage := data.get("stage"):
            queryset = queryset.filter(**{f"{then}stage": stage})
        if data.get("mine") and self.user.scope.country_bound:
            queryset = queryset.filter(partner__country__in=self.user.scope.country_ids())
        return queryset

    @property
    def as_of_date(self) -> datetime.date | None:
        """The past day the list is read as of, or None for today."""
        self.is_valid()  # a bad value elsewhere leaves the valid ones in cleaned_data
        day = self.cleaned_data.get("as_of")
        return day if day and day < timezone.localdate() else None

    def figure_filters(self) -> list[str]:
        """What the figure filters in force narrow the list to, in words (they are hidden)."""
        self.is_valid()
        data, words = self.cleaned_data, []
        if data.get("level"):
            words.append(str(FIGURE_LEVELS[data["level"]]))
        if data.get("currency"):
            words.append(data["currency"])
        if data.get("unit"):
            words.append(str(dict(Unit.choices)[data["unit"]]))
        if data.get("funding"):
            words.append(str(dict(Funding.choices)[data["funding"]]))
        if data.get("mine") and self.user.scope.country_bound:
            words.append(str(_("your countries' partners")))
        if self.as_of_date:
            words.append(_("as of %(day)s") % {"day": formats.date_format(self.as_of_date, "DATE_FORMAT")})
        return words
