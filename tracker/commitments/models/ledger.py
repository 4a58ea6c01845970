"""What happens to a commitment after it is promised: its sources, arrivals, payments,
amendments and stage moves."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from tracker.commitments.models.commitment import Commitment, Stage
from tracker.core.rough_dates import EffectiveDate, period_start_field, precision_constraints, precision_field


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
    """Goods of a commitment that arrived in Ukraine on a date; the arrived quantity is the
    sum of these."""

    commitment = models.ForeignKey(Commitment, on_delete=models.PROTECT, related_name="deliveries")
    delivered_on = models.DateField(_("date"))
    delivered_precision = precision_field()
    delivered_from = period_start_field()
    quantity = models.PositiveBigIntegerField(_("quantity"))
    note = models.CharField(_("note"), max_length=500, blank=True)
    source = models.CharField(_("source"), max_length=500, blank=True)
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
        verbose_name = _("arrival")
        verbose_name_plural = _("arrivals")
        indexes = [models.Index(fields=["commitment", "delivered_on"], name="delivery_commitment_date")]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="delivery_quantity_positive"),
            *precision_constraints("delivered", "delivery_date"),
        ]

    def __str__(self) -> str:
        return f"{self.commitment_id}: {self.delivered_on}"


class Payment(models.Model):
    """Money of a commitment paid on a date (to the seller, or into an initiative's pool);
    the paid amount is the sum of these. A payment the partner announced without an amount
    is recorded as paid with the amount undisclosed, never as 0."""

    commitment = models.ForeignKey(Commitment, on_delete=models.PROTECT, related_name="payments")
    paid_on = models.DateField(_("date"))
    paid_precision = precision_field()
    paid_from = period_start_field()
    amount = models.DecimalField(_("amount"), max_digits=16, decimal_places=2, null=True, blank=True)
    amount_undisclosed = models.BooleanField(_("amount undisclosed"), default=False)
    note = models.CharField(_("note"), max_length=500, blank=True)
    source = models.CharField(_("source"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["paid_on", "id"]
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        indexes = [models.Index(fields=["commitment", "paid_on"], name="payment_commitment_date")]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__isnull=False, amount__gt=0, amount_undisclosed=False)
                | Q(amount__isnull=True, amount_undisclosed=True),
                name="payment_amount_or_undisclosed",
            ),
            *precision_constraints("paid", "payment_date"),
        ]

    def __str__(self) -> str:
        return f"{self.commitment_id}: {self.paid_on}"


class AmendmentReason(models.TextChoices):
    INCREASE = "increase", _("Increase")
    REDUCTION = "reduction", _("Reduction")
    WITHDRAWAL = "withdrawal", _("Withdrawal")
    CORRECTION = "correction", _("Correction")


def _each_measure(direction: str) -> Q:
    """Both measures went `gte` (up or stayed) or `lte` (down or stayed); an absent measure is
    nothing promised, written so that a NULL fails the check rather than passes it."""
    condition = Q()
    for old, new in (("old_quantity", "new_quantity"), ("old_amount", "new_amount")):
        if direction == "gte":
            condition &= Q(**{f"{old}__isnull": True}) | Q(**{f"{new}__isnull": False, f"{new}__gte": F(old)})
        else:
            condition &= Q(**{f"{new}__isnull": True}) | Q(**{f"{old}__isnull": False, f"{new}__lte": F(old)})
    return condition


class Amendment(EffectiveDate):
    """A change of the promised quantity or amount, with its reason and the old values."""

    commitment = models.ForeignKey(Commitment, on_delete=models.PROTECT, related_name="amendments")
    reason = models.CharField(_("reason"), max_length=12, choices=AmendmentReason.choices)
    old_quantity = models.PositiveBigIntegerField(null=True, blank=True)
    new_quantity = models.PositiveBigIntegerField(_("new quantity"), null=True, blank=True)
    old_amount = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)
    new_amount = models.DecimalField(_("new amount"), max_digits=16, decimal_places=2, null=True, blank=True)
    # Required: why the promise changed (the database refuses a blank note too).
    note = models.CharField(_("note"), max_length=500)
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
            models.CheckConstraint(condition=Q(note__regex=r"\S"), name="amendment_note_not_blank"),
            # The direction of each measure follows the reason.
            models.CheckConstraint(
                condition=~Q(reason=AmendmentReason.INCREASE) | _each_measure("gte"),
                name="amendment_increase_raises",
            ),
            models.CheckConstraint(
                condition=~Q(reason__in=[AmendmentReason.REDUCTION, AmendmentReason.WITHDRAWAL])
                | _each_measure("lte"),
                name="amendment_reduction_lowers",
            ),
            *precision_constraints("effective", "amendment_effective"),
        ]

    def __str__(self) -> str:
        return f"{self.commitment_id}: {self.get_reason_display()}"


class StageMove(EffectiveDate):
    """A commitment's move from one stage to another: by hand, or because something arrived,
    was paid or the promise was amended. Figures "as of" a date read the stage from these."""

    commitment = models.ForeignKey(Commitment, on_delete=models.PROTECT, related_name="stage_moves")
    from_stage = models.CharField(_("from"), max_length=20, choices=Stage.choices)
    to_stage = models.CharField(_("to"), max_length=20, choices=Stage.choices)
    moved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["effective_on", "id"]
        verbose_name = _("stage move")
        verbose_name_plural = _("stage moves")
        indexes = [models.Index(fields=["commitment", "effective_on"], name="stagemove_commitment_date")]
        constraints = [
            models.CheckConstraint(
                condition=Q(from_stage__in=Stage.values, to_stage__in=Stage.values)
                & ~Q(from_stage=models.F("to_stage")),
                name="stagemove_stages_valid",
            ),
            *precision_constraints("effective", "stagemove_effective"),
        ]

    def __str__(self) -> str:
        return f"{self.commitment_id}: {self.from_stage} → {self.to_stage}"
