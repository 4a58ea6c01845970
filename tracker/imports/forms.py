from django import forms
from django.utils.translation import gettext_lazy as _

from tracker.imports.models import ImportKind


class UploadForm(forms.Form):
    """The file to import and what it holds."""

    kind = forms.ChoiceField(
        label=_("The file holds"),
        choices=ImportKind.choices,
        initial=ImportKind.COMMITMENTS,
        widget=forms.RadioSelect,
    )
    file = forms.FileField(
        label=_("File (CSV or XLSX, at most 2 MB)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )
