from django.apps import AppConfig
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "tracker.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        # When this process started: the scheduler check gives a fresh start one scan
        # interval of grace before it calls missing scans stale (tracker/notifications/health.py).
        self.started_at = timezone.now()
