"""Industry projects that need partner assistance."""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, OuterRef, Q
from django.db.models.functions import TruncDate
from django.db.models.lookups import Regex
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from tracker.accounts.scope import Reach, scope_of
from tracker.core.forms import EARLIEST_DATE, LATEST_DATE
from tracker.core.fulltext import SearchIndex, text_vector
from tracker.core.links import reverse_fast
from tracker.core.money import Unit
from tracker.core.rough_dates import EffectiveDate, precision_constraints
from tracker.core.transitions import allowed_targets, state_on
from tracker.core.versions import data_version
from tracker.reference.models import Organisation

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
# Statuses no work is expected in: the board folds them into one summary column.
CLOSED_STATUSES = frozenset({S.COMPLETED, S.CANCELLED})
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


class Arrangement(models.TextChoices):
    """How a Ukrainian enterprise and partner-side companies work together (priority 3)."""

    LICENCE = "licence", _("Licence")
    JOINT_VENTURE = "joint_venture", _("Joint venture")
    LOCALISED_ASSEMBLY = "localised_assembly", _("Localised assembly")
    CO_PRODUCTION = "co_production", _("Co-production of parts")
    REPAIR_HUB = "repair_hub", _("Maintenance/repair hub")


class CapacityPeriod(models.TextChoices):
    MONTH = "month", _("per month")
    YEAR = "year", _("per year")


class Location(models.TextChoices):
    """Where a joint project's site is, derived from its location country."""

    UKRAINE = "ukraine", _("in Ukraine")
    ABROAD = "abroad", _("abroad")


UKRAINE = "UA"


def located(where: str) -> Q:
    """Projects whose site is in Ukraine, or abroad (a country given, not Ukraine)."""
    if where == Location.UKRAINE:
        return Q(location_country=UKRAINE)
    return ~Q(location_country="") & ~Q(location_country=UKRAINE)


class ProjectQuerySet(models.QuerySet):
    def with_status(self, as_of: datetime.date | None = None) -> "ProjectQuerySet":
        """Projects with `f_status`: today's, or the status on `as_of` from the last status move
        that took effect by then (projects created after it left out)."""
        if as_of is None:
            return self.annotate(f_status=F("status"))
        # StatusMove is defined below, with the projects it moves.
        moves = StatusMove.objects.filter(project=OuterRef("pk"))
        return (
            self.annotate(created_on=TruncDate("created_at"))
            .filter(created_on__lte=as_of)
            .annotate(f_status=state_on(moves, as_of, "status"))
        )

    def data_version(self) -> str:
        """Changes whenever a project is added or saved (not when one is deleted)."""
        return data_version(self)

    def visible_to(self, user) -> "ProjectQuerySet":
        """Every signed-in user may read projects; archived ones are hidden from lists."""
        if not scope_of(user).signed_in:
            return self.none()
        return self.filter(is_archived=False)

    def editable_by(self, user) -> "ProjectQuerySet":
        """The visible projects the user may change (the rule of `_editors`)."""
        return _editors(user).filter(self.visible_to(user))


def _check(condition: Q, name: str, message) -> models.CheckConstraint:
    # A CHECK passes when its condition is NULL: every comparison with a nullable column
    # below says `__isnull=False` beside it.
    return models.CheckConstraint(condition=condition, name=name, violation_error_message=message)


# Every rule the project form checks on the priority-3 and needs fields, kept by the database too.
JOINT_PRODUCTION_CONSTRAINTS = [
    _check(
        Q(arrangement="") | Q(arrangement__in=Arrangement.values),
        "project_arrangement_valid",
        _("Choose one of the arrangements."),
    ),
    _check(
        # The lookup class itself: django-countries reads `location_country__regex` as a
        # regex on country names.
        Q(Regex(F("location_country"), r"^([A-Z]{2})?$")),
        "project_location_country_code",
        _("The location country is a two-letter ISO code."),
    ),
    _check(
        Q(location_city="") | ~Q(location_country=""),
        "project_location_city_has_country",
        _("Give the country of the location."),
    ),
    _check(
        Q(capacity_period="") | Q(capacity_period__in=CapacityPeriod.values),
        "project_capacity_period_valid",
        _("Capacity is per month or per year."),
    ),
    _check(
        Q(capacity_quantity__isnull=True, capacity_unit="", capacity_period="")
        | (
            Q(capacity_quantity__isnull=False, capacity_quantity__gt=0)
            & ~Q(capacity_unit="")
            & ~Q(capacity_period="")
        ),
        "project_capacity_complete",
        _("A planned capacity is a quantity above zero with its unit and its period."),
    ),
    _check(
        Q(localisation_share__isnull=True) | Q(localisation_share__gte=0, localisation_share__lte=100),
        "project_localisation_share_percent",
        _("The localisation share is a percentage from 0 to 100."),
    ),
    _check(
        Q(needed_quantity__isnull=True, needed_unit="")
        | (Q(needed_quantity__isnull=False, needed_quantity__gt=0) & ~Q(needed_unit="")),
        "project_needed_quantity_has_unit",
        _("A needed quantity is above zero and has its unit."),
    ),
]


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
    # Joint production, maintenance and repair (priority 3); blank for other projects.
    partner_companies = models.ManyToManyField(
        "reference.Organisation",
        verbose_name=_("partner companies"),
        blank=True,
        limit_choices_to={"kind": Organisation.Kind.PARTNER_COMPANY},
        related_name="joint_projects",
    )
    arrangement = models.CharField(_("arrangement"), max_length=20, choices=Arrangement.choices, blank=True)
    location_country = CountryField(_("location country"), blank=True)
    location_city = models.CharField(_("location city"), max_length=100, blank=True)
    capacity_quantity = models.PositiveBigIntegerField(_("planned capacity"), null=True, blank=True)
    capacity_unit = models.CharField(_("capacity unit"), max_length=20, choices=Unit.choices, blank=True)
    capacity_period = models.CharField(
        _("capacity period"), max_length=5, choices=CapacityPeriod.choices, blank=True
    )
    localisation_share = models.PositiveSmallIntegerField(
        _("localisation share (%)"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    # What the project needs besides its estimated value (the funding gap compares both
    # with what is secured).
    needed_quantity = models.PositiveBigIntegerField(_("needed quantity"), null=True, blank=True)
    needed_unit = models.CharField(_("needed unit"), max_length=20, choices=Unit.choices, blank=True)
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
            # The list's filters by arrangement and by location (in Ukraine / abroad).
            models.Index(fields=["arrangement"], name="project_arrangement"),
            models.Index(fields=["location_country"], name="project_location_country"),
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
            *JOINT_PRODUCTION_CONSTRAINTS,
        ]

    def __str__(self) -> str:
        return f"{self.reference} — {self.title}"

    def get_absolute_url(self) -> str:
        return reverse_fast("projects:detail", args=[self.pk])

    def as_it_was(self) -> "Project":
        """This project showing the status with_status(as_of) read, for a list as it was;
        never saved."""
        self.status = self.f_status
        self.save = None  # a project as it was is not the project now
        return self

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

    @property
    def location(self) -> str:
        """Location.UKRAINE or Location.ABROAD; empty when no location country is given."""
        if not self.location_country:
            return ""
        return Location.UKRAINE if self.location_country == UKRAINE else Location.ABROAD

    def get_location_display(self) -> str:
        return Location(self.location).label if self.location else ""


class MilestoneKind(models.TextChoices):
    """The dated steps of a joint project, in the order they come."""

    AGREEMENT_SIGNED = "agreement_signed", _("Agreement signed")
    SITE_READY = "site_ready", _("Site ready")
    FIRST_UNIT = "first_unit", _("First unit")
    FULL_RATE = "full_rate", _("Full rate")


class MilestoneQuerySet(models.QuerySet):
    def in_order(self) -> "MilestoneQuerySet":
        """Milestones in the order they come (agreement signed first), not alphabetically."""
        order = models.Case(
            *(models.When(kind=kind, then=n) for n, kind in enumerate(MilestoneKind.values)),
            output_field=models.IntegerField(),
        )
        return self.order_by("project_id", order)


def _plausible(name: str) -> Q:
    return Q(**{f"{name}__isnull": True}) | Q(**{f"{name}__range": (EARLIEST_DATE, LATEST_DATE)})


class Milestone(models.Model):
    """A dated step of a joint project: planned, and actual once reached."""

    project = models.ForeignKey(
        Project,
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="milestones",
        db_index=False,  # the unique (project, kind) index serves lookups by project
    )
    kind = models.CharField(_("milestone"), max_length=20, choices=MilestoneKind.choices)
    planned_on = models.DateField(_("planned date"), null=True, blank=True)
    actual_on = models.DateField(_("actual date"), null=True, blank=True)

    objects = MilestoneQuerySet.as_manager()

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "kind"],
                name="milestone_one_per_kind",
                violation_error_message=_("A project has each milestone once."),
            ),
            _check(
                Q(kind__in=MilestoneKind.values), "milestone_kind_valid", _("Choose one of the milestones.")
            ),
            _check(
                Q(planned_on__isnull=False) | Q(actual_on__isnull=False),
                "milestone_has_a_date",
                _("Give the planned or the actual date of the milestone."),
            ),
            _check(
                _plausible("planned_on"), "milestone_planned_plausible", _("The planned date is implausible.")
            ),
            _check(
                _plausible("actual_on"), "milestone_actual_plausible", _("The actual date is implausible.")
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project.reference} — {self.get_kind_display()}"

    @property
    def is_late(self) -> bool:
        """Reached after its planned date, or not reached and the planned date has passed."""
        if self.planned_on is None:
            return False
        if self.actual_on is not None:
            return self.actual_on > self.planned_on
        return self.planned_on < timezone.localdate()


# History records a milestone's dates on its project as "milestone:<kind>:<field>".
MILESTONE_HISTORY_PREFIX = "milestone"
MILESTONE_DATES = ("planned_on", "actual_on")


def milestone_history_key(kind: str, field: str) -> str:
    """The name under which history records one date of one milestone of a project."""
    return f"{MILESTONE_HISTORY_PREFIX}:{kind}:{field}"


def milestone_history_field(name: str) -> tuple[str, models.Field] | None:
    """The label and field of a milestone date history recorded on a project, so the
    timeline shows "Milestone “First unit”, planned date: 01/03/2027 → 01/04/2027"."""
    prefix, _sep, rest = name.partition(":")
    kind, _sep, field_name = rest.partition(":")
    if (
        prefix != MILESTONE_HISTORY_PREFIX
        or kind not in MilestoneKind.values
        or field_name not in MILESTONE_DATES
    ):
        return None
    field = Milestone._meta.get_field(field_name)
    label = gettext("Milestone “%(kind)s”, %(field)s") % {
        "kind": MilestoneKind(kind).label,
        "field": field.verbose_name,
    }
    return label, field


class StatusMove(EffectiveDate):
    """A project's move from one status to another; its status "as of" a date reads these."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="status_moves")
    from_status = models.CharField(_("from"), max_length=20, choices=Status.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=Status.choices)
    moved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["effective_on", "id"]
        verbose_name = _("status move")
        verbose_name_plural = _("status moves")
        indexes = [models.Index(fields=["project", "effective_on"], name="statusmove_project_date")]
        constraints = [
            models.CheckConstraint(
                condition=Q(from_status__in=Status.values, to_status__in=Status.values)
                & ~Q(from_status=F("to_status")),
                name="statusmove_statuses_valid",
            ),
            *precision_constraints("effective", "statusmove_effective"),
        ]

    def __str__(self) -> str:
        return f"{self.project_id}: {self.from_status} → {self.to_status}"
