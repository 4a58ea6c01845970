"""The history in the admin, and the base class that makes admin edits write history."""

from django.contrib import admin

from tracker.core.admin import ReadOnlyAdmin
from tracker.history.editing import create_with_history, save_changes
from tracker.history.models import Change


@admin.register(Change)
class ChangeAdmin(ReadOnlyAdmin):
    """History is append-only: readable here, never added, edited or deleted."""

    list_display = ["at", "action", "actor", "project", "commitment", "contact", "followup"]
    list_filter = ["action"]
    list_select_related = ["actor", "project", "commitment__country", "contact__country", "followup"]
    date_hierarchy = "at"


class HistoryAdmin(admin.ModelAdmin):
    """Records creations and edits made in the admin; status fields stay read-only there
    after creation so that moves go through the app's transition rules."""

    status_fields: tuple[str, ...] = ()

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        return fields + list(self.status_fields) if obj else fields

    def save_model(self, request, obj, form, change):
        if not change:
            create_with_history(obj, by=request.user, comment="admin")
            return
        values = {
            name: form.cleaned_data[name]
            for name in form.changed_data
            if name in form.cleaned_data and not obj._meta.get_field(name).many_to_many
        }
        save_changes(obj, values, by=request.user, expected_version=None, comment="admin")
        obj.refresh_from_db()
