"""Session engine (SESSION_ENGINE): Django's database sessions in a table that also records
the user, so `end_sessions(user)` is one DELETE."""

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore as DBStore

from tracker.security.models import Session


class SessionStore(DBStore):
    """Database session store writing the signed-in user's id beside the session data."""

    @classmethod
    def get_model_class(cls):
        return Session

    def create_model_instance(self, data):
        session = super().create_model_instance(data)
        try:
            session.user_id = int(data.get(SESSION_KEY))
        except (TypeError, ValueError):  # anonymous session, or an id we did not write
            session.user_id = None
        return session


def end_sessions(user_id: int) -> int:
    """Delete every session of one user (they must sign in again); return how many."""
    deleted, _ = Session.objects.filter(user_id=user_id).delete()
    return deleted
