"""Small forms that close, reopen and re-date a follow-up in place."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tracker.accounts.models import User
from tracker.core.forms import BulkForm, DateInput, PlausibleDates
from tracker.followups.models import State


class StateForm(forms.Form):
    """Mark done, cancel or reopen, with an optional comment."""

    state = forms.ChoiceField(label=_("State"), choices=State.choices)
    comment = forms.CharField(label=_("Comment"), required=False, max_length=1000)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class RescheduleForm(PlausibleDates, forms.Form):
    """Move the due date, saying why."""

    due_on = forms.DateField(label=_("New due date"), widget=DateInput)
    reason = forms.CharField(label=_("Reason"), max_length=1000)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def clean_due_on(self):
        day = self.cleaned_data["due_on"]
        if day < timezone.localdate():
            raise forms.ValidationError(_("Choose today or a later date."))
        return day


class FollowUpBulkForm(BulkForm):
    """Close or reopen, a new owner or a new due date for several follow-ups at once."""

    change = forms.ChoiceField(
        label=_("Change"), choices=[("state", _("State")), ("owner", _("Owner")), ("due_on", _("Due date"))]
    )
    state = forms.ChoiceField(label=_("New state"), choices=[("", "—"), *State.choices], required=False)
    owner = forms.ModelChoiceField(
        User.objects.filter(is_active=True).order_by("first_name", "last_name"),
        label=_("New owner"),
        required=False,
    )
    due_on = forms.DateField(label=_("New due date"), widget=DateInput, required=False)

    def clean_due_on(self):
        day = self.cleaned_data["due_on"]
        if day is not None and day < timezone.localdate():
            raise forms.ValidationError(_("Choose today or a later date."))
        return day
