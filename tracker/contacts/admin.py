from django.contrib import admin

from tracker.contacts.models import Contact
from tracker.history.admin import HistoryAdmin


@admin.register(Contact)
class ContactAdmin(HistoryAdmin):
    list_display = ["held_on", "country", "channel", "counterpart_organisation", "author"]
    list_filter = ["channel"]
    list_select_related = ["country", "author"]
    search_fields = ["counterpart_organisation", "counterpart_person", "summary"]
    autocomplete_fields = ["country", "projects", "commitments", "author"]
    readonly_fields = ["version", "created_at", "updated_at"]
    date_hierarchy = "held_on"
