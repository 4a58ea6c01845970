from django.contrib import admin

from tracker.history.admin import HistoryAdmin
from tracker.projects import services
from tracker.projects.models import Milestone, MilestoneKind, Project


class MilestoneInline(admin.TabularInline):
    model = Milestone
    fields = ["kind", "planned_on", "actual_on"]
    extra = 0
    max_num = len(MilestoneKind.values)


@admin.register(Project)
class ProjectAdmin(HistoryAdmin):
    status_fields = ("status", "health", "health_reason")
    list_display = ["reference", "title", "enterprise", "priority", "status", "health", "target_date"]
    list_filter = ["status", "health", "priority", "capability", "assistance", "arrangement"]
    list_select_related = ["enterprise", "priority"]
    search_fields = ["reference", "title"]
    autocomplete_fields = ["enterprise", "owner", "candidate_countries", "partner_companies"]
    readonly_fields = ["version", "created_at", "updated_at"]
    inlines = [MilestoneInline]

    def save_formset(self, request, form, formset, change):
        """Milestones are saved by the project service, which records their dates on the
        project's history."""
        if formset.model is not Milestone:
            return super().save_formset(request, form, formset, change)
        dates = {}
        for row in formset.forms:
            deleted = row in formset.deleted_forms
            if not (deleted or row.has_changed()):
                continue
            if row.instance.pk:  # deleted, or its kind changed: the old milestone goes
                dates.setdefault(row.initial["kind"], (None, None))
            if not deleted and row.cleaned_data:
                data = row.cleaned_data
                dates[data["kind"]] = (data.get("planned_on"), data.get("actual_on"))
        services.save_milestones(form.instance, dates, by=request.user, comment="admin")
        # The admin's own log reads these; the project's history has the details.
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
