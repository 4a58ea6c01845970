from django.contrib import admin

from tracker.history.admin import HistoryAdmin
from tracker.projects.models import Project


@admin.register(Project)
class ProjectAdmin(HistoryAdmin):
    status_fields = ("status", "health", "health_reason")
    list_display = ["reference", "title", "enterprise", "priority", "status", "health", "target_date"]
    list_filter = ["status", "health", "priority", "capability", "assistance"]
    list_select_related = ["enterprise", "priority"]
    search_fields = ["reference", "title"]
    autocomplete_fields = ["enterprise", "owner", "candidate_countries"]
    readonly_fields = ["version", "created_at", "updated_at"]
