"""The history in the admin, and the base class that makes admin edits write history."""

from django.contrib import admin
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from tracker.core.admin import IdsAdminMixin, ReadOnlyAdmin
from tracker.history.editing import ANY_VERSION, create_with_history, save_changes
from tracker.history.lines import with_rows
from tracker.history.models import Change


@admin.register(Change)
class ChangeAdmin(ReadOnlyAdmin):
    """History is append-only: readable here, never added, edited or deleted. Staff who are
    not superusers read only the changes of what they may see, and linked objects outside
    their scope are counted, not named (the same rows as the timelines)."""

    list_display = ["at", "action", "actor", "project", "commitment", "contact", "followup"]
    list_filter = ["action"]
    list_select_related = ["actor", "project", "commitment__partner", "contact__country", "followup"]
    date_hierarchy = "at"
    fields = [
        "at",
        "action",
        "actor",
        "project",
        "commitment",
        "contact",
        "followup",
        "what_changed",
        "comment",
    ]
    readonly_fields = fields

    def get_queryset(self, request):
        changes = super().get_queryset(request)
        return changes if request.user.is_superuser else changes.visible_to(request.user)

    def get_object(self, request, object_id, from_field=None):
        change = super().get_object(request, object_id, from_field)
        if change is not None:
            with_rows([change], None if request.user.is_superuser else request.user)
        return change

    @admin.display(description=_("changes"))
    def what_changed(self, change: Change) -> str:
        return format_html_join("\n", "<p>{}: {} → {}</p>", change.rows)


class HistoryAdmin(IdsAdminMixin, admin.ModelAdmin):
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
        # Many-to-many values too, so their history is written; the admin sets them again
        # after this (save_related), which changes nothing.
        values = {name: form.cleaned_data[name] for name in form.changed_data if name in form.cleaned_data}
        save_changes(obj, values, by=request.user, expected_version=ANY_VERSION, comment="admin")
        obj.refresh_from_db()
