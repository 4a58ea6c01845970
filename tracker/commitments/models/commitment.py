"""Partner commitments: the promise, its stage and its moves, financing rules, scope."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    DecimalField,
    Exists,
    F,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, TruncDate
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from tracker.accounts.scope import Reach, scope_of
from tracker.core.fulltext import SearchIndex, text_vector
from tracker.core.links import reverse_fast
from tracker.core.money import Unit, validate_currency
from tracker.core.rough_dates import display, period_start_field, precision_constraints, precision_field
from tracker.core.transitions import allowed_targets, state_on
from tracker.core.versions import data_version
from tracker.reference.models import NOT_SELLERS, UKRAINE, Organisation, validate_seller_country

# The text fields full-text search reads: its GIN index below and tracker/search/queries.py.
COMMITMENT_TEXT = ("item",)


class Kind(models.TextChoices):
    SUPPLY = "supply", _("Supply")
    FINANCING = "financing", _("Financing of purchases in a third country")
    UKRAINIAN_PRODUCTION = "ukrainian_production", _("Financing of production in Ukraine (Danish model)")
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


class Level:
    """How firm a promise is, read side by side and never added together."""

    ANNOUNCED = "announced"
    COMMITTED = "committed"
    SUSPENDED = "suspended"


LEVEL_STAGES = {
    Level.ANNOUNCED: [Stage.PLEDGED],
    Level.COMMITTED: [Stage.COMMITTED, Stage.CONTRACTED, Stage.IN_DELIVERY, Stage.FULFILLED],
    Level.SUSPENDED: [Stage.SUSPENDED],
}
# Stages whose arrivals and payments count: every stage something can have arrived in.
COUNTED_STAGES = [stage for stages in LEVEL_STAGES.values() for stage in stages] + [Stage.WITHDRAWN]


def level_of_stage(field: str = "f_stage"):
    """The promise level of a commitment's stage, as a database expression ("" for none)."""
    return Case(
        *(When(**{f"{field}__in": stages}, then=Value(level)) for level, stages in LEVEL_STAGES.items()),
        default=Value(""),
        output_field=CharField(),
    )


class Marking(models.TextChoices):
    PUBLIC = "public", _("Public")
    OFFICIAL = "official", _("Official use")
    RESTRICTED = "restricted", _("Restricted")


# Priority 2: money of a partner for arms bought from a seller.
FINANCING_KINDS = {Kind.FINANCING, Kind.UKRAINIAN_PRODUCTION}


class Instrument(models.TextChoices):
    GRANT = "grant", _("Grant")
    LOAN = "loan", _("Loan")
    CONTRIBUTION = "contribution", _("Contribution to a fund or initiative")
    REIMBURSEMENT = "reimbursement", _("Reimbursement")
    GUARANTEE = "guarantee", _("Guarantee")


class Funding(models.TextChoices):
    OWN = "own", _("The partner's own money or stocks")
    POOLED = "pooled", _("Pooled: bought with money its members contributed")


def _editors(user) -> Reach:
    """Who changes a commitment: coordinators any; embassy staff those of their countries'
    partners (an organisation's commitments are the coordinators')."""
    return scope_of(user).reach(country="partner__country_id")


class CommitmentQuerySet(models.QuerySet):
    def visible_to(self, user) -> "CommitmentQuerySet":
        """Everything but restricted commitments; those only reach coordinators and users
        whose countries or enterprises cover them."""
        scope = scope_of(user)
        if not scope.signed_in:
            return self.none()
        if scope.sees_all:
            return self
        covering = scope.reach(country="partner__country_id", enterprise="project__enterprise_id")
        return self.filter(~Q(marking=Marking.RESTRICTED) | covering.q())

    def with_state(self, as_of: datetime.date | None = None) -> "CommitmentQuerySet":
        """The commitments with their state as `f_*` fields: today's (their own columns), or as
        it was on `as_of`, read from the dated events — the stage from the last stage move that
        took effect by then, the promise from the last amendment, what arrived and was paid by
        then — and only those announced by then (or, undated, recorded by then). Dates known
        roughly count from the end of their period. The one query shape of every total."""
        if as_of is None:
            return self.annotate(
                f_stage=F("stage"),
                f_quantity=F("quantity"),
                f_amount=F("amount"),
                f_arrived=F("delivered_quantity"),
                f_paid=F("paid_amount"),
                f_undisclosed=F("paid_undisclosed"),
            )
        # The dated events are models of ledger.py, which imports this module.
        from tracker.commitments.models.ledger import Amendment, Delivery, Payment, StageMove

        here = OuterRef("pk")
        moves = StageMove.objects.filter(commitment=here)
        amendments = Amendment.objects.filter(commitment=here)
        last = amendments.filter(effective_on__lte=as_of).order_by("-effective_on", "-id")
        first = amendments.order_by("effective_on", "id")

        def promised(field: str):
            return Case(
                When(Exists(last), then=Subquery(last.values(f"new_{field}")[:1])),
                When(Exists(first), then=Subquery(first.values(f"old_{field}")[:1])),
                default=F(field),
            )

        def summed(model, date: str, field: str):
            rows = model.objects.filter(commitment=here, **{f"{date}__lte": as_of}).order_by()
            return Subquery(rows.values("commitment").annotate(total=Sum(field)).values("total")[:1])

        money = DecimalField(max_digits=18, decimal_places=2)
        payments = Payment.objects.filter(commitment=here, paid_on__lte=as_of, amount_undisclosed=True)
        announced = Q(announced_on__lte=as_of) | Q(announced_on__isnull=True, recorded_on__lte=as_of)
        return (
            self.annotate(recorded_on=TruncDate("created_at"))
            .filter(announced)
            .annotate(
                f_stage=state_on(moves, as_of, "stage"),
                f_quantity=promised("quantity"),
                f_amount=promised("amount"),
                f_arrived=Coalesce(summed(Delivery, "delivered_on", "quantity"), 0),
                f_paid=Coalesce(summed(Payment, "paid_on", "amount"), Value(Decimal(0)), output_field=money),
                f_undisclosed=Exists(payments, output_field=BooleanField()),
            )
        )

    def scope_key(self, user) -> str:
        """Names what visible_to(user) shows: users with the same key see the same rows
        (visible_to reads only the facts the scope's key names)."""
        return scope_of(user).key

    def data_version(self) -> str:
        """Changes whenever a commitment is added or saved: the highest id (ids are never
        reused) and the latest save, read from two indexes (a count would read the table).
        Deleting a commitment (the admin's, rare) does not change it."""
        return data_version(self)

    def editable_by(self, user) -> "CommitmentQuerySet":
        """The commitments the user may change (the rule of `_editors`)."""
        return _editors(user).filter(self)


class Commitment(models.Model):
    """What one partner promised, under a priority and optionally for a project or in a
    package; for financing (priority 2) also how the money flows and who sells."""

    partner = models.ForeignKey(
        "reference.Partner",
        verbose_name=_("partner"),
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
    package = models.ForeignKey(
        "Package",
        verbose_name=_("package"),
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
    # An equivalent the source reported ("EUR 500 m, about USD 578 m"): shown, never added up.
    reported_amount = models.DecimalField(
        _("reported equivalent"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    reported_currency = models.CharField(
        _("currency of the reported equivalent"), max_length=3, blank=True, validators=[validate_currency]
    )
    # Financing (FINANCING_KINDS) only.
    instrument = models.CharField(_("instrument"), max_length=20, choices=Instrument.choices, blank=True)
    channel = models.ForeignKey(
        "reference.Partner",
        verbose_name=_("through"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="channelled_commitments",
        help_text=_("The initiative or fund the money goes through; empty when bilateral."),
    )
    funding = models.CharField(_("funding"), max_length=10, choices=Funding.choices, default=Funding.OWN)
    seller_company = models.ForeignKey(
        "reference.Organisation",
        verbose_name=_("seller company"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sold_commitments",
    )
    seller_country = CountryField(
        _("seller country"), blank=True, validators=[validate_seller_country], db_index=True
    )
    seller_undisclosed = models.BooleanField(
        _("seller undisclosed"),
        default=False,
        help_text=_("The seller is confidential; only with an official or restricted marking."),
    )
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, default=Stage.PLEDGED)
    # Often known only roughly ("June 2024"): the last day of the period, its precision, and
    # for a period of months its first day (tracker/core/rough_dates.py).
    announced_on = models.DateField(_("announced"), null=True, blank=True)
    announced_precision = precision_field()
    announced_from = period_start_field()
    expected_by = models.DateField(_("expected completion"), null=True, blank=True)
    marking = models.CharField(_("marking"), max_length=12, choices=Marking.choices, default=Marking.OFFICIAL)
    # Kept equal to the sums of deliveries (goods arrived) and payments (money paid) by the
    # services that record them, in the same transaction, so lists and totals need no
    # aggregate per row. Never typed in.
    delivered_quantity = models.PositiveBigIntegerField(_("arrived quantity"), default=0, editable=False)
    paid_amount = models.DecimalField(
        _("paid amount"), max_digits=16, decimal_places=2, default=Decimal(0), editable=False
    )
    paid_undisclosed = models.BooleanField(
        _("a payment of undisclosed amount"), default=False, editable=False
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
            models.Index(fields=["partner", "stage"], name="commitment_partner_stage"),
            models.Index(fields=["priority", "stage"], name="commitment_priority_stage"),
            models.Index(fields=["project"], name="commitment_project"),
            models.Index(fields=["package"], name="commitment_package"),
            models.Index(fields=["channel"], name="commitment_channel"),
            models.Index(fields=["marking"], name="commitment_marking"),
            models.Index(fields=["-updated_at"], name="commitment_updated"),
            # A partner's page lists its latest commitments (the default order): read from
            # here, not by sorting the partner's thousands (300 ms for the largest).
            models.Index(fields=["partner", "-announced_on", "-id"], name="commitment_partner_latest"),
            SearchIndex(text_vector(COMMITMENT_TEXT), name="commitment_search"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(stage__in=Stage.values), name="commitment_stage_valid"),
            models.CheckConstraint(condition=Q(kind__in=Kind.values), name="commitment_kind_valid"),
            models.CheckConstraint(condition=Q(marking__in=Marking.values), name="commitment_marking_valid"),
            models.CheckConstraint(condition=Q(funding__in=Funding.values), name="commitment_funding_valid"),
            models.CheckConstraint(
                condition=Q(instrument="") | Q(instrument__in=Instrument.values),
                name="commitment_instrument_valid",
            ),
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
                condition=Q(reported_amount__isnull=True)
                | Q(reported_amount__gte=0, reported_currency__regex=r"^[A-Z]{3}$"),
                name="commitment_reported_amount_has_currency",
            ),
            models.CheckConstraint(
                condition=Q(delivered_quantity=0)
                | Q(quantity__isnull=False, delivered_quantity__lte=models.F("quantity")),
                name="commitment_delivered_quantity_within_promise",
            ),
            models.CheckConstraint(
                condition=Q(paid_amount=0) | Q(amount__isnull=False, paid_amount__lte=models.F("amount")),
                name="commitment_paid_amount_within_promise",
            ),
            models.CheckConstraint(
                condition=Q(expected_by__isnull=True)
                | Q(announced_on__isnull=True)
                | Q(expected_by__gte=models.F("announced_on")),
                name="commitment_expected_after_announced",
            ),
            *precision_constraints("announced", "commitment_announced"),
            # Financing: instrument, channel, pooled funding and the seller belong to it alone.
            models.CheckConstraint(
                condition=Q(kind__in=sorted(FINANCING_KINDS))
                | Q(
                    instrument="",
                    channel__isnull=True,
                    funding=Funding.OWN,
                    seller_company__isnull=True,
                    seller_country="",
                    seller_undisclosed=False,
                ),
                name="commitment_financing_fields_only_for_financing",
            ),
            # A contribution secures a project through the pool's purchase, which is linked to
            # it: linking the contribution too would count the same money twice.
            models.CheckConstraint(
                condition=Q(channel__isnull=True) | Q(project__isnull=True),
                name="commitment_contribution_not_linked_to_project",
            ),
            # A third-country purchase is not bought in Ukraine (that is the Danish model),
            # and nothing is bought from Russia, Belarus, Iran or North Korea.
            models.CheckConstraint(
                condition=~Q(kind=Kind.FINANCING, seller_country=UKRAINE),
                name="commitment_third_country_seller_not_ukraine",
            ),
            models.CheckConstraint(
                condition=~Q(kind=Kind.UKRAINIAN_PRODUCTION) | Q(seller_country__in=["", UKRAINE]),
                name="commitment_danish_model_seller_in_ukraine",
            ),
            models.CheckConstraint(
                condition=~Q(seller_country__in=sorted(NOT_SELLERS)), name="commitment_seller_allowed"
            ),
            # "Undisclosed" is an explicit seller, never public, with no country or company.
            models.CheckConstraint(
                condition=Q(seller_undisclosed=False)
                | (Q(seller_country="", seller_company__isnull=True) & ~Q(marking=Marking.PUBLIC)),
                name="commitment_undisclosed_seller_not_public",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.partner} — {self.item}"

    def get_absolute_url(self) -> str:
        return reverse_fast("commitments:detail", args=[self.pk])

    def clean(self) -> None:
        """Every financing rule, beside its field: forms, imports and the admin show these; the
        database constraints above hold the rules a row can check alone, whatever writes it."""
        errors = {}
        financing = self.kind in FINANCING_KINDS
        seller = str(self.seller_country or "")
        if not financing:
            for name in (
                "instrument",
                "channel_id",
                "seller_company_id",
                "seller_country",
                "seller_undisclosed",
            ):
                if getattr(self, name):
                    errors[name.removesuffix("_id")] = _("Only a financing commitment has this.")
            if self.funding != Funding.OWN:
                errors["funding"] = _("Only a financing commitment has this.")
        elif self.kind == Kind.FINANCING and seller == UKRAINE:
            errors["seller_country"] = _(
                "Buying from Ukraine is financing of production in Ukraine (the Danish model): "
                "choose that kind."
            )
        elif self.kind == Kind.UKRAINIAN_PRODUCTION and seller not in ("", UKRAINE):
            errors["seller_country"] = _("In the Danish model the seller is in Ukraine.")
        if self.seller_undisclosed:
            if seller or self.seller_company_id:
                errors["seller_undisclosed"] = _("An undisclosed seller has no country or company.")
            elif self.marking == Marking.PUBLIC:
                errors["marking"] = _(
                    "A commitment with an undisclosed seller is not public: mark it official or restricted."
                )
        if self.reported_amount is not None and not self.reported_currency:
            errors["reported_currency"] = _("Give the currency of the reported equivalent.")
        partner = self.partner if self.partner_id else None
        payer = str(partner.country.code) if partner is not None and partner.country_id else ""
        if self.kind == Kind.FINANCING and payer and payer == seller:
            errors["seller_country"] = _(
                "A purchase in a third country is not bought in the payer's own country."
            )
        if partner is not None and self.funding == Funding.POOLED and partner.is_country:
            errors["funding"] = _(
                "Only an initiative or a fund buys with pooled money; a country's share is its own "
                "commitment, with the initiative as its channel."
            )
        if self.channel_id and self.project_id:
            errors["project"] = _(
                "A contribution through an initiative or a fund secures a project through the "
                "initiative's purchase: link that purchase to the project, not the contribution."
            )
        if self.channel_id and self.channel.is_country:
            errors["channel"] = _("The money goes through an initiative or a fund, not a country.")
        elif self.channel_id and self.channel_id == self.partner_id:
            errors["channel"] = _("A partner's money does not go through itself.")
        if financing and self.seller_company_id:
            company = self.seller_company
            danish = self.kind == Kind.UKRAINIAN_PRODUCTION
            wanted = Organisation.Kind.ENTERPRISE if danish else Organisation.Kind.PARTNER_COMPANY
            if company.kind != wanted:
                errors["seller_company"] = (
                    _("In the Danish model the seller is a Ukrainian defence enterprise.")
                    if danish
                    else _("The seller is a partner company.")
                )
            elif company.country and seller and str(company.country) != seller:
                errors["seller_country"] = _("The seller company is in %(country)s.") % {
                    "country": company.country.name
                }
        if errors:
            raise ValidationError(errors)

    @property
    def announced(self) -> str:
        """The announcement date as it was given ("June 2024")."""
        return display(self.announced_on, self.announced_precision, self.announced_from)

    @property
    def is_restricted(self) -> bool:
        return self.marking == Marking.RESTRICTED

    @property
    def is_financing(self) -> bool:
        return self.kind in FINANCING_KINDS

    @property
    def is_pooled(self) -> bool:
        return self.funding == Funding.POOLED

    def as_it_was(self) -> "Commitment":
        """This row showing the state with_state(as_of) read (stage, promise, arrived, paid),
        for a list of rows as they were; never saved."""
        self.stage, self.quantity, self.amount = self.f_stage, self.f_quantity, self.f_amount
        self.delivered_quantity, self.paid_amount = self.f_arrived, self.f_paid
        self.save = None  # a row as it was is not the row now
        return self

    @property
    def progress(self) -> int:
        """Arrived (or, for money alone, paid) share of the promise in whole percent."""
        if self.quantity:
            return min(100, int(self.delivered_quantity * 100 / self.quantity))
        if self.amount:
            return min(100, int(self.paid_amount * 100 / self.amount))
        return 0

    @property
    def is_fully_delivered(self) -> bool:
        """Everything promised arrived and was paid; a payment of undisclosed amount proves
        nothing about the rest."""
        return (self.quantity is None or self.delivered_quantity >= self.quantity) and (
            self.amount is None or self.paid_amount >= self.amount
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
        """The rule of `editable_by`, checked on this row without a query (load the partner
        with select_related)."""
        return _editors(user).covers(self)

    @staticmethod
    def may_create(user, partner=None) -> bool:
        """Whether the user may record a commitment of the partner (of some partner when none
        is given): the rule of `editable_by` for a commitment not yet saved."""
        editors = _editors(user)
        if partner is None:
            return editors.reaches_any()
        return editors.admits(partner__country_id=partner.country_id)
