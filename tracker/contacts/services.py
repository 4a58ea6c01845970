"""Logging contacts with partners, together with the follow-ups they create."""

from django.db import transaction

from tracker.contacts.models import Contact
from tracker.followups.models import FollowUp
from tracker.followups.services import create_followup
from tracker.history.editing import Version, create_with_history, save_changes


@transaction.atomic
def log_contact(
    contact: Contact, *, by, projects=(), commitments=(), followups: list[FollowUp] = ()
) -> Contact:
    """Save a contact, its links and its follow-ups in one transaction."""
    contact.author = by
    create_with_history(contact, by=by, m2m={"projects": projects, "commitments": commitments})
    for followup in followups:
        followup.contact = contact
        followup.country_id = contact.country_id
        create_followup(followup, by=by)
    return contact


def update_contact(contact: Contact, values: dict, *, by, expected_version: Version) -> Contact:
    """Save edited fields of a contact with history; refuse lost updates."""
    return save_changes(contact, values, by=by, expected_version=expected_version)
