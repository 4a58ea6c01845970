"""The one mechanism for status moves: a table of allowed moves, a clear refusal, and the
shortest route through a table (imports and the benchmark's data generator plan with it)."""

from collections import deque
from collections.abc import Collection

from django.core.exceptions import ValidationError
from django.db.models import F, QuerySet, Subquery
from django.db.models.functions import Coalesce
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


def route(
    moves: dict[str, set[str]], start: str, goal: str, *, avoid: Collection[str] = ()
) -> list[str] | None:
    """The states after `start` on a shortest chain of allowed moves to `goal` (empty when
    start is goal), never entering a state in `avoid`; None when the table has no such
    chain. Targets are tried in sorted order, so the same table gives the same route."""
    previous: dict[str, str] = {start: start}
    queue = deque([start])
    while queue:
        state = queue.popleft()
        if state == goal:
            path = []
            while state != start:
                path.append(state)
                state = previous[state]
            return path[::-1]
        for target in sorted(moves.get(state, ())):
            if target not in previous and target not in avoid:
                previous[target] = state
                queue.append(target)
    return None


def state_on(moves: QuerySet, as_of, field: str):
    """The value of `field` on `as_of`, as an expression, from the dated moves of one row
    (`moves`, with to_<field>, from_<field> and effective_on): the last move that took
    effect by then, else where the first move started, else today's value (never moved)."""
    last = moves.filter(effective_on__lte=as_of).order_by("-effective_on", "-id")
    first = moves.order_by("effective_on", "id")
    return Coalesce(
        Subquery(last.values(f"to_{field}")[:1]), Subquery(first.values(f"from_{field}")[:1]), F(field)
    )
