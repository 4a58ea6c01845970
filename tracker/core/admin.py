"""Admin edits of tracked objects go through the same history-writing path as the app."""

from django.contrib import admin

from tracker.core.editing import create_with_history, save_changes


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


class ReadOnlyAdmin(admin.ModelAdmin):
    """For records nobody may add, edit or delete in the admin (history, audit trails)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
