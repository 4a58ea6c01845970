from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin as BaseGroupAdmin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from tracker.accounts.models import User
from tracker.core.admin import IdsAdminMixin


@admin.register(User)
class UserAdmin(IdsAdminMixin, BaseUserAdmin):
    list_display = ["username", "email", "first_name", "last_name", "role", "organisation", "is_active"]
    list_filter = ["role", "is_active", "is_staff", "language"]
    list_select_related = ["organisation"]
    autocomplete_fields = ["organisation", "countries"]
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("Tracker"), {"fields": ["role", "organisation", "countries", "language", "digest_opt_in"]}),
    )
    add_fieldsets = (
        *BaseUserAdmin.add_fieldsets,
        (_("Tracker"), {"fields": ["email", "role", "organisation", "countries", "language"]}),
    )


admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(IdsAdminMixin, BaseGroupAdmin):
    """Django's group admin, with its permission choices checked as ids."""
