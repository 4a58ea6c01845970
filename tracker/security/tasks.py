"""Housekeeping task: expired sessions are deleted daily (Django leaves them in the table)."""

from celery import shared_task

from tracker.security.sessions import SessionStore


@shared_task(name="security.clear_expired_sessions")
def clear_expired_sessions() -> None:
    """What `manage.py clearsessions` does, on the schedule (expire_date is indexed)."""
    SessionStore.clear_expired()
