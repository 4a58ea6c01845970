"""People and their scope: role, organisation, countries, language, digest choice."""

import functools
import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from tracker.accounts.scope import Scope


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

    @functools.cached_property
    def scope(self) -> Scope:
        """What this user may see and change (tracker/accounts/scope.py), worked out once
        per instance: a request's user reads its countries and enterprises once."""
        return Scope(self)

    def regenerate_calendar_token(self) -> str:
        """Give the calendar feed a new secret URL; the old one stops working at once."""
        self.calendar_token = secrets.token_urlsafe(32)
        self.save(update_fields=["calendar_token"])
        return self.calendar_token

    def stop_calendar_feed(self) -> None:
        """Remove the calendar feed's secret URL."""
        self.calendar_token = None
        self.save(update_fields=["calendar_token"])
