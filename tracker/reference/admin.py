from django.contrib import admin

from tracker.core.admin import IdsAdminMixin
from tracker.reference.models import CapabilityCategory, Organisation, Partner, PartnerCountry, Priority


@admin.register(Priority)
class PriorityAdmin(admin.ModelAdmin):
    list_display = ["number", "code", "name", "name_uk"]
    search_fields = ["name", "name_uk", "code"]


@admin.register(CapabilityCategory)
class CapabilityCategoryAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "name_uk", "order"]
    list_editable = ["order"]
    search_fields = ["name", "name_uk", "code"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "parent", "country"]
    list_filter = ["kind"]
    list_select_related = ["parent"]
    search_fields = ["name", "name_uk", "code"]
    autocomplete_fields = ["parent"]


@admin.register(PartnerCountry)
class PartnerCountryAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "is_active_partner", "embassy_city", "head_of_mission"]
    list_filter = ["is_active_partner"]
    search_fields = ["name", "code", "embassy_city"]


@admin.register(Partner)
class PartnerAdmin(IdsAdminMixin, admin.ModelAdmin):
    list_display = ["name", "code", "kind", "lead_country", "is_active"]
    list_filter = ["kind", "is_active"]
    list_select_related = ["lead_country"]
    search_fields = ["name", "name_uk", "code"]
    autocomplete_fields = ["country", "lead_country", "members"]
