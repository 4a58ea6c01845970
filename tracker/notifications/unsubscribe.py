"""Signed one-click unsubscribe tokens: they name a user and cannot be forged or altered."""

from django.core import signing

from tracker.accounts.models import User

SALT = "tracker.notifications.unsubscribe"


def make_token(user: User) -> str:
    """A URL-safe token that stands for "stop the digest of this user"."""
    return signing.dumps(user.pk, salt=SALT)


def user_for(token: str) -> User | None:
    """The user a token names, or None when it was tampered with or the user is gone."""
    try:
        pk = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(pk, int):
        return None
    return User.objects.filter(pk=pk).first()
