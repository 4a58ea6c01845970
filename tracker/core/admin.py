"""Admin edits of tracked objects go through the same history-writing path as the app."""

from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple

from tracker.core.editing import create_with_history, save_changes
from tracker.core.forms import IdsChoiceField, is_id


class IdsAutocomplete:
    """An autocomplete widget that shows a refused form again without querying for values
    that cannot be ids (Django's own widget queries them: a 500 for "1e3", and on SQLite
    for a number beyond 64 bits)."""

    def optgroups(self, name, value, attr=None):
        return super().optgroups(name, [item for item in value if is_id(item)], attr)


class IdsAutocompleteSelect(IdsAutocomplete, AutocompleteSelect):
    pass


class IdsAutocompleteSelectMultiple(IdsAutocomplete, AutocompleteSelectMultiple):
    pass


class IdsAdminMixin:
    """Choices of related rows in the admin refuse values that cannot be ids (IdsChoiceField)
    and show them again without a query (IdsAutocomplete)."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs.setdefault(
                "widget", IdsAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs.setdefault("form_class", IdsChoiceField)
        if db_field.name in self.get_autocomplete_fields(request):
            widget = IdsAutocompleteSelectMultiple(db_field, self.admin_site, using=kwargs.get("using"))
            kwargs.setdefault("widget", widget)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


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
