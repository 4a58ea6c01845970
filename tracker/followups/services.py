"""Follow-ups: create, close, reopen and re-date, each with history."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tracker.core.bulk import Outcome, apply_each
from tracker.core.transitions import check_move
from tracker.followups.models import STATE_MOVES, FollowUp, State
from tracker.followups.signals import followup_changed
from tracker.history.editing import Version, create_with_history, save_changes
from tracker.history.models import Action


def create_followup(followup: FollowUp, *, by) -> FollowUp:
    """Save a new follow-up; its country comes from what it is about."""
    if followup.country_id is None:
        if followup.contact_id:
            followup.country_id = followup.contact.country_id
        elif followup.commitment_id:
            followup.country_id = followup.commitment.partner.country_id
    followup.created_by = by if by and by.is_authenticated else None
    return create_with_history(followup, by=by)


@transaction.atomic
def set_state(
    followup: FollowUp, *, state: str, by, comment: str = "", expected_version: Version
) -> FollowUp:
    """Close (done or cancelled) or reopen a follow-up; closing withdraws unsent reminders."""
    closing = state != State.OPEN

    def check(current: FollowUp, values: dict) -> None:
        check_move(_("State"), State.choices, STATE_MOVES, current.state, state)

    saved = save_changes(
        followup,
        {
            "state": state,
            "completed_at": timezone.now() if closing else None,
            "completed_by": by if closing else None,
        },
        by=by,
        expected_version=expected_version,
        action=Action.STATUS,
        comment=comment,
        check=check,
    )
    followup_changed.send(sender=FollowUp, followup=saved)
    return saved


@transaction.atomic
def reschedule(
    followup: FollowUp, *, due_on: datetime.date, reason: str, by, expected_version: Version
) -> FollowUp:
    """Move the due date of an open follow-up, saying why; withdraws unsent reminders
    of the old date (the new date gets its own)."""

    def check(current: FollowUp, values: dict) -> None:
        if current.state != State.OPEN:
            raise ValidationError(_("Only an open follow-up can be re-dated."), code="closed")
        if not reason.strip():
            raise ValidationError({"reason": _("Say why the date moves.")}, code="required")

    saved = save_changes(
        followup, {"due_on": due_on}, by=by, expected_version=expected_version, comment=reason, check=check
    )
    followup_changed.send(sender=FollowUp, followup=saved)
    return saved


@transaction.atomic
def update_followup(
    followup: FollowUp, values: dict, *, by, expected_version: Version, comment: str = ""
) -> FollowUp:
    """Save edited fields of a follow-up with history; refuse lost updates."""
    saved = save_changes(followup, values, by=by, expected_version=expected_version, comment=comment)
    followup_changed.send(sender=FollowUp, followup=saved)
    return saved


def bulk_change(
    followups, items: dict[int, int], *, by, comment: str, state: str = "", owner=None, due_on=None
) -> Outcome:
    """One change (close or reopen, a new owner, a new due date) to each selected follow-up
    through the same version-checked service as a single action, each with its own history
    line carrying the shared comment (a new due date's reason); `items`: {pk: version seen}."""

    def change(followup: FollowUp, version: int) -> None:
        if state:
            set_state(followup, state=state, by=by, comment=comment, expected_version=version)
        elif owner is not None:
            update_followup(followup, {"owner": owner}, by=by, expected_version=version, comment=comment)
        else:
            reschedule(followup, due_on=due_on, reason=comment, by=by, expected_version=version)

    return apply_each(
        followups.filter(pk__in=list(items)),
        items,
        change,
        name=lambda followup: followup.title,
        can_change=lambda followup: followup.can_edit(by),
    )
