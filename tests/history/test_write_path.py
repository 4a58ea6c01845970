"""Every write names the version it was made from: leaving it out, or passing None, is a
TypeError; ANY_VERSION is the explicit way to apply a write to whatever is saved."""

import datetime

import pytest

from tests import factories
from tracker.commitments import services as commitments
from tracker.contacts import services as contacts
from tracker.core.conflicts import StaleEdit
from tracker.followups import services as followups
from tracker.history.editing import ANY_VERSION, save_changes
from tracker.projects import services as projects

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 1)

Project, Commitment, Contact, FollowUp = (
    factories.ProjectFactory,
    factories.CommitmentFactory,
    factories.ContactFactory,
    factories.FollowUpFactory,
)
# Each write: what it changes, the service, and its arguments besides `by` and the version
# ("values" is passed second, by position).
WRITES = {
    "save_changes": (Contact, save_changes, {"values": {"outcome": "x"}}),
    "update_project": (Project, projects.update_project, {"values": {"title": "x"}}),
    "change_status": (Project, projects.change_status, {"status": "seeking_partners", "health": "on_track"}),
    "update_commitment": (Commitment, commitments.update_commitment, {"values": {"item": "x"}}),
    "change_stage": (Commitment, commitments.change_stage, {"stage": "contracted"}),
    "record_delivery": (Commitment, commitments.record_delivery, {"delivered_on": TODAY, "quantity": 1}),
    "amend_commitment": (
        Commitment,
        commitments.amend_commitment,
        {"reason": "increase", "new_quantity": 200, "note": "Parliament approved more"},
    ),
    "update_contact": (Contact, contacts.update_contact, {"values": {"outcome": "x"}}),
    "set_state": (FollowUp, followups.set_state, {"state": "done"}),
    "reschedule": (FollowUp, followups.reschedule, {"due_on": TODAY, "reason": "Partner asked"}),
    "update_followup": (FollowUp, followups.update_followup, {"values": {"title": "x"}}),
}


def call(name: str, subject, by, **version):
    _, write, arguments = WRITES[name]
    kwargs = dict(arguments)
    values = kwargs.pop("values", None)
    if values is not None:
        return write(subject, values, by=by, **kwargs, **version)
    return write(subject, by=by, **kwargs, **version)


@pytest.mark.parametrize("name", list(WRITES))
def test_a_write_without_its_expected_version_is_a_type_error(name, coordinator):
    subject = WRITES[name][0]()
    with pytest.raises(TypeError, match="expected_version"):
        call(name, subject, coordinator)
    with pytest.raises(TypeError, match="expected_version"):
        call(name, subject, coordinator, expected_version=None)
    subject.refresh_from_db()
    assert subject.version == 1


@pytest.mark.parametrize("name", list(WRITES))
def test_any_version_applies_the_write_and_an_outdated_one_is_refused(name, coordinator):
    subject = WRITES[name][0]()
    call(name, subject, coordinator, expected_version=ANY_VERSION)
    subject.refresh_from_db()
    assert subject.version == 2
    with pytest.raises(StaleEdit):
        call(name, subject, coordinator, expected_version=1)
