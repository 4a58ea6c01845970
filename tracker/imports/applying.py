"""Applying a checked upload: every row or none, through the services that write history."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from tracker.commitments.services import change_stage, create_commitment, record_delivery, record_payment
from tracker.history.editing import ANY_VERSION
from tracker.imports.checks import IMPORT_DELIVERY_STAGE, RowCheck, check_commitment_rows, check_delivery_rows
from tracker.imports.models import ImportKind, PendingImport

CHECKS = {ImportKind.COMMITMENTS: check_commitment_rows, ImportKind.DELIVERIES: check_delivery_rows}


class ImportRejected(Exception):
    """Nothing was imported; `checks` hold every row with its problems."""

    def __init__(self, checks: list[RowCheck]):
        self.checks = checks
        super().__init__(_("Nothing was imported."))


def check_pending(pending: PendingImport, user) -> list[RowCheck]:
    """Check the rows of a pending import for `user`."""
    return CHECKS[pending.kind](pending.rows, user)


def apply_pending(pending_id: int, user) -> int:
    """Check the rows again and apply all of them in one transaction; return how many.

    Raises ImportRejected, with nothing written, if any row fails now (the data may have
    changed since the preview), and PendingImport.DoesNotExist if it was already applied.
    """
    with transaction.atomic():
        # Locked, so a double submit applies the file once: the second finds it deleted.
        pending = PendingImport.objects.current().select_for_update().get(pk=pending_id, uploader=user)
        checks = check_pending(pending, user)
        if not all(check.ok for check in checks):
            raise ImportRejected(checks)
        comment = _("Imported from %(file)s") % {"file": pending.filename}
        for check in checks:
            try:
                _apply(pending.kind, check.plan, user, comment)
            except (ValidationError, IntegrityError) as error:
                messages = error.messages if isinstance(error, ValidationError) else [str(error)]
                check.errors.extend(messages)
                raise ImportRejected(checks) from error
        pending.delete()
    return len(checks)


def _apply(kind: str, plan: dict, user, comment: str) -> None:
    # Every row was checked again above, in this transaction: the writes apply to the rows
    # as saved now (ANY_VERSION), each still refused by the services' own checks.
    if kind == ImportKind.DELIVERIES:
        _record(plan["commitment"], plan["delivery"], user)
        return
    commitment, delivery = plan["commitment"], plan["delivery"]
    if delivery:
        # Arrivals and payments are recorded in a stage that receives them; the moves to the
        # stage in the file follow (plan["stages"]).
        commitment.stage = IMPORT_DELIVERY_STAGE
    create_commitment(commitment, by=user, sources=plan["sources"], comment=comment)
    if delivery:
        note = _("Recorded before the import")
        _record(commitment, {key: value and {**value, "note": note} for key, value in delivery.items()}, user)
    for stage in plan["stages"]:
        change_stage(commitment, stage=stage, by=user, comment=comment, expected_version=ANY_VERSION)


def _record(commitment, delivery: dict, user) -> None:
    """Record a row's arrival and payment, whichever it has."""
    if delivery["arrived"]:
        record_delivery(commitment, **delivery["arrived"], by=user, expected_version=ANY_VERSION)
    if delivery["paid"]:
        record_payment(commitment, **delivery["paid"], by=user, expected_version=ANY_VERSION)
