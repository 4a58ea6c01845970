"""Forms of the project pages: list filters, the status/health move, create and edit."""

from django import forms
from django.core.validators import MinValueValidator
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from tracker.accounts.models import Role, User
from tracker.accounts.scope import scope_of
from tracker.core.forms import PlausibleDates, VersionedForm, ids_formfield, version_field
from tracker.core.money import CURRENCY_CHOICES
from tracker.projects.models import Health, Project, Status
from tracker.reference.models import CapabilityCategory, Organisation, PartnerCountry, Priority

# ?sort= keys and the columns they order by; "-key" sorts descending.
SORTS = {
    "reference": ("reference", _("Reference")),
    "title": ("title", _("Title")),
    "status": ("status", _("Status")),
    "target": ("target_date", _("Target date")),
    "updated": ("updated_at", _("Updated")),
}
DEFAULT_SORT = "reference"
SORT_CHOICES = [(key, key) for key in SORTS] + [(f"-{key}", f"-{key}") for key in SORTS]
OWNER_ROLES = [Role.COORDINATOR, Role.INDUSTRY]
ENTERPRISE_KINDS = [Organisation.Kind.CONCERN, Organisation.Kind.ENTERPRISE]


def owners() -> QuerySet:
    """People who may own a project: coordinators and industry staff."""
    return User.objects.filter(is_active=True, role__in=OWNER_ROLES).order_by("first_name", "last_name")


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return str(obj)


class ProjectFilterForm(forms.Form):
    """The filters of the projects list and board, read from GET; bad values are ignored."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        widget=forms.SearchInput(attrs={"placeholder": _("Reference, title or description")}),
    )
    priority = forms.ModelChoiceField(
        Priority.objects.all(), required=False, empty_label=_("Any"), label=_("Priority")
    )
    status = forms.ChoiceField(label=_("Status"), choices=[("", _("Any")), *Status.choices], required=False)
    health = forms.ChoiceField(label=_("Health"), choices=[("", _("Any")), *Health.choices], required=False)
    enterprise = forms.ModelChoiceField(
        Organisation.objects.filter(kind__in=ENTERPRISE_KINDS),
        required=False,
        empty_label=_("Any"),
        label=_("Enterprise"),
    )
    capability = forms.ModelChoiceField(
        CapabilityCategory.objects.all(), required=False, empty_label=_("Any"), label=_("Capability")
    )
    country = forms.ModelChoiceField(
        PartnerCountry.objects.active(),
        to_field_name="code",
        required=False,
        empty_label=_("Any"),
        label=_("Partner country"),
    )
    owner = PersonChoiceField(owners(), required=False, empty_label=_("Anyone"), label=_("Owner"))
    sort = forms.ChoiceField(choices=SORT_CHOICES, required=False, widget=forms.HiddenInput)

    def __init__(self, data=None, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(data if data is not None else {}, **kwargs)
        self.is_valid()  # invalid fields drop out of cleaned_data; the rest still filter

    @property
    def ignored(self) -> list[str]:
        """One note per filter value that was not understood and so not applied."""
        return [
            _("The filter “%(field)s” was ignored: %(error)s")
            % {"field": self[name].label, "error": " ".join(errors)}
            for name, errors in self.errors.items()
            if name in self.fields
        ]

    @property
    def sort_key(self) -> str:
        return self.cleaned_data.get("sort") or DEFAULT_SORT

    def filter(self, projects: QuerySet) -> QuerySet:
        """Narrow a project queryset by every filter that holds a valid value."""
        data = self.cleaned_data
        for name in ("priority", "status", "health", "enterprise", "capability", "owner"):
            if data.get(name):
                projects = projects.filter(**{name: data[name]})
        if data.get("country"):
            projects = projects.filter(candidate_countries=data["country"])
        if text := data.get("q", "").strip():
            projects = projects.filter(
                Q(reference__icontains=text) | Q(title__icontains=text) | Q(description__icontains=text)
            )
        return projects

    def order(self, projects: QuerySet) -> QuerySet:
        """Order by the chosen column; the primary key keeps pages stable."""
        key = self.sort_key
        column = SORTS[key.lstrip("-")][0]
        return projects.order_by(f"-{column}" if key.startswith("-") else column, "pk")

    def sort_columns(self) -> dict[str, dict]:
        """For each sortable column: the ?sort= value its header link sets, and aria-sort."""
        current = self.sort_key
        columns = {}
        for key, (_column, label) in SORTS.items():
            if current == key:
                columns[key] = {"label": label, "next": f"-{key}", "aria": "ascending"}
            elif current == f"-{key}":
                columns[key] = {"label": label, "next": key, "aria": "descending"}
            else:
                columns[key] = {"label": label, "next": key, "aria": ""}
        return columns


class StatusForm(forms.Form):
    """Move a project's status and/or health, with a comment; carries the version it saw."""

    status = forms.ChoiceField(label=_("Status"), choices=Status.choices)
    health = forms.ChoiceField(label=_("Health"), choices=Health.choices, required=False)
    health_reason = forms.CharField(label=_("Why at risk or off track"), max_length=500, required=False)
    comment = forms.CharField(
        label=_("Comment on the change"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    version = version_field()

    def __init__(self, *args, project: Project, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.project = project
        # Every status validates, so a refused move gets the rule's own message from the
        # service; the menu offers only the allowed ones.
        self.fields["status"].widget.choices = project.allowed_statuses()
        if not self.is_bound:
            self.initial.update(
                status=project.status,
                health=project.health,
                health_reason=project.health_reason,
                version=project.version,
            )

    def change(self) -> dict:
        """Keyword arguments for services.change_status; no health given keeps the current one."""
        data = self.cleaned_data
        if data.get("health"):
            health, reason = data["health"], data.get("health_reason", "")
        else:
            health, reason = self.project.health, self.project.health_reason
        return {
            "status": data["status"],
            "health": health,
            "health_reason": reason,
            "comment": data.get("comment", ""),
            "expected_version": data["version"],
        }


class ProjectForm(PlausibleDates, VersionedForm):
    """Create or edit a project's details; status and health move through StatusForm."""

    currency = forms.ChoiceField(label=_("currency"), choices=[("", "—"), *CURRENCY_CHOICES], required=False)

    class Meta:
        model = Project
        fields = [
            "reference",
            "title",
            "description",
            "enterprise",
            "priority",
            "capability",
            "assistance",
            "estimated_value",
            "currency",
            "owner",
            "target_date",
            "candidate_countries",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "target_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "candidate_countries": forms.CheckboxSelectMultiple,
        }
        field_classes = {"owner": PersonChoiceField}
        formfield_callback = ids_formfield

    def __init__(self, *args, user, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            del self.fields["version"]
        # Coordinators choose any enterprise; industry staff theirs (the projects' editors' rule).
        scope = scope_of(user)
        self.fields["enterprise"].queryset = (
            Organisation.objects.filter(kind__in=ENTERPRISE_KINDS)
            if scope.sees_all
            else scope.reach(enterprise="pk").filter(Organisation.objects.all())
        )
        value = self.fields["estimated_value"]
        value.validators.append(MinValueValidator(0))  # said next to the field, not as a constraint
        value.widget.attrs["min"] = 0
        self.fields["owner"].queryset = owners()
        countries = Q(is_active_partner=True)
        if self.instance.pk:  # keep countries chosen before they stopped being active partners
            countries |= Q(candidate_projects=self.instance)
        self.fields["candidate_countries"].queryset = PartnerCountry.objects.filter(countries).distinct()

    def clean(self) -> dict:
        data = super().clean()
        if data.get("estimated_value") is not None and not data.get("currency"):
            self.add_error("currency", _("Give the currency of the estimated value."))
        return data

    def values(self) -> dict:
        """The edited fields, for services.update_project."""
        return {name: self.cleaned_data[name] for name in self.Meta.fields}
