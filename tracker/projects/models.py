"""Industry projects that need partner assistance."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tracker.accounts.scope import Reach, scope_of
from tracker.core.fulltext import SearchIndex, text_vector
from tracker.core.transitions import allowed_targets

# The text fields full-text search reads: its GIN index below and tracker/search/queries.py.
PROJECT_TEXT = ("reference", "title", "description")


class Status(models.TextChoices):
    IDENTIFIED = "identified", _("Identified")
    SEEKING_PARTNERS = "seeking_partners", _("Seeking partners")
    IN_NEGOTIATION = "in_negotiation", _("In negotiation")
    AGREED = "agreed", _("Agreed")
    IN_IMPLEMENTATION = "in_implementation", _("In implementation")
    COMPLETED = "completed", _("Completed")
    ON_HOLD = "on_hold", _("On hold")
    CANCELLED = "cancelled", _("Cancelled")


S = Status
# Allowed status moves: the only place they are defined.
STATUS_MOVES: dict[str, set[str]] = {
    S.IDENTIFIED: {S.SEEKING_PARTNERS, S.ON_HOLD, S.CANCELLED},
    S.SEEKING_PARTNERS: {S.IDENTIFIED, S.IN_NEGOTIATION, S.ON_HOLD, S.CANCELLED},
    S.IN_NEGOTIATION: {S.SEEKING_PARTNERS, S.AGREED, S.ON_HOLD, S.CANCELLED},
    S.AGREED: {S.IN_NEGOTIATION, S.IN_IMPLEMENTATION, S.ON_HOLD, S.CANCELLED},
    S.IN_IMPLEMENTATION: {S.COMPLETED, S.ON_HOLD, S.CANCELLED},
    S.ON_HOLD: {
        S.IDENTIFIED,
        S.SEEKING_PARTNERS,
        S.IN_NEGOTIATION,
        S.AGREED,
        S.IN_IMPLEMENTATION,
        S.CANCELLED,
    },
    S.COMPLETED: set(),
    S.CANCELLED: {S.IDENTIFIED},
}


class Health(models.TextChoices):
    ON_TRACK = "on_track", _("On track")
    AT_RISK = "at_risk", _("At risk")
    OFF_TRACK = "off_track", _("Off track")


class AssistanceKind(models.TextChoices):
    FINANCING = "financing", _("Financing")
    COMPONENTS = "components", _("Components")
    TECHNOLOGY_TRANSFER = "technology_transfer", _("Technology transfer")
    CO_PRODUCTION = "co_production", _("Co-production")
    REPAIR_BASE = "repair_base", _("Maintenance and repair base")
    SUPPLY = "supply", _("Supply")


def _editors(user) -> Reach:
    """Who changes a project: coordinators any; industry staff those of their enterprises."""
    return scope_of(user).reach(enterprise="enterprise_id")


class ProjectQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ProjectQuerySet":
        """Every signed-in user may read projects; archived ones are hidden from lists."""
        if not scope_of(user).signed_in:
            return self.none()
        return self.filter(is_archived=False)

    def editable_by(self, user) -> "ProjectQuerySet":
        """The visible projects the user may change (the rule of `_editors`)."""
        return _editors(user).filter(self.visible_to(user))


class Project(models.Model):
    """Something specific an enterprise needs a partner for."""

    reference = models.SlugField(_("reference code"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    enterprise = models.ForeignKey(
        "reference.Organisation",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="projects",
    )
    priority = models.ForeignKey(
        "reference.Priority",
        verbose_name=_("priority"),
        on_delete=models.PROTECT,
        related_name="projects",
    )
    capability = models.ForeignKey(
        "reference.CapabilityCategory",
        verbose_name=_("capability"),
        on_delete=models.PROTECT,
        related_name="projects",
    )
    assistance = models.CharField(_("assistance needed"), max_length=30, choices=AssistanceKind.choices)
    estimated_value = models.DecimalField(
        _("estimated value"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_projects",
    )
    target_date = models.DateField(_("target date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.IDENTIFIED)
    health = models.CharField(_("health"), max_length=10, choices=Health.choices, default=Health.ON_TRACK)
    health_reason = models.CharField(_("health reason"), max_length=500, blank=True)
    candidate_countries = models.ManyToManyField(
        "reference.PartnerCountry",
        verbose_name=_("candidate partner countries"),
        blank=True,
        related_name="candidate_projects",
    )
    is_archived = models.BooleanField(_("archived"), default=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["reference"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        indexes = [
            models.Index(fields=["status", "priority"], name="project_status_priority"),
            models.Index(fields=["priority", "status"], name="project_priority_status"),
            models.Index(fields=["health"], name="project_health"),
            models.Index(fields=["-updated_at"], name="project_updated"),
            SearchIndex(text_vector(PROJECT_TEXT), name="project_search"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=Status.values), name="project_status_valid"),
            models.CheckConstraint(condition=Q(health__in=Health.values), name="project_health_valid"),
            models.CheckConstraint(
                condition=Q(assistance__in=AssistanceKind.values), name="project_assistance_valid"
            ),
            models.CheckConstraint(
                condition=Q(health=Health.ON_TRACK) | ~Q(health_reason=""),
                name="project_health_reason_required",
            ),
            models.CheckConstraint(
                condition=Q(estimated_value__isnull=True) | Q(currency__regex=r"^[A-Z]{3}$"),
                name="project_value_has_currency",
            ),
            models.CheckConstraint(
                condition=Q(estimated_value__isnull=True) | Q(estimated_value__gte=0),
                name="project_value_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} — {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("projects:detail", args=[self.pk])

    def can_edit(self, user) -> bool:
        """The rule of `editable_by`, checked on this row without a query."""
        return _editors(user).covers(self)

    @staticmethod
    def may_create(user) -> bool:
        """Coordinators file projects for any enterprise; industry staff for their own."""
        scope = scope_of(user)
        return scope.sees_all or scope.enterprise_bound

    def allowed_statuses(self) -> list[tuple[str, str]]:
        return allowed_targets(Status.choices, STATUS_MOVES, self.status)
