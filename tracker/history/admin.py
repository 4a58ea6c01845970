from django.contrib import admin

from tracker.core.admin import ReadOnlyAdmin
from tracker.history.models import Change


@admin.register(Change)
class ChangeAdmin(ReadOnlyAdmin):
    """History is append-only: readable here, never added, edited or deleted."""

    list_display = ["at", "action", "actor", "project", "commitment", "contact", "followup"]
    list_filter = ["action"]
    list_select_related = ["actor", "project", "commitment__country", "contact__country", "followup"]
    date_hierarchy = "at"
