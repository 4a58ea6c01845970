"""Operations on commitments: create, edit, stage moves, arrivals, payments and amendments."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from tracker.commitments.amendments import check_amendment, withdrawn_promise
from tracker.commitments.models import (
    DELIVERY_MOVES,
    STAGE_MOVES,
    Amendment,
    AmendmentReason,
    Commitment,
    Delivery,
    Package,
    Payment,
    SourceReference,
    Stage,
    StageMove,
)
from tracker.core.rough_dates import RoughDate, effective_date
from tracker.core.transitions import check_move
from tracker.history.editing import Version, create_with_history, locked_edit, save_changes
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


def record_package(package: Package, *, by, comment: str = "") -> Package:
    """Save a newly announced package and record its creation."""
    return create_with_history(package, by=by, comment=comment)


def update_package(package: Package, values: dict, *, by, expected_version: Version) -> Package:
    """Save edited fields of a package with history; refuse lost updates."""
    return save_changes(package, values, by=by, expected_version=expected_version)


def update_commitment(commitment: Commitment, values: dict, *, by, expected_version: Version) -> Commitment:
    """Save edited descriptive fields; the promised quantity and amount need an amendment."""
    return save_changes(commitment, values, by=by, expected_version=expected_version, check=_check_edit)


def _check_edit(current: Commitment, values: dict) -> None:
    for name in PROMISE_FIELDS:
        if name in values and values[name] != getattr(current, name):
            raise ValidationError(
                {name: _("Change the promised quantity or amount with an amendment, giving a reason.")}
            )
    if "stage" in values and values["stage"] != current.stage:
        # A stage changes only through a move (change_stage), which records when it took effect.
        raise ValidationError({"stage": _("Change the stage with a stage change, giving its date.")})


def _check_stage_move(current: Commitment, stage: str, moves: dict[str, set[str]] = STAGE_MOVES) -> None:
    """Refuse a stage move the table does not allow: every change of stage passes here."""
    check_move(_("Stage"), Stage.choices, moves, current.stage, stage)


def _move_stage(
    current: Commitment,
    stage: str,
    moves: dict[str, set[str]] = STAGE_MOVES,
    *,
    by,
    effective: RoughDate,
    source: str = "",
) -> None:
    """Move the locked commitment to `stage` through the table, recording the move with the
    date it took effect (figures "as of" a date read the stage from these moves)."""
    _check_stage_move(current, stage, moves)
    if stage != current.stage:
        StageMove.objects.create(
            commitment=current,
            from_stage=current.stage,
            to_stage=stage,
            moved_by=by if by and by.is_authenticated else None,
            source=source,
            **effective.stored("effective"),
        )
    current.stage = stage


def change_stage(
    commitment: Commitment,
    *,
    stage: str,
    by,
    comment: str = "",
    expected_version: Version,
    effective: RoughDate | datetime.date | None = None,
    source: str = "",
) -> Commitment:
    """Move a commitment to another stage through the allowed moves, effective on a date
    (default today, never in the future); a withdrawal says why in its comment."""
    effective = effective_date(effective)
    if stage == Stage.WITHDRAWN and not comment.strip():
        raise ValidationError({"comment": _("Say why the partner withdraws the commitment.")}, code="reason")
    with locked_edit(
        commitment,
        by=by,
        expected_version=expected_version,
        fields=["stage"],
        action=Action.STATUS,
        comment=comment,
        proposed=lambda: {"stage": stage},
    ) as current:
        if stage == Stage.FULFILLED and stage != current.stage and not current.is_fully_delivered:
            raise ValidationError(
                _("A commitment is fulfilled only when everything promised has arrived and been paid."),
                code="not_arrived",
            )
        _move_stage(current, stage, by=by, effective=effective, source=source)
    return current


def undeliverable(stage: str) -> str | None:
    """Why nothing can be delivered in `stage`, or None: the stages DELIVERY_MOVES leaves from."""
    if stage in DELIVERY_MOVES:
        return None
    return _("No arrival or payment can be recorded while the commitment is “%(stage)s”.") % {
        "stage": Stage(stage).label
    }


def record_delivery(
    commitment: Commitment,
    *,
    delivered_on: RoughDate | datetime.date,
    quantity: int,
    note: str = "",
    source: str = "",
    by,
    expected_version: Version,
) -> Delivery:
    """Record goods that arrived on a date (as precise as it is known); refuse more than
    promised; move the stage along."""
    when = effective_date(delivered_on)
    if not quantity:
        raise ValidationError({"quantity": _("Enter the quantity that arrived.")}, code="empty")
    with locked_edit(
        commitment,
        by=by,
        expected_version=expected_version,
        fields=["delivered_quantity", "stage"],
        action=Action.DELIVERY,
        comment=note,
    ) as current:
        if reason := undeliverable(current.stage):
            raise ValidationError(reason, code="stage")
        _check_remaining(current, "quantity", quantity)
        delivery = Delivery.objects.create(
            commitment=current,
            quantity=quantity,
            note=note,
            source=source,
            recorded_by=by,
            **when.stored("delivered"),
        )
        current.delivered_quantity = current.deliveries.aggregate(q=Sum("quantity"))["q"] or 0
        _move_stage(
            current, current.stage_after_delivery(), DELIVERY_MOVES, by=by, effective=when, source=source
        )
    commitment.refresh_from_db()
    return delivery


def record_payment(
    commitment: Commitment,
    *,
    paid_on: RoughDate | datetime.date,
    amount: Decimal | None = None,
    amount_undisclosed: bool = False,
    note: str = "",
    source: str = "",
    by,
    expected_version: Version,
) -> Payment:
    """Record money paid on a date, or paid with its amount undisclosed (never counted as 0,
    never a reason to call the promise fulfilled); refuse more than promised."""
    when = effective_date(paid_on)
    if amount_undisclosed == bool(amount):
        raise ValidationError(
            {"amount": _("Enter the amount paid, or say that its amount was not disclosed (not both).")},
            code="empty",
        )
    with locked_edit(
        commitment,
        by=by,
        expected_version=expected_version,
        fields=["paid_amount", "paid_undisclosed", "stage"],
        action=Action.PAYMENT,
        comment=note,
    ) as current:
        if reason := undeliverable(current.stage):
            raise ValidationError(reason, code="stage")
        if current.amount is None:
            raise ValidationError({"amount": _("This commitment promises no amount, only a quantity.")})
        if amount:
            _check_remaining(current, "amount", amount)
        payment = Payment.objects.create(
            commitment=current,
            amount=amount or None,
            amount_undisclosed=amount_undisclosed,
            note=note,
            source=source,
            recorded_by=by,
            **when.stored("paid"),
        )
        current.paid_amount = current.payments.aggregate(a=Sum("amount"))["a"] or Decimal(0)
        current.paid_undisclosed = current.paid_undisclosed or amount_undisclosed
        _move_stage(
            current, current.stage_after_delivery(), DELIVERY_MOVES, by=by, effective=when, source=source
        )
    commitment.refresh_from_db()
    return payment


def _check_remaining(current: Commitment, measure: str, value) -> None:
    """Refuse goods or money the commitment does not promise, or more than remains."""
    if measure == "quantity":
        if current.quantity is None:
            raise ValidationError({"quantity": _("This commitment promises no quantity, only an amount.")})
        if current.delivered_quantity + value > current.quantity:
            raise ValidationError(
                {
                    "quantity": _(
                        "Only %(left)s %(unit)s remain of the %(promised)s promised. "
                        "Record an amendment first if more arrives."
                    )
                    % {
                        "left": current.quantity - current.delivered_quantity,
                        "unit": current.get_unit_display(),
                        "promised": current.quantity,
                    }
                }
            )
    elif current.paid_amount + value > current.amount:
        raise ValidationError(
            {
                "amount": _(
                    "Only %(left)s %(currency)s remain of the %(promised)s promised. "
                    "Record an amendment first if the partner pays more."
                )
                % {
                    "left": current.amount - current.paid_amount,
                    "currency": current.currency,
                    "promised": current.amount,
                }
            }
        )


def amend_commitment(
    commitment: Commitment,
    *,
    reason: str,
    new_quantity: int | None = None,
    new_amount: Decimal | None = None,
    note: str,
    by,
    expected_version: Version,
    effective: RoughDate | datetime.date | None = None,
    source: str = "",
) -> Amendment:
    """Change what was promised, keeping the old values and the reason (a note is required),
    effective on the partner's decision (default today, never in the future)."""
    effective = effective_date(effective)
    yours = {"quantity": new_quantity, "amount": str(new_amount) if new_amount is not None else None}
    note = note.strip()
    with locked_edit(
        commitment,
        by=by,
        expected_version=expected_version,
        fields=["quantity", "amount", "stage"],
        action=Action.AMENDMENT,
        comment=note,
        proposed=lambda: yours,
    ) as current:
        if reason == AmendmentReason.WITHDRAWAL:
            new_quantity, new_amount = withdrawn_promise(current)
        check_amendment(current, reason=reason, quantity=new_quantity, amount=new_amount, note=note)
        if reason == AmendmentReason.WITHDRAWAL:
            _move_stage(current, Stage.WITHDRAWN, by=by, effective=effective, source=source)
        amendment = Amendment.objects.create(
            commitment=current,
            reason=reason,
            old_quantity=current.quantity,
            new_quantity=new_quantity,
            old_amount=current.amount,
            new_amount=new_amount,
            note=note,
            amended_by=by,
            source=source,
            **effective.stored("effective"),
        )
        current.quantity, current.amount = new_quantity, new_amount
        if current.stage == Stage.FULFILLED and not current.is_fully_delivered:
            _move_stage(current, Stage.IN_DELIVERY, by=by, effective=effective, source=source)
    commitment.refresh_from_db()
    return amendment
