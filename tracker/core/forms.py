"""Form pieces shared by every edit form."""

from django import forms
from django.core.exceptions import ValidationError


class VersionedForm(forms.ModelForm):
    """An edit form that carries the version of the row it was made from (no lost updates)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

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


class DateInput(forms.DateInput):
    """A native date picker; its value must be ISO, whatever the active language."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")
