from django.contrib import admin

from tracker.security.models import RefusedAccess


@admin.register(RefusedAccess)
class RefusedAccessAdmin(admin.ModelAdmin):
    """The refused-access record: readable, never added, edited or deleted here."""

    list_display = ["at", "status", "method", "path", "username", "ip_address"]
    list_filter = ["status", "method"]
    search_fields = ["path", "username", "ip_address"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
