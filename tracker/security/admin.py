from django.contrib import admin

from tracker.core.admin import ReadOnlyAdmin
from tracker.security.models import RefusedAccess


@admin.register(RefusedAccess)
class RefusedAccessAdmin(ReadOnlyAdmin):
    """The refused-access record: readable, never added, edited or deleted here."""

    list_display = ["at", "status", "method", "path", "username", "ip_address"]
    list_filter = ["status", "method"]
    search_fields = ["path", "username", "ip_address"]
    date_hierarchy = "at"
