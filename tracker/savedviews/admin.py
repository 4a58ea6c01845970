from django.contrib import admin

from tracker.savedviews.models import SavedView


@admin.register(SavedView)
class SavedViewAdmin(admin.ModelAdmin):
    list_display = ("name", "list_name", "owner", "shared")
    list_filter = ("list_name", "shared")
    search_fields = ("name", "owner__username")
