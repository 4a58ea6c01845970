"""Receivers: stamp each sign-in on its session; end all sessions of a deactivated user."""

import time

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_save
from django.dispatch import receiver
from django_otp import user_has_device

from tracker.security.mfa import ENROLLED_SESSION_KEY
from tracker.security.middleware import SIGNED_IN_AT_KEY
from tracker.security.sessions import end_sessions


@receiver(user_logged_in, dispatch_uid="security_stamp_sign_in")
def stamp_sign_in(sender, request, user, **kwargs) -> None:
    """Record when the session began (absolute expiry) and whether the user turned two-factor
    sign-in on (then this session must pass it too)."""
    session = getattr(request, "session", None)
    if session is None:
        return
    session[SIGNED_IN_AT_KEY] = int(time.time())
    session[ENROLLED_SESSION_KEY] = user_has_device(user)


@receiver(post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="security_end_sessions_of_inactive")
def end_sessions_of_inactive_user(sender, instance, **kwargs) -> None:
    """A deactivated user is signed out everywhere at once, not at their next request."""
    if not instance.is_active:
        end_sessions(instance.pk)
