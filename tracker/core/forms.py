"""Form pieces shared by every edit form."""

from django import forms


class VersionedForm(forms.ModelForm):
    """An edit form that carries the version of the row it was made from (no lost updates)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version
