"""Sessions that know their user, and the record of refused requests."""

from django.conf import settings
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models
from django.utils.translation import gettext_lazy as _


class Session(AbstractBaseSession):
    """Django's database session plus the signed-in user, so that all sessions of one user can
    be ended at once (deactivation) without decoding every session in the table."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )

    class Meta(AbstractBaseSession.Meta):
        db_table = "security_session"

    @classmethod
    def get_session_store_class(cls):
        from tracker.security.sessions import SessionStore

        return SessionStore


class RefusedAccess(models.Model):
    """A request answered 403 (forbidden), or 404 by a view on a real route: the trace of
    someone trying what is not theirs. Written by RefusedAccessMiddleware, never edited."""

    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    username = models.CharField(_("username"), max_length=150, blank=True)
    ip_address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    method = models.CharField(_("method"), max_length=10)
    path = models.CharField(_("path"), max_length=500)
    view_name = models.CharField(_("view"), max_length=200, blank=True)
    status = models.PositiveSmallIntegerField(_("status"))

    class Meta:
        verbose_name = _("refused access")
        verbose_name_plural = _("refused accesses")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.status} {self.method} {self.path}"
