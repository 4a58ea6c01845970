"""People and their scope: role, organisation, countries, language, digest choice."""

import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("Ministry coordinator")
    INDUSTRY = "industry", _("Industry staff")
    EMBASSY = "embassy", _("Embassy staff")
    VIEWER = "viewer", _("Viewer")


class User(AbstractUser):
    """A tracker user; what they may see and change follows from role and scope."""

    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.VIEWER)
    organisation = models.ForeignKey(
        "reference.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    countries = models.ManyToManyField(
        "reference.PartnerCountry",
        verbose_name=_("countries"),
        blank=True,
        related_name="users",
        help_text=_("Partner countries an embassy user works on."),
    )
    language = models.CharField(
        _("preferred language"),
        max_length=5,
        choices=[("en", "English"), ("uk", "Українська")],
        default="en",
    )
    digest_opt_in = models.BooleanField(_("receive the weekly digest"), default=True)
    # The secret in the URL of the user's calendar feed; empty until they ask for one.
    # Unique, so the feed finds its user through the index (no scan, no per-user compare).
    calendar_token = models.CharField(
        _("calendar feed token"), max_length=64, unique=True, null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(condition=models.Q(role__in=Role.values), name="user_role_valid"),
            models.CheckConstraint(
                condition=~models.Q(role=Role.INDUSTRY) | models.Q(organisation__isnull=False),
                name="user_industry_has_organisation",
            ),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def is_coordinator(self) -> bool:
        return self.role == Role.COORDINATOR

    @property
    def is_industry(self) -> bool:
        return self.role == Role.INDUSTRY

    @property
    def is_embassy(self) -> bool:
        return self.role == Role.EMBASSY

    @property
    def is_viewer(self) -> bool:
        return self.role == Role.VIEWER

    def country_ids(self) -> set[int]:
        """Ids of the partner countries in this user's scope, cached per instance."""
        if not hasattr(self, "_country_ids"):
            self._country_ids = set(self.countries.values_list("id", flat=True)) if self.is_embassy else set()
        return self._country_ids

    def acts_for_country(self, country_id: int | None = None) -> bool:
        """Whether this user writes for the partner (for any partner when no id is given):
        coordinators for all, embassy staff for their own countries."""
        if self.is_coordinator:
            return True
        if not self.is_embassy:
            return False
        return bool(self.country_ids()) if country_id is None else country_id in self.country_ids()

    def regenerate_calendar_token(self) -> str:
        """Give the calendar feed a new secret URL; the old one stops working at once."""
        self.calendar_token = secrets.token_urlsafe(32)
        self.save(update_fields=["calendar_token"])
        return self.calendar_token

    def stop_calendar_feed(self) -> None:
        """Remove the calendar feed's secret URL."""
        self.calendar_token = None
        self.save(update_fields=["calendar_token"])
