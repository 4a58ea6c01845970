"""The one mechanism for status moves: a table of allowed moves and a clear refusal."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def check_move(field_label: str, choices, moves: dict[str, set[str]], old: str, new: str) -> None:
    """Refuse a move that the table does not allow, naming both states."""
    if old == new or new in moves.get(old, set()):
        return
    labels = dict(choices)
    raise ValidationError(
        _("%(field)s cannot move from “%(old)s” to “%(new)s”.")
        % {"field": field_label, "old": labels.get(old, old), "new": labels.get(new, new)},
        code="invalid_transition",
    )


def allowed_targets(choices, moves: dict[str, set[str]], current: str) -> list[tuple[str, str]]:
    """The choices a field may take from its current value (itself included), in choice order."""
    allowed = moves.get(current, set()) | {current}
    return [(value, label) for value, label in choices if value in allowed]
