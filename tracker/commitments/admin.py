from django.contrib import admin

from tracker.commitments.models import Amendment, Commitment, Delivery, SourceReference
from tracker.history.admin import HistoryAdmin


class SourceInline(admin.TabularInline):
    model = SourceReference
    extra = 0


class DeliveryInline(admin.TabularInline):
    """Deliveries are recorded through the app so totals stay derived; shown read-only."""

    model = Delivery
    extra = 0
    can_delete = False
    readonly_fields = ["delivered_on", "quantity", "amount", "note", "recorded_by", "recorded_at"]

    def has_add_permission(self, request, obj=None):
        return False


class AmendmentInline(DeliveryInline):
    model = Amendment
    readonly_fields = [
        "reason",
        "old_quantity",
        "new_quantity",
        "old_amount",
        "new_amount",
        "note",
        "amended_by",
        "amended_at",
    ]


@admin.register(Commitment)
class CommitmentAdmin(HistoryAdmin):
    status_fields = ("stage",)
    list_display = [
        "item",
        "country",
        "priority",
        "kind",
        "stage",
        "marking",
        "quantity",
        "delivered_quantity",
        "amount",
        "delivered_amount",
        "currency",
    ]
    list_filter = ["stage", "kind", "marking", "priority"]
    list_select_related = ["country", "priority"]
    search_fields = ["item", "country__name"]
    autocomplete_fields = ["country", "project", "supplier_country", "capability"]
    readonly_fields = ["delivered_quantity", "delivered_amount", "version", "created_at", "updated_at"]
    inlines = [SourceInline, DeliveryInline, AmendmentInline]

    def get_readonly_fields(self, request, obj=None):
        # Once saved, the promise changes only through an amendment.
        fields = list(super().get_readonly_fields(request, obj))
        return [*fields, "quantity", "amount"] if obj else fields
