"""Partner commitments, and the deliveries and amendments that change them."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Max, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tracker.accounts.scope import Reach, scope_of
from tracker.core.fulltext import SearchIndex, text_vector
from tracker.core.money import Unit, validate_currency
from tracker.core.transitions import allowed_targets

# The text fields full-text search reads: its GIN index below and tracker/search/queries.py.
COMMITMENT_TEXT = ("item", "supplier_company")


class Kind(models.TextChoices):
    SUPPLY = "supply", _("Supply")
    FINANCING = "financing", _("Financing of purchases in a third country")
    CO_PRODUCTION = "co_production", _("Co-production")
    REPAIR_BASE = "repair_base", _("Maintenance and repair base")
    TRAINING = "training", _("Training")
    OTHER = "other", _("Other")


class Stage(models.TextChoices):
    DISCUSSED = "discussed", _("Discussed")
    PLEDGED = "pledged", _("Pledged (non-binding)")
    COMMITTED = "committed", _("Committed (firm)")
    CONTRACTED = "contracted", _("Contracted")
    IN_DELIVERY = "in_delivery", _("In delivery")
    FULFILLED = "fulfilled", _("Fulfilled")
    SUSPENDED = "suspended", _("Suspended")
    WITHDRAWN = "withdrawn", _("Withdrawn")


G = Stage
# Allowed stage moves: the only place they are defined.
STAGE_MOVES: dict[str, set[str]] = {
    G.DISCUSSED: {G.PLEDGED, G.COMMITTED, G.WITHDRAWN},
    G.PLEDGED: {G.DISCUSSED, G.COMMITTED, G.SUSPENDED, G.WITHDRAWN},
    G.COMMITTED: {G.CONTRACTED, G.IN_DELIVERY, G.SUSPENDED, G.WITHDRAWN},
    G.CONTRACTED: {G.IN_DELIVERY, G.SUSPENDED, G.WITHDRAWN},
    G.IN_DELIVERY: {G.FULFILLED, G.SUSPENDED, G.WITHDRAWN},
    G.SUSPENDED: {G.PLEDGED, G.COMMITTED, G.CONTRACTED, G.IN_DELIVERY, G.WITHDRAWN},
    G.FULFILLED: {G.IN_DELIVERY},
    G.WITHDRAWN: set(),
}
# The moves recording a delivery makes, and only it (they are not offered as moves by
# hand): from each stage in which goods or money can arrive to "in delivery" when part
# has arrived, or "fulfilled" when all has. A stage missing here receives no delivery.
DELIVERY_MOVES: dict[str, set[str]] = {
    G.PLEDGED: {G.IN_DELIVERY, G.FULFILLED},
    G.COMMITTED: {G.IN_DELIVERY, G.FULFILLED},
    G.CONTRACTED: {G.IN_DELIVERY, G.FULFILLED},
    G.IN_DELIVERY: {G.FULFILLED},
}
# Stages that count as a promise in totals ("pledged" figures).
PROMISE_STAGES = {G.PLEDGED, G.COMMITTED, G.CONTRACTED, G.IN_DELIVERY, G.FULFILLED, G.SUSPENDED}


class Marking(models.TextChoices):
    PUBLIC = "public", _("Public")
    OFFICIAL = "official", _("Official use")
    RESTRICTED = "restricted", _("Restricted")


def _editors(user) -> Reach:
    """Who changes a commitment: coordinators any; embassy staff those of their countries."""
    return scope_of(user).reach(country="country_id")


class CommitmentQuerySet(models.QuerySet):
    def visible_to(self, user) -> "CommitmentQuerySet":
        """Everything but restricted commitments; those only reach coordinators and users
        whose countries or enterprises cover them."""
        scope = scope_of(user)
        if not scope.signed_in:
            return self.none()
        if scope.sees_all:
            return self
        covering = scope.reach(country="country_id", enterprise="project__enterprise_id")
        return self.filter(~Q(marking=Marking.RESTRICTED) | covering.q())

    def scope_key(self, user) -> str:
        """Names what visible_to(user) shows: users with the same key see the same rows
        (visible_to reads only the facts the scope's key names)."""
        return scope_of(user).key

    def data_version(self) -> str:
        """Changes whenever a commitment is added or saved: the highest id (ids are never
        reused) and the latest save, read from two indexes (a count would read the table).
        Deleting a commitment (the admin's, rare) does not change it."""
        figures = self.order_by().aggregate(last=Max("id"), saved=Max("updated_at"))
        saved = figures["saved"].timestamp() if figures["saved"] else 0
        return f"{figures['last']}-{saved}"

    def editable_by(self, user) -> "CommitmentQuerySet":
        """The commitments the user may change (the rule of `_editors`)."""
        return _editors(user).filter(self)


class Commitment(models.Model):
    """What a partner country promised, under a priority and optionally for a project."""

    country = models.ForeignKey(
        "reference.PartnerCountry",
        verbose_name=_("partner country"),
        on_delete=models.PROTECT,
        related_name="commitments",
    )
    priority = models.ForeignKey(
        "reference.Priority",
        verbose_name=_("priority"),
        on_delete=models.PROTECT,
        related_name="commitments",
    )
    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="commitments",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    capability = models.ForeignKey(
        "reference.CapabilityCategory",
        verbose_name=_("capability"),
        on_delete=models.PROTECT,
        related_name="commitments",
    )
    item = models.CharField(_("item"), max_length=300)
    quantity = models.PositiveBigIntegerField(_("quantity"), null=True, blank=True)
    unit = models.CharField(_("unit"), max_length=20, choices=Unit.choices, blank=True)
    amount = models.DecimalField(_("amount"), max_digits=16, decimal_places=2, null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, blank=True, validators=[validate_currency])
    supplier_country = models.ForeignKey(
        "reference.PartnerCountry",
        verbose_name=_("supplier country"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="supplied_commitments",
        help_text=_("For financing: the third country that sells."),
    )
    supplier_company = models.CharField(_("supplier company"), max_length=200, blank=True)
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, default=Stage.PLEDGED)
    announced_on = models.DateField(_("announced"), null=True, blank=True)
    expected_by = models.DateField(_("expected completion"), null=True, blank=True)
    marking = models.CharField(_("marking"), max_length=12, choices=Marking.choices, default=Marking.OFFICIAL)
    # Kept equal to the sum of deliveries by services.record_delivery, in the same
    # transaction, so lists and totals need no aggregate per row. Never typed in.
    delivered_quantity = models.PositiveBigIntegerField(_("delivered quantity"), default=0, editable=False)
    delivered_amount = models.DecimalField(
        _("delivered amount"), max_digits=16, decimal_places=2, default=Decimal(0), editable=False
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = CommitmentQuerySet.as_manager()

    class Meta:
        ordering = ["-announced_on", "-id"]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        indexes = [
            models.Index(fields=["country", "stage"], name="commitment_country_stage"),
            models.Index(fields=["priority", "stage"], name="commitment_priority_stage"),
            models.Index(fields=["project"], name="commitment_project"),
            models.Index(fields=["marking"], name="commitment_marking"),
            models.Index(fields=["-updated_at"], name="commitment_updated"),
            SearchIndex(text_vector(COMMITMENT_TEXT), name="commitment_search"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(stage__in=Stage.values), name="commitment_stage_valid"),
            models.CheckConstraint(condition=Q(kind__in=Kind.values), name="commitment_kind_valid"),
            models.CheckConstraint(condition=Q(marking__in=Marking.values), name="commitment_marking_valid"),
            models.CheckConstraint(
                condition=Q(quantity__isnull=False) | Q(amount__isnull=False),
                name="commitment_quantity_or_amount",
            ),
            models.CheckConstraint(
                condition=Q(quantity__isnull=True) | ~Q(unit=""), name="commitment_quantity_has_unit"
            ),
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(currency__regex=r"^[A-Z]{3}$"),
                name="commitment_amount_has_currency",
            ),
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0), name="commitment_amount_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(delivered_quantity=0)
                | Q(quantity__isnull=False, delivered_quantity__lte=models.F("quantity")),
                name="commitment_delivered_quantity_within_promise",
            ),
            models.CheckConstraint(
                condition=Q(delivered_amount=0)
                | Q(amount__isnull=False, delivered_amount__lte=models.F("amount")),
                name="commitment_delivered_amount_within_promise",
            ),
            models.CheckConstraint(
                condition=Q(expected_by__isnull=True)
                | Q(announced_on__isnull=True)
                | Q(expected_by__gte=models.F("announced_on")),
                name="commitment_expected_after_announced",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.country} — {self.item}"

    def get_absolute_url(self) -> str:
        return reverse("commitments:detail", args=[self.pk])

    @property
    def is_restricted(self) -> bool:
        return self.marking == Marking.RESTRICTED

    @property
    def progress(self) -> int:
        """Delivered share of the promise in whole percent, by quantity when there is one."""
        if self.quantity:
            return min(100, int(self.delivered_quantity * 100 / self.quantity))
        if self.amount:
            return min(100, int(self.delivered_amount * 100 / self.amount))
        return 0

    @property
    def is_fully_delivered(self) -> bool:
        return (self.quantity is None or self.delivered_quantity >= self.quantity) and (
            self.amount is None or self.delivered_amount >= self.amount
        )

    @property
    def accepts_deliveries(self) -> bool:
        """Whether a delivery may be recorded in the current stage (DELIVERY_MOVES)."""
        return self.stage in DELIVERY_MOVES

    def stage_after_delivery(self) -> str:
        """The stage a delivery leaves the commitment in, given its delivered totals."""
        return Stage.FULFILLED if self.is_fully_delivered else Stage.IN_DELIVERY

    def allowed_stages(self) -> list[tuple[str, str]]:
        return allowed_targets(Stage.choices, STAGE_MOVES, self.stage)

    def can_edit(self, user) -> bool:
        """The rule of `editable_by`, checked on this row without a query."""
        return _editors(user).covers(self)

    @staticmethod
    def may_create(user, country_id: int | None = None) -> bool:
        """Whether the user may record a commitment of the partner (of some partner when no
        id is given): the rule of `editable_by` for a commitment not yet saved."""
        editors = _editors(user)
        return editors.reaches_any() if country_id is None else editors.admits(country_id=country_id)


class SourceReference(models.Model):
    """Where a commitment is documented: a public link or a document reference."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="sources")
    url = models.URLField(_("link"), max_length=500, blank=True)
    document = models.CharField(_("document reference"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("source reference")
        verbose_name_plural = _("source references")
        constraints = [
            models.CheckConstraint(
                condition=~Q(url="") | ~Q(document=""), name="source_has_link_or_document"
            ),
        ]

    def __str__(self) -> str:
        return self.url or self.document


class Delivery(models.Model):
    """A dated arrival of part of a commitment; delivered totals are the sum of these."""

    commitment = models.ForeignKey(Commitment, on_delete=models.PROTECT, related_name="deliveries")
    delivered_on = models.DateField(_("date"))
    quantity = models.PositiveBigIntegerField(_("quantity"), null=True, blank=True)
    amount = models.DecimalField(_("amount"), max_digits=16, decimal_places=2, null=True, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["delivered_on", "id"]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        indexes = [models.Index(fields=["commitment", "delivered_on"], name="delivery_commitment_date")]
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__isnull=False, quantity__gt=0) | Q(amount__isnull=False, amount__gt=0),
                name="delivery_quantity_or_amount",
            ),
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0), name="delivery_amount_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.commitment_id}: {self.delivered_on}"


class AmendmentReason(models.TextChoices):
    INCREASE = "increase", _("Increase")
    REDUCTION = "reduction", _("Reduction")
    WITHDRAWAL = "withdrawal", _("Withdrawal")
    CORRECTION = "correction", _("Correction")


class Amendment(models.Model):
    """A change of the promised quantity or amount, with its reason and the old values."""

    commitment = models.ForeignKey(Commitment, on_delete=models.PROTECT, related_name="amendments")
    reason = models.CharField(_("reason"), max_length=12, choices=AmendmentReason.choices)
    old_quantity = models.PositiveBigIntegerField(null=True, blank=True)
    new_quantity = models.PositiveBigIntegerField(_("new quantity"), null=True, blank=True)
    old_amount = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)
    new_amount = models.DecimalField(_("new amount"), max_digits=16, decimal_places=2, null=True, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    amended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    amended_at = models.DateTimeField(_("amended"), auto_now_add=True)

    class Meta:
        ordering = ["amended_at", "id"]
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")
        constraints = [
            models.CheckConstraint(
                condition=Q(reason__in=AmendmentReason.values), name="amendment_reason_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.commitment_id}: {self.get_reason_display()}"
