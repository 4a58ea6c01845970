"""Template context for every page: the stale-reminders warning for coordinators."""

from django.http import HttpRequest
from django.utils import timezone

from tracker.notifications.health import scheduler_health


def scheduler_warning(request: HttpRequest) -> dict:
    """reminders_stale is True for a coordinator when reminder scans stopped."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_coordinator:
        return {}
    return {"reminders_stale": not scheduler_health(timezone.now(), cached=True).healthy}
