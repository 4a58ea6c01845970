"""The milestones of a project on its edit page: one row of dates per kind of milestone."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tracker.core.forms import DateInput, PlausibleDates
from tracker.projects.models import MilestoneKind, Project


class MilestoneForm(PlausibleDates, forms.Form):
    """The planned and actual dates of one milestone of a project; both empty: none."""

    planned_on = forms.DateField(label=_("Planned date"), required=False, widget=DateInput)
    actual_on = forms.DateField(label=_("Actual date"), required=False, widget=DateInput)

    def __init__(self, *args, kind: str, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.kind_label = MilestoneKind(kind).label

    def clean_actual_on(self):
        actual = self.cleaned_data.get("actual_on")
        if actual and actual > timezone.localdate():
            raise forms.ValidationError(
                _("An actual date is the day it happened: not in the future. Give the planned date instead."),
                code="future",
            )
        return actual


class BaseMilestoneFormSet(forms.BaseFormSet):
    """One row per kind of milestone, in their order (agreement signed first)."""

    def get_form_kwargs(self, index: int | None) -> dict:
        # `index` is None for the formset's empty_form, which no page shows.
        return {**super().get_form_kwargs(index), "kind": MilestoneKind.values[index or 0]}

    def dates(self) -> dict:
        """(planned, actual) by kind, for services.save_milestones; none when the POST did
        not carry the milestones."""
        if not self.is_bound:
            return {}
        return {form.kind: (form.cleaned_data["planned_on"], form.cleaned_data["actual_on"]) for form in self}


KINDS = len(MilestoneKind.values)
MilestoneFormSet = forms.formset_factory(
    MilestoneForm,
    formset=BaseMilestoneFormSet,
    extra=0,
    min_num=KINDS,
    max_num=KINDS,
    absolute_max=KINDS,  # a row missing from a POST leaves that milestone unchanged
    validate_max=True,
)
MILESTONES_PREFIX = "milestones"


def milestone_formset(data, project: Project | None = None) -> BaseMilestoneFormSet:
    """The milestones of a project as rows of dates. A POST without them (a page from
    before milestones existed, a script) leaves them unchanged rather than failing."""
    existing = {m.kind: m for m in project.milestones.all()} if project and project.pk else {}
    initial = [
        {
            "planned_on": getattr(existing.get(kind), "planned_on", None),
            "actual_on": getattr(existing.get(kind), "actual_on", None),
        }
        for kind in MilestoneKind.values
    ]
    if data is not None and f"{MILESTONES_PREFIX}-TOTAL_FORMS" not in data:
        data = None
    return MilestoneFormSet(data, initial=initial, prefix=MILESTONES_PREFIX)


def milestones_valid(formset: BaseMilestoneFormSet) -> bool:
    """Valid, or not submitted at all (then nothing changes)."""
    return not formset.is_bound or formset.is_valid()
