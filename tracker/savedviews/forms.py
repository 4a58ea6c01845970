"""The form that saves the current list's filters as a view."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tracker.savedviews.models import MAX_QUERY, ListName


class SaveViewForm(forms.Form):
    list_name = forms.ChoiceField(choices=ListName.choices, widget=forms.HiddenInput)
    query = forms.CharField(required=False, max_length=MAX_QUERY, widget=forms.HiddenInput)
    name = forms.CharField(label=_("Name of the view"), max_length=80)
    shared = forms.BooleanField(label=_("Share with everyone"), required=False)
    default = forms.BooleanField(label=_("Open the list with it"), required=False)
