"""Packages: one announcement of a partner with many items (commitments)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tracker.accounts.scope import Reach, scope_of
from tracker.commitments.models.commitment import Marking
from tracker.core.links import reverse_fast


def _editors(user) -> Reach:
    """Who changes a package: coordinators any; embassy staff those their countries announced
    (as with the package's items, an organisation's packages are the coordinators')."""
    return scope_of(user).reach(country="partner__country_id")


class PackageQuerySet(models.QuerySet):
    def visible_to(self, user) -> "PackageQuerySet":
        """Packages are announcements: every signed-in user reads them, restricted ones only
        coordinators and embassy staff of the announcing country (its items keep their own
        markings)."""
        scope = scope_of(user)
        if not scope.signed_in:
            return self.none()
        if scope.sees_all:
            return self
        return self.filter(~Q(marking=Marking.RESTRICTED) | scope.reach(country="partner__country_id").q())

    def editable_by(self, user) -> "PackageQuerySet":
        """The packages the user may change (the rule of `_editors`)."""
        return _editors(user).filter(self)


class Package(models.Model):
    """One announcement of support with many items: each item is a commitment. A joint
    package may be funded by several partners, each share its own commitment."""

    partner = models.ForeignKey(
        "reference.Partner",
        verbose_name=_("announced by"),
        on_delete=models.PROTECT,
        related_name="packages",
    )
    title = models.CharField(_("title"), max_length=300)
    announced_on = models.DateField(_("announced"), null=True, blank=True)
    source_url = models.URLField(_("source link"), max_length=500, blank=True)
    source_document = models.CharField(_("source document"), max_length=300, blank=True)
    marking = models.CharField(_("marking"), max_length=12, choices=Marking.choices, default=Marking.PUBLIC)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = PackageQuerySet.as_manager()

    class Meta:
        ordering = ["-announced_on", "-id"]
        verbose_name = _("package")
        verbose_name_plural = _("packages")
        indexes = [models.Index(fields=["partner", "-announced_on"], name="package_partner_date")]
        constraints = [
            models.CheckConstraint(condition=Q(marking__in=Marking.values), name="package_marking_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.partner} — {self.title}"

    def get_absolute_url(self) -> str:
        return reverse_fast("partners:package", args=[self.pk])

    def can_edit(self, user) -> bool:
        """The rule of `editable_by`, checked on this row (its partner loaded) without a query."""
        return _editors(user).covers(self)
