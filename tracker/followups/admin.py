from django.contrib import admin

from tracker.followups.models import FollowUp
from tracker.history.admin import HistoryAdmin


@admin.register(FollowUp)
class FollowUpAdmin(HistoryAdmin):
    status_fields = ("state", "completed_at", "completed_by")
    list_display = ["title", "owner", "due_on", "state", "country"]
    list_filter = ["state"]
    list_select_related = ["owner", "country"]
    search_fields = ["title"]
    autocomplete_fields = [
        "owner",
        "country",
        "project",
        "commitment",
        "contact",
        "completed_by",
        "created_by",
    ]
    readonly_fields = ["version", "created_at", "updated_at"]
    date_hierarchy = "due_on"
