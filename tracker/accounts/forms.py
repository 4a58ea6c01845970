"""Forms of a user's own account."""

from django import forms

from tracker.accounts.models import User


class ProfileForm(forms.ModelForm):
    """What users change themselves: their language and whether they get the digest."""

    class Meta:
        model = User
        fields = ["language", "digest_opt_in"]
