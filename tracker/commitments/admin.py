from django.contrib import admin

from tracker.commitments.models import Amendment, Commitment, Delivery, Package, Payment, SourceReference
from tracker.history.admin import HistoryAdmin


class SourceInline(admin.TabularInline):
    model = SourceReference
    extra = 0


class DeliveryInline(admin.TabularInline):
    """Deliveries are recorded through the app so totals stay derived; shown read-only."""

    model = Delivery
    extra = 0
    can_delete = False
    readonly_fields = ["delivered_on", "quantity", "note", "recorded_by", "recorded_at"]

    def has_add_permission(self, request, obj=None):
        return False


class PaymentInline(DeliveryInline):
    """Payments too: recorded through the app, shown read-only."""

    model = Payment
    readonly_fields = ["paid_on", "amount", "amount_undisclosed", "note", "recorded_by", "recorded_at"]


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
        "partner",
        "priority",
        "kind",
        "stage",
        "marking",
        "quantity",
        "delivered_quantity",
        "amount",
        "paid_amount",
        "currency",
    ]
    list_filter = ["stage", "kind", "marking", "priority", "funding"]
    list_select_related = ["partner", "priority"]
    search_fields = ["item", "partner__name", "partner__name_uk"]
    autocomplete_fields = ["partner", "project", "package", "channel", "seller_company", "capability"]
    readonly_fields = [
        "delivered_quantity",
        "paid_amount",
        "paid_undisclosed",
        "version",
        "created_at",
        "updated_at",
    ]
    inlines = [SourceInline, DeliveryInline, PaymentInline, AmendmentInline]

    def get_readonly_fields(self, request, obj=None):
        # Once saved, the promise changes only through an amendment.
        fields = list(super().get_readonly_fields(request, obj))
        return [*fields, "quantity", "amount"] if obj else fields


@admin.register(Package)
class PackageAdmin(HistoryAdmin):
    list_display = ["title", "partner", "announced_on", "marking"]
    list_filter = ["marking"]
    list_select_related = ["partner"]
    search_fields = ["title", "partner__name", "partner__name_uk"]
    autocomplete_fields = ["partner"]
    date_hierarchy = "announced_on"
