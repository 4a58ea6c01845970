"""Form pieces shared by every edit form."""

import datetime
from collections.abc import Callable

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext_lazy as _

from tracker.core.conflicts import StaleEdit
from tracker.core.fulltext import contains_text
from tracker.core.sorting import SortColumn, Sorting

# The empty choice of every filter menu ("no filter on this").
ANY = _("Any")
# The empty choice of every menu in an edit form (Django's own "---------" is shown as this
# too: templates/django/forms/widgets/select_option.html).
CHOOSE = _("Choose…")

LOST_VERSION = _("The form lost track of the version you opened; reload the page and try again.")


def version_field() -> forms.IntegerField:
    """The hidden version an edit was made from; its errors say what to do, not "required"."""
    return forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=1,
        error_messages=dict.fromkeys(("required", "invalid", "min_value", "max_value"), LOST_VERSION),
        max_value=2**31 - 1,
    )


# Ids are 64-bit integers. A larger number must be refused before it reaches a query:
# SQLite cannot even bind it (OverflowError, a 500), PostgreSQL would just find nothing.
LARGEST_ID = 2**63 - 1


def is_id(value) -> bool:
    """Whether a submitted value can be the id of a row: digits, within 64 bits."""
    text = str(value).strip()
    return text.isascii() and text.isdigit() and 0 < int(text) <= LARGEST_ID


class IdsChoiceField(forms.ModelMultipleChoiceField):
    """Several rows chosen by id; a value that cannot be an id is refused as "not one of the
    available choices", like any unknown id, on every database."""

    def _check_values(self, value):
        if not self.to_field_name:
            for pk in value:
                if not is_id(pk):
                    raise ValidationError(
                        self.error_messages["invalid_choice"], code="invalid_choice", params={"value": pk}
                    )
        return super()._check_values(value)


def ids_formfield(db_field, **kwargs):
    """Model form fields, with many-to-many choices taken by IdsChoiceField (a model
    form's `formfield_callback`, an admin's `formfield_for_manytomany`)."""
    if db_field.many_to_many:
        kwargs.setdefault("form_class", IdsChoiceField)
    return db_field.formfield(**kwargs)


class VersionedForm(forms.ModelForm):
    """An edit form that carries the version of the row it was made from (no lost updates)."""

    version = version_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's refusal on the form: next to its field when the form has it."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def carry_version(form: forms.BaseForm, version: int) -> None:
    """After a refused stale save keep the user's input, now carrying the version saved,
    so that saving again applies it knowingly."""
    data = form.data.copy()
    data[form.add_prefix("version")] = str(version)
    form.data = data
    form.full_clean()


# Dates the tracker can hold: from Ukraine's independence to the end of the century. A year
# 1 or 9999 is a typing slip; refused with a message rather than saved (or sorted first).
EARLIEST_DATE = datetime.date(1991, 8, 24)
LATEST_DATE = datetime.date(2099, 12, 31)


def validate_plausible_date(day: datetime.date) -> None:
    """Refuse a date outside EARLIEST_DATE..LATEST_DATE."""
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        raise ValidationError(
            _("Enter a date between %(earliest)s and %(latest)s."),
            code="implausible_date",
            params={"earliest": EARLIEST_DATE.year, "latest": LATEST_DATE.year},
        )


class PlausibleDates:
    """Form mixin: every date field of the form refuses dates outside the tracker's range."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.DateField):
                field.validators.append(validate_plausible_date)


class DateInput(forms.DateInput):
    """A native date picker; its value must be ISO, whatever the active language."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def apply_edit(form: forms.BaseForm, save: Callable[[dict], object]) -> tuple[bool, StaleEdit | None]:
    """Validate the form and call `save(cleaned_data)` (a service); return (saved, conflict).

    A stale save keeps the user's input, now carrying the saved version; a refusal from the
    service lands on the form, next to its field where it names one.
    """
    if not form.is_valid():
        return False, None
    try:
        save(form.cleaned_data)
    except StaleEdit as stale:
        carry_version(form, stale.current.version)
        return False, stale
    except ValidationError as error:
        add_service_errors(form, error)
        return False, None
    return True, None


class FilterForm(forms.Form):
    """A list's filters read from the query string: a bad value is shown by its field and ignored.

    `lookups` maps a field to the queryset lookup it filters on; `search_fields` are searched
    (ignoring case and accents) for the text in the `q` field.
    """

    lookups: dict[str, str] = {}
    search_fields: tuple[str, ...] = ()
    # The sortable columns (tracker/core/sorting.py) and the order without ?sort=.
    sorts: dict[str, SortColumn] = {}
    default_sort = ""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    # Kept by the filter form, so changing a filter keeps the order; a bad value is ignored.
    sort = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.input_type = "search"
        for field in self.fields.values():
            # The same empty choice on every list's filters.
            if isinstance(field, forms.ModelChoiceField):
                field.empty_label = ANY
            elif isinstance(field, forms.ChoiceField) and field.choices and field.choices[0][0] == "":
                field.choices = [("", ANY), *field.choices[1:]]

    @property
    def sorting(self) -> Sorting:
        """The list's order as ?sort= chose it (the default for a missing or bad value)."""
        return Sorting(self.sorts, self.default_sort, self.data.get("sort"))

    def filter(self, queryset: QuerySet) -> QuerySet:
        """Apply every filter whose value is valid."""
        self.is_valid()
        data = self.cleaned_data
        for name, lookup in self.lookups.items():
            if data.get(name):
                queryset = queryset.filter(**{lookup: data[name]})
        if text := data.get("q", "").strip():
            query = Q()
            for name in self.search_fields:
                query |= contains_text(name, text)
            queryset = queryset.filter(query)
        return queryset


class FormRenderer(TemplatesSetting):
    """Every field of every form through one template (core/_field.html): its label in
    sentence case, marked when required, help, the error beside it, the input with its unit."""

    field_template_name = "core/_field.html"


def with_unit(field: forms.Field, unit: str) -> forms.Field:
    """Show `unit` (a currency, "rounds") beside the field's input, and say it to screen readers."""
    field.unit = unit
    return field


class BulkForm(forms.Form):
    """What a bulk change does to every selected row: `change` names the one field it sets
    (each subclass has a field per choice of `change`), with a shared comment."""

    comment = forms.CharField(label=_("Comment for every change"), max_length=1000)

    def clean(self) -> dict:
        data = super().clean()
        chosen = data.get("change")
        if chosen and data.get(chosen) in (None, ""):
            self.add_error(chosen, _("Choose the new value."))
        return data

    def change(self) -> dict:
        """The service's keyword arguments: the comment and the one value that changes."""
        chosen = self.cleaned_data["change"]
        return {"comment": self.cleaned_data["comment"], chosen: self.cleaned_data[chosen]}
