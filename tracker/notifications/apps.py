from django.apps import AppConfig
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "tracker.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from tracker.core.health import register_check
        from tracker.followups.signals import followup_changed
        from tracker.notifications.health import broker_check, scheduler_check
        from tracker.notifications.reminders import withdraw_on_change

        # When this process started: the scheduler check gives a fresh start one scan
        # interval of grace before it calls missing scans stale (tracker/notifications/health.py).
        self.started_at = timezone.now()
        # Reminders and digests go out through the broker, on the scans of the beat.
        register_check("broker", broker_check)
        register_check("reminder_scans", scheduler_check)
        # A closed or re-dated follow-up withdraws its unsent reminders, in the same transaction.
        followup_changed.connect(withdraw_on_change, dispatch_uid="notifications_withdraw_on_change")
