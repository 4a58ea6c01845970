"""Admin classes shared by the apps."""

from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple

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


class ReadOnlyAdmin(admin.ModelAdmin):
    """For records nobody may add, edit or delete in the admin (history, audit trails)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
