"""Reminders, digests and scheduler runs in the admin: read-only lists with filters, and
one action to send failed emails again."""

from django.contrib import admin, messages
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from tracker.core.admin import ReadOnlyAdmin
from tracker.notifications import services
from tracker.notifications.models import Digest, Reminder, ScanRun, Status
from tracker.notifications.tasks import send_digest, send_reminder


class OutgoingEmailAdmin(ReadOnlyAdmin):
    """Rows written by the scans and the send tasks only."""

    list_filter = ["status", "sent_at", "created_at"]
    actions = ["send_again"]

    def has_retry_permission(self, request) -> bool:
        return request.user.is_superuser

    def get_task(self):
        raise NotImplementedError

    @admin.action(description=_("Send the selected failed emails again"), permissions=["retry"])
    def send_again(self, request, queryset):
        with transaction.atomic():
            ids = list(queryset.filter(status=Status.FAILED).values_list("pk", flat=True))
            queryset.model.objects.filter(pk__in=ids).update(status=Status.PENDING, last_error="")
            transaction.on_commit(lambda: services.enqueue(self.get_task(), ids))
        self.message_user(
            request,
            ngettext("%(count)d email queued again.", "%(count)d emails queued again.", len(ids))
            % {"count": len(ids)},
            messages.SUCCESS,
        )


@admin.register(Reminder)
class ReminderAdmin(OutgoingEmailAdmin):
    list_display = ["followup", "due_on", "stage", "escalated", "status", "attempts", "sent_at", "last_error"]
    list_filter = ["status", "escalated", "stage", "sent_at", "created_at"]
    list_select_related = ["followup"]
    search_fields = ["followup__title", "followup__owner__username", "recipients"]
    date_hierarchy = "created_at"

    def get_task(self):
        return send_reminder


@admin.register(Digest)
class DigestAdmin(OutgoingEmailAdmin):
    list_display = ["user", "iso_year", "iso_week", "status", "attempts", "sent_at", "note", "last_error"]
    list_filter = ["status", "iso_year", "iso_week", "sent_at"]
    list_select_related = ["user"]
    search_fields = ["user__username", "user__email"]

    def get_task(self):
        return send_digest


@admin.register(ScanRun)
class ScanRunAdmin(ReadOnlyAdmin):
    list_display = ["kind", "started_at", "finished_at", "claimed", "requeued", "limited_to"]
    list_filter = ["kind", "started_at"]
    list_select_related = ["limited_to"]
    date_hierarchy = "started_at"
