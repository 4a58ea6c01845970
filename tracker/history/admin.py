from django.contrib import admin

from tracker.history.models import Change


@admin.register(Change)
class ChangeAdmin(admin.ModelAdmin):
    """History is append-only: readable here, never added, edited or deleted."""

    list_display = ["at", "action", "actor", "project", "commitment", "contact", "followup"]
    list_filter = ["action"]
    list_select_related = ["actor", "project", "commitment__country", "contact__country", "followup"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
