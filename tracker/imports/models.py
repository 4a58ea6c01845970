"""An uploaded file's rows, kept between the preview and the apply step."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# A preview not applied within a day is dropped: nobody applies an old preview blindly.
PENDING_LIFETIME = datetime.timedelta(days=1)


class ImportKind(models.TextChoices):
    COMMITMENTS = "commitments", _("Commitments")
    DELIVERIES = "deliveries", _("Arrivals and payments")


class PendingImportQuerySet(models.QuerySet):
    def current(self) -> "PendingImportQuerySet":
        """Previews young enough to apply."""
        return self.filter(created_at__gte=timezone.now() - PENDING_LIFETIME)


class PendingImport(models.Model):
    """The parsed rows of one upload, as text, for one uploader.

    Kept in the database rather than the session (which every request loads, and which
    would carry up to 2 MB) or a file (no upload ever touches the disk). The rows are
    checked again when applied, so nothing here is trusted.
    """

    uploader = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=12, choices=ImportKind.choices)
    filename = models.CharField(_("file name"), max_length=200)
    # [{"line": spreadsheet row number, "values": {column key: text}}, ...]
    rows = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PendingImportQuerySet.as_manager()

    class Meta:
        verbose_name = _("pending import")
        verbose_name_plural = _("pending imports")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=ImportKind.values), name="pendingimport_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_kind_display()})"
