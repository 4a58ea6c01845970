"""Forms for contacts: log one with its follow-ups, edit it, search the list."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tracker.accounts.models import User
from tracker.accounts.scope import scope_of
from tracker.commitments.models import Commitment
from tracker.contacts.models import Channel, Contact
from tracker.core.forms import ANY, DateInput, FilterForm, PlausibleDates, VersionedForm, ids_formfield
from tracker.core.sorting import SortColumn
from tracker.followups.models import FollowUp
from tracker.projects.models import Project
from tracker.reference.forms import CountryCodeField, partners_first
from tracker.reference.models import PartnerCountry

CONTACT_FIELDS = [
    "country",
    "held_on",
    "channel",
    "counterpart_organisation",
    "counterpart_person",
    "counterpart_position",
    "participants",
    "summary",
    "outcome",
    "projects",
    "commitments",
]
CONTACT_WIDGETS = {
    "held_on": DateInput,
    "summary": forms.Textarea(attrs={"rows": 4}),
    "outcome": forms.Textarea(attrs={"rows": 3}),
    # Checkboxes in a scrolling box: easier than a ctrl-click multi-select, on phones too.
    "projects": forms.CheckboxSelectMultiple(attrs={"class": "choice-box"}),
    "commitments": forms.CheckboxSelectMultiple(attrs={"class": "choice-box"}),
}


class ContactFieldsForm(PlausibleDates, forms.ModelForm):
    """What logging and editing share: choices limited to what the user may see and write."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        countries = scope_of(user).covered_countries()
        self.fields["country"].queryset = countries
        self.fields["country"].choices = partners_first(countries)  # partners, then other countries
        self.fields["projects"].queryset = Project.objects.visible_to(user)
        # The commitments of the partners the user writes for: those they may change.
        commitments = Commitment.objects.editable_by(user).select_related("partner")
        self.fields["commitments"].queryset = commitments.order_by("partner__name", "item")


class ContactForm(ContactFieldsForm):
    """A new contact with a partner."""

    class Meta:
        model = Contact
        fields = CONTACT_FIELDS
        widgets = CONTACT_WIDGETS
        formfield_callback = ids_formfield


class ContactEditForm(ContactFieldsForm, VersionedForm):
    """Edit a logged contact; links the editor cannot see are kept as they are."""

    class Meta:
        model = Contact
        fields = CONTACT_FIELDS
        widgets = CONTACT_WIDGETS
        formfield_callback = ids_formfield

    def link_values(self, name: str) -> list:
        """The chosen links plus the existing ones outside the editor's view, which stay."""
        chosen = list(self.cleaned_data[name])
        unseen = getattr(self.instance, name).exclude(pk__in=self.fields[name].queryset.values("pk"))
        return chosen + list(unseen)


class FollowUpRowForm(PlausibleDates, forms.ModelForm):
    """One next step created with the contact: action, owner, due date."""

    class Meta:
        model = FollowUp
        fields = ["title", "owner", "due_on"]
        widgets = {"due_on": DateInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = User.objects.filter(is_active=True).order_by(
            "first_name", "last_name"
        )


FollowUpFormSet = forms.formset_factory(FollowUpRowForm, extra=3, max_num=20, absolute_max=30)


class ContactFilterForm(FilterForm):
    """The contacts list's search and filters."""

    lookups = {
        "country": "country",
        "channel": "channel",
        "held_from": "held_on__gte",
        "held_to": "held_on__lte",
    }
    sorts = {
        "held": SortColumn(("held_on",), _("Date")),
        "country": SortColumn(("country__name",), _("Partner country")),
        "counterpart": SortColumn(("counterpart_organisation",), _("Counterpart")),
    }
    default_sort = "-held"
    search_fields = (
        "counterpart_organisation",
        "counterpart_person",
        "counterpart_position",
        "summary",
        "outcome",
    )

    country = CountryCodeField(label=_("Partner country"), required=False)
    channel = forms.ChoiceField(label=_("Channel"), required=False, choices=[("", ANY), *Channel.choices])
    held_from = forms.DateField(label=_("From"), required=False, widget=DateInput)
    held_to = forms.DateField(label=_("To"), required=False, widget=DateInput)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        scope = scope_of(user)
        self.fields["country"].queryset = (
            scope.partner_countries(PartnerCountry.objects.all())
            if scope.country_bound
            else PartnerCountry.objects.listed(Contact.objects.visible_to(user).values("country_id"))
        )

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("held_from"), data.get("held_to")
        if start and end and start > end:
            self.add_error("held_to", _("The end of the range is before its start."))
        return data
