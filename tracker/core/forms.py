"""Form pieces shared by every edit form."""

from django import forms
from django.utils.translation import gettext_lazy as _

LOST_VERSION = _("The form lost track of the version you opened; reload the page and try again.")


def version_field() -> forms.IntegerField:
    """The hidden version an edit was made from; its errors say what to do, not "required"."""
    return forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=1,
        error_messages=dict.fromkeys(("required", "invalid", "min_value", "max_value"), LOST_VERSION),
        max_value=2**31 - 1,
    )


class VersionedForm(forms.ModelForm):
    """An edit form that carries the version of the row it was made from (no lost updates)."""

    version = version_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version
