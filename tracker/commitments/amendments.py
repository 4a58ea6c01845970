"""The rules an amendment of a promise follows, asked by the amendment form and by the
service that saves it: a note saying why, and new values that go the way the reason says."""

from decimal import Decimal

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tracker.commitments.models import AmendmentReason, Commitment

# An amendment, a withdrawal included, says why (the form's message too).
NOTE_MISSING = gettext_lazy(
    "Say why the promise changes: the partner's decision and its source, or what was wrong."
)


def withdrawn_promise(current: Commitment) -> tuple[int | None, Decimal | None]:
    """What remains promised after a withdrawal: what already arrived or was paid."""
    quantity = current.delivered_quantity if current.quantity is not None else None
    amount = current.paid_amount if current.amount is not None else None
    return quantity, amount


def check_amendment(current: Commitment, *, reason: str, quantity, amount, note: str) -> None:
    """Refuse an amendment without a note, or whose new values go against its reason (an
    increase raises, a reduction lowers, a correction changes something), saying which
    value is wrong and why; the form and the service both ask this."""
    errors = {}
    if not note.strip():
        errors["note"] = NOTE_MISSING
    if quantity is None and amount is None:
        errors[NON_FIELD_ERRORS] = _("A commitment must promise a quantity or an amount.")
    if quantity is not None and quantity < current.delivered_quantity:
        errors["new_quantity"] = _("%(delivered)s have already arrived; the promise cannot be lower.") % {
            "delivered": current.delivered_quantity
        }
    if amount is not None and amount < current.paid_amount:
        errors["new_amount"] = _("%(paid)s have already been paid; the promise cannot be lower.") % {
            "paid": current.paid_amount
        }
    if quantity is not None and not current.unit:
        errors["new_quantity"] = _("Set a unit on the commitment before promising a quantity.")
    if amount is not None and not current.currency:
        errors["new_amount"] = _("Set a currency on the commitment before promising an amount.")
    # The direction is judged only on values that are otherwise acceptable.
    if reason != AmendmentReason.WITHDRAWAL and not errors.keys() - {"note"}:
        for name, message in _against_reason(current, reason, quantity, amount).items():
            errors.setdefault(name, message)
    if errors:
        raise ValidationError(errors)


def _against_reason(current: Commitment, reason: str, quantity, amount) -> dict[str, str]:
    """Errors, by field, of new values that go against the amendment's reason; an absent
    measure counts as nothing promised (as the database's constraint reads it)."""
    measures = [
        ("new_quantity", current.quantity, quantity, _shown_quantity),
        ("new_amount", current.amount, amount, _shown_amount(current.currency)),
    ]
    errors: dict[str, str] = {}
    for name, old, new, shown in measures:
        was, now = old or 0, new or 0
        values = {"new": shown(new), "old": shown(old)}
        if reason == AmendmentReason.INCREASE and now < was:
            errors[name] = (
                _("An increase must raise the promise: it cannot remove the %(old)s promised now.")
                if new is None
                else _("An increase must raise the promise: %(new)s is less than the %(old)s promised now.")
            ) % values
        elif reason == AmendmentReason.REDUCTION and now > was:
            errors[name] = (
                _("A reduction must lower the promise: it cannot add %(new)s where nothing is promised now.")
                if old is None
                else _("A reduction must lower the promise: %(new)s is more than the %(old)s promised now.")
            ) % values
    if errors or any((old or 0) != (new or 0) for _name, old, new, _shown in measures):
        return errors
    # Nothing changes: said beside the first measure the promise has.
    name, old, new, shown = next(m for m in measures if m[1] is not None or m[2] is not None)
    unchanged = {
        AmendmentReason.INCREASE: _("An increase must raise the promise: %(old)s is what is promised now."),
        AmendmentReason.REDUCTION: _("A reduction must lower the promise: %(old)s is what is promised now."),
        AmendmentReason.CORRECTION: _(
            "A correction must change the promise: %(old)s is what is promised now."
        ),
    }
    return {name: unchanged[reason] % {"old": shown(old if old is not None else new)}}


def _shown_quantity(value) -> str:
    return number_format(value, force_grouping=True) if value is not None else "0"


def _shown_amount(currency: str):
    def shown(value) -> str:
        amount = number_format(value, decimal_pos=2, force_grouping=True) if value is not None else "0"
        return f"{amount} {currency}".strip()

    return shown
