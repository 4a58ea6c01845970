"""Forms of a user's own account."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tracker.accounts.models import User


class ProfileForm(forms.ModelForm):
    """What users change themselves: their language and whether they get the digest."""

    class Meta:
        model = User
        fields = ["language", "digest_opt_in"]
        labels = {
            "language": _("Language of pages and emails"),
            "digest_opt_in": _("Send me the weekly digest (Monday morning)"),
        }
