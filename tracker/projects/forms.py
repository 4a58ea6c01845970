"""Forms of the project pages: list filters, the status/health move, create and edit."""

import datetime

from django import forms
from django.core.validators import MinValueValidator
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tracker.accounts.models import Role, User
from tracker.accounts.scope import scope_of
from tracker.core.forms import (
    ANY,
    CHOOSE,
    BulkForm,
    DateInput,
    IdsChoiceField,
    PlausibleDates,
    VersionedForm,
    ids_formfield,
    version_field,
)
from tracker.core.fulltext import contains_text
from tracker.core.money import CURRENCY_CHOICES
from tracker.core.sorting import SortColumn, Sorting
from tracker.projects.models import (
    UKRAINE,
    Arrangement,
    Health,
    Location,
    Project,
    Status,
    located,
)
from tracker.reference.models import CapabilityCategory, Organisation, PartnerCountry, Priority

# ?sort= keys and the columns they order by; "-key" sorts descending.
SORTS = {
    "reference": SortColumn(("reference",), _("Reference")),
    "title": SortColumn(("title",), _("Title")),
    "status": SortColumn(("status",), _("Status")),
    "target": SortColumn(("target_date",), _("Target date")),
    "updated": SortColumn(("updated_at",), _("Updated")),
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


def partner_companies() -> QuerySet:
    """Organisations that may take part in a joint project on the partner's side."""
    return Organisation.objects.filter(kind=Organisation.Kind.PARTNER_COMPANY)


def company_label(company: Organisation) -> str:
    """A partner company with its country: "Vistula Defence Systems (Poland)"."""
    return f"{company.display_name} ({company.country.name})" if company.country else company.display_name


class CompanyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return company_label(obj)


class CompaniesChoiceField(IdsChoiceField):
    def label_from_instance(self, obj) -> str:
        return company_label(obj)


class ProjectFilterForm(forms.Form):
    """The filters of the projects list and board, read from GET; bad values are ignored."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        widget=forms.SearchInput(attrs={"placeholder": _("Reference, title or description")}),
    )
    priority = forms.ModelChoiceField(
        Priority.objects.all(), required=False, empty_label=ANY, label=_("Priority")
    )
    status = forms.ChoiceField(label=_("Status"), choices=[("", _("Any")), *Status.choices], required=False)
    health = forms.ChoiceField(label=_("Health"), choices=[("", _("Any")), *Health.choices], required=False)
    enterprise = forms.ModelChoiceField(
        Organisation.objects.filter(kind__in=ENTERPRISE_KINDS),
        required=False,
        empty_label=ANY,
        label=_("Enterprise"),
    )
    capability = forms.ModelChoiceField(
        CapabilityCategory.objects.all(), required=False, empty_label=ANY, label=_("Capability")
    )
    country = forms.ModelChoiceField(
        PartnerCountry.objects.active(),
        to_field_name="code",
        required=False,
        empty_label=ANY,
        label=_("Partner country"),
    )
    owner = PersonChoiceField(owners(), required=False, empty_label=ANY, label=_("Owner"))
    arrangement = forms.ChoiceField(
        label=_("Arrangement"), choices=[("", _("Any")), *Arrangement.choices], required=False
    )
    company = CompanyChoiceField(
        partner_companies(), required=False, empty_label=ANY, label=_("Partner company")
    )
    location = forms.ChoiceField(
        label=_("Location"), choices=[("", _("Any")), *Location.choices], required=False
    )
    sort = forms.ChoiceField(choices=SORT_CHOICES, required=False, widget=forms.HiddenInput)
    # Set by the links of a page shown as of a date: statuses as they were then.
    as_of = forms.DateField(label=_("As of"), required=False, widget=forms.HiddenInput)

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
    def as_of_date(self) -> datetime.date | None:
        """The past day statuses are read as of, or None for today."""
        day = self.cleaned_data.get("as_of")
        return day if day and day < timezone.localdate() else None

    @property
    def sort_key(self) -> str:
        return self.cleaned_data.get("sort") or DEFAULT_SORT

    def filter(self, projects: QuerySet) -> QuerySet:
        """Narrow a project queryset by every filter that holds a valid value."""
        data = self.cleaned_data
        if self.as_of_date:
            projects = projects.with_status(self.as_of_date)
        for name in ("priority", "health", "enterprise", "capability", "owner"):
            if data.get(name):
                projects = projects.filter(**{name: data[name]})
        if data.get("status"):
            projects = projects.filter(**{"f_status" if self.as_of_date else "status": data["status"]})
        if data.get("country"):
            projects = projects.filter(candidate_countries=data["country"])
        if data.get("arrangement"):
            projects = projects.filter(arrangement=data["arrangement"])
        if data.get("company"):
            projects = projects.filter(partner_companies=data["company"])
        if data.get("location"):
            projects = projects.filter(located(data["location"]))
        if text := data.get("q", "").strip():
            projects = projects.filter(
                contains_text("reference", text)
                | contains_text("title", text)
                | contains_text("description", text)
                | Q(pk__in=_with_company_named(text))
            )
        return projects

    def order(self, projects: QuerySet) -> QuerySet:
        """Order by the chosen column; the primary key keeps pages stable."""
        return Sorting(SORTS, DEFAULT_SORT, self.sort_key).order(projects)

    def sort_columns(self) -> dict[str, dict]:
        """For each sortable column: the ?sort= value its header link sets, aria-sort, arrow."""
        return Sorting(SORTS, DEFAULT_SORT, self.sort_key).headers()


def _with_company_named(text: str) -> QuerySet:
    """Ids of the projects a partner company whose name contains `text` takes part in."""
    companies = partner_companies().filter(contains_text("name", text) | contains_text("name_uk", text))
    return Project.partner_companies.through.objects.filter(organisation__in=companies).values("project_id")


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


# The fields of the fieldset "Joint production and repair" (priority 3), in its order.
JOINT_FIELDS = (
    "arrangement",
    "partner_companies",
    "location_country",
    "location_city",
    "capacity_quantity",
    "capacity_unit",
    "capacity_period",
    "localisation_share",
)


class ProjectForm(PlausibleDates, VersionedForm):
    """Create or edit a project's details; status and health move through StatusForm."""

    currency = forms.ChoiceField(
        label=_("Currency"), choices=[("", CHOOSE), *CURRENCY_CHOICES], required=False
    )

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
            "needed_quantity",
            "needed_unit",
            "owner",
            "target_date",
            "candidate_countries",
            *JOINT_FIELDS,
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "target_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "candidate_countries": forms.CheckboxSelectMultiple,
            "partner_companies": forms.CheckboxSelectMultiple,
        }
        field_classes = {"owner": PersonChoiceField, "partner_companies": CompaniesChoiceField}
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
        companies = Q(kind=Organisation.Kind.PARTNER_COMPANY)
        if self.instance.pk:  # keep a company chosen before its kind changed
            companies |= Q(joint_projects=self.instance)
        self.fields["partner_companies"].queryset = Organisation.objects.filter(companies).distinct()
        for name in ("capacity_quantity", "needed_quantity"):
            self.fields[name].validators.append(MinValueValidator(1))
            self.fields[name].widget.attrs["min"] = 1
        self.fields["localisation_share"].widget.attrs.update(min=0, max=100)
        # Ukraine first: most joint production is at home; the rest by name.
        countries = [choice for choice in self.fields["location_country"].choices if choice[0]]
        self.fields["location_country"].choices = [
            ("", CHOOSE),
            *[c for c in countries if c[0] == UKRAINE],
            *[c for c in countries if c[0] != UKRAINE],
        ]

    @property
    def main_fields(self) -> list:
        return [field for field in self.visible_fields() if field.name not in JOINT_FIELDS]

    @property
    def joint_fields(self) -> list:
        return [self[name] for name in JOINT_FIELDS]

    def clean(self) -> dict:
        data = super().clean()
        if data.get("estimated_value") is not None and not data.get("currency"):
            self.add_error("currency", _("Give the currency of the estimated value."))
        self._require_together(
            ("needed_quantity", "needed_unit"),
            {
                "needed_quantity": _("Give the needed quantity, or leave its unit empty."),
                "needed_unit": _("Give the unit of the needed quantity."),
            },
        )
        self._require_together(
            ("capacity_quantity", "capacity_unit", "capacity_period"),
            {
                "capacity_quantity": _("Give the planned capacity, or leave its unit and period empty."),
                "capacity_unit": _("Give the unit of the planned capacity."),
                "capacity_period": _("Say whether the capacity is per month or per year."),
            },
        )
        if data.get("location_city") and not data.get("location_country"):
            self.add_error("location_country", _("Give the country of the location."))
        return data

    def _require_together(self, names: tuple[str, ...], messages: dict) -> None:
        """Fields that are given all together or not at all: say which ones are missing."""
        given = [name for name in names if self.cleaned_data.get(name) not in (None, "")]
        if given and len(given) < len(names):
            for name in names:
                if name not in given and name not in self.errors:
                    self.add_error(name, messages[name])

    def values(self) -> dict:
        """The edited fields, for services.update_project."""
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class ProjectBulkForm(BulkForm):
    """A status, an owner or a target date for several projects at once."""

    change = forms.ChoiceField(
        label=_("Change"),
        choices=[("status", _("Status")), ("owner", _("Owner")), ("target_date", _("Target date"))],
    )
    status = forms.ChoiceField(label=_("New status"), choices=[("", "—"), *Status.choices], required=False)
    owner = PersonChoiceField(owners(), label=_("New owner"), required=False)
    target_date = forms.DateField(label=_("New target date"), widget=DateInput, required=False)
