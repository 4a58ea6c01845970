"""Operations on commitments: create, edit, stage moves, deliveries and amendments."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from tracker.commitments.models import (
    DELIVERABLE_STAGES,
    STAGE_MOVES,
    Amendment,
    AmendmentReason,
    Commitment,
    Delivery,
    SourceReference,
    Stage,
)
from tracker.core.transitions import check_move
from tracker.history import services as history
from tracker.history.editing import create_with_history, save_changes, stale_edit
from tracker.history.models import Action

# The promise itself changes only through an amendment.
PROMISE_FIELDS = ("quantity", "amount")


def create_commitment(
    commitment: Commitment, *, by, sources: list[dict] = (), comment: str = ""
) -> Commitment:
    """Save a new commitment with its source references and record its creation."""
    with transaction.atomic():
        commitment.created_by = by if by and by.is_authenticated else None
        create_with_history(commitment, by=by, comment=comment)
        SourceReference.objects.bulk_create(
            SourceReference(commitment=commitment, **source) for source in sources
        )
    return commitment


def update_commitment(
    commitment: Commitment, values: dict, *, by, expected_version: int | None
) -> Commitment:
    """Save edited descriptive fields; the promised quantity and amount need an amendment."""
    return save_changes(commitment, values, by=by, expected_version=expected_version, check=_check_edit)


def _check_edit(current: Commitment, values: dict) -> None:
    for name in PROMISE_FIELDS:
        if name in values and values[name] != getattr(current, name):
            raise ValidationError(
                {name: _("Change the promised quantity or amount with an amendment, giving a reason.")}
            )
    if "stage" in values:
        check_move(_("Stage"), Stage.choices, STAGE_MOVES, current.stage, values["stage"])


def change_stage(
    commitment: Commitment, *, stage: str, by, comment: str = "", expected_version: int | None = None
) -> Commitment:
    """Move a commitment to another stage through the allowed moves."""

    def check(current: Commitment, values: dict) -> None:
        check_move(_("Stage"), Stage.choices, STAGE_MOVES, current.stage, stage)
        if stage == Stage.FULFILLED and not current.is_fully_delivered:
            raise ValidationError(
                _("A commitment is fulfilled only when everything promised has been delivered."),
                code="not_delivered",
            )

    return save_changes(
        commitment,
        {"stage": stage},
        by=by,
        expected_version=expected_version,
        action=Action.STATUS,
        comment=comment,
        check=check,
    )


@transaction.atomic
def record_delivery(
    commitment: Commitment,
    *,
    delivered_on: datetime.date,
    quantity: int | None = None,
    amount: Decimal | None = None,
    note: str = "",
    by,
) -> Delivery:
    """Record a dated delivery; refuse more than promised; move the stage along."""
    current = Commitment.objects.select_for_update().get(pk=commitment.pk)
    if not quantity and not amount:
        raise ValidationError(_("Enter the quantity or the amount delivered."), code="empty")
    if current.stage not in DELIVERABLE_STAGES:
        raise ValidationError(
            _("Nothing can be delivered while the commitment is “%(stage)s”.")
            % {"stage": current.get_stage_display()},
            code="stage",
        )
    errors = {}
    if quantity:
        if current.quantity is None:
            errors["quantity"] = _("This commitment promises no quantity, only an amount.")
        elif current.delivered_quantity + quantity > current.quantity:
            errors["quantity"] = _(
                "Only %(left)s %(unit)s remain of the %(promised)s promised. "
                "Record an amendment first if the partner delivers more."
            ) % {
                "left": current.quantity - current.delivered_quantity,
                "unit": current.get_unit_display(),
                "promised": current.quantity,
            }
    if amount:
        if current.amount is None:
            errors["amount"] = _("This commitment promises no amount, only a quantity.")
        elif current.delivered_amount + amount > current.amount:
            errors["amount"] = _(
                "Only %(left)s %(currency)s remain of the %(promised)s promised. "
                "Record an amendment first if the partner pays more."
            ) % {
                "left": current.amount - current.delivered_amount,
                "currency": current.currency,
                "promised": current.amount,
            }
    if errors:
        raise ValidationError(errors)
    delivery = Delivery.objects.create(
        commitment=current,
        delivered_on=delivered_on,
        quantity=quantity or None,
        amount=amount or None,
        note=note,
        recorded_by=by,
    )
    totals = current.deliveries.aggregate(q=Sum("quantity"), a=Sum("amount"))
    old_stage = current.stage
    current.delivered_quantity = totals["q"] or 0
    current.delivered_amount = totals["a"] or Decimal(0)
    current.stage = Stage.FULFILLED if current.is_fully_delivered else Stage.IN_DELIVERY
    current.version += 1
    current.save()
    fields = {}
    if quantity:
        fields["delivered_quantity"] = [current.delivered_quantity - quantity, current.delivered_quantity]
    if amount:
        fields["delivered_amount"] = [str(current.delivered_amount - amount), str(current.delivered_amount)]
    if old_stage != current.stage:
        fields["stage"] = [old_stage, current.stage]
    history.record(current, Action.DELIVERY, actor=by, fields=fields, comment=note)
    commitment.refresh_from_db()
    return delivery


@transaction.atomic
def amend_commitment(
    commitment: Commitment,
    *,
    reason: str,
    new_quantity: int | None = None,
    new_amount: Decimal | None = None,
    note: str = "",
    by,
    expected_version: int | None = None,
) -> Amendment:
    """Change what was promised, keeping the old values and the reason."""
    current = Commitment.objects.select_for_update().get(pk=commitment.pk)
    if expected_version is not None and current.version != expected_version:
        fields = ["quantity", "amount"]
        raise stale_edit(
            current,
            history.snapshot(current, fields),
            {"quantity": new_quantity, "amount": str(new_amount) if new_amount is not None else None},
            reader=by,
        )
    if reason == AmendmentReason.WITHDRAWAL:
        # What remains promised after a withdrawal is what already arrived.
        new_quantity = current.delivered_quantity if current.quantity is not None else None
        new_amount = current.delivered_amount if current.amount is not None else None
        check_move(_("Stage"), Stage.choices, STAGE_MOVES, current.stage, Stage.WITHDRAWN)
    _check_amendment(current, reason, new_quantity, new_amount)
    amendment = Amendment.objects.create(
        commitment=current,
        reason=reason,
        old_quantity=current.quantity,
        new_quantity=new_quantity,
        old_amount=current.amount,
        new_amount=new_amount,
        note=note,
        amended_by=by,
    )
    before = history.snapshot(current, ["quantity", "amount", "stage"])
    current.quantity, current.amount = new_quantity, new_amount
    if reason == AmendmentReason.WITHDRAWAL:
        current.stage = Stage.WITHDRAWN
    elif current.stage == Stage.FULFILLED and not current.is_fully_delivered:
        current.stage = Stage.IN_DELIVERY
    current.version += 1
    current.save()
    fields = history.diff(before, history.snapshot(current, ["quantity", "amount", "stage"]))
    history.record(current, Action.AMENDMENT, actor=by, fields=fields, comment=note)
    commitment.refresh_from_db()
    return amendment


def _check_amendment(current: Commitment, reason: str, quantity, amount) -> None:
    if quantity is None and amount is None:
        raise ValidationError(_("A commitment must promise a quantity or an amount."), code="empty")
    errors = {}
    if quantity is not None and quantity < current.delivered_quantity:
        errors["new_quantity"] = _(
            "%(delivered)s have already been delivered; the promise cannot be lower."
        ) % {"delivered": current.delivered_quantity}
    if amount is not None and amount < current.delivered_amount:
        errors["new_amount"] = _(
            "%(delivered)s have already been delivered; the promise cannot be lower."
        ) % {"delivered": current.delivered_amount}
    if errors:
        raise ValidationError(errors)
    old = (current.quantity or 0, current.amount or 0)
    new = (quantity or 0, amount or 0)
    if reason == AmendmentReason.INCREASE and not (new[0] >= old[0] and new[1] >= old[1] and new != old):
        raise ValidationError(_("An increase must raise the promise and lower nothing."), code="direction")
    if reason == AmendmentReason.REDUCTION and not (new[0] <= old[0] and new[1] <= old[1] and new != old):
        raise ValidationError(_("A reduction must lower the promise and raise nothing."), code="direction")
    if reason == AmendmentReason.CORRECTION and (quantity, amount) == (current.quantity, current.amount):
        raise ValidationError(_("The corrected values are the same as the current ones."), code="same")
    if quantity is not None and not current.unit:
        raise ValidationError(
            {"new_quantity": _("Set a unit on the commitment before promising a quantity.")}
        )
    if amount is not None and not current.currency:
        raise ValidationError(
            {"new_amount": _("Set a currency on the commitment before promising an amount.")}
        )
