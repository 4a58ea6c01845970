"""Follow-ups: close, reopen and re-date with history; closing records who and when."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from tests import factories
from tracker.followups import services
from tracker.followups.models import State
from tracker.history.editing import ANY_VERSION
from tracker.history.models import Change

pytestmark = pytest.mark.django_db


def test_marking_done_records_who_and_when(coordinator):
    followup = factories.FollowUpFactory()
    services.set_state(
        followup, state=State.DONE, by=coordinator, comment="Sent", expected_version=ANY_VERSION
    )
    followup.refresh_from_db()
    assert followup.state == State.DONE
    assert followup.completed_by == coordinator
    assert followup.completed_at is not None
    services.set_state(followup, state=State.OPEN, by=coordinator, expected_version=ANY_VERSION)
    followup.refresh_from_db()
    assert (followup.completed_at, followup.completed_by) == (None, None)
    assert Change.objects.filter(followup=followup, action="status").count() == 2


def test_redating_needs_a_reason_and_an_open_followup(coordinator):
    followup = factories.FollowUpFactory()
    new_date = followup.due_on + datetime.timedelta(days=7)
    with pytest.raises(ValidationError):
        services.reschedule(
            followup, due_on=new_date, reason=" ", by=coordinator, expected_version=ANY_VERSION
        )
    services.reschedule(
        followup, due_on=new_date, reason="Partner on leave", by=coordinator, expected_version=ANY_VERSION
    )
    change = Change.objects.get(followup=followup)
    assert change.comment == "Partner on leave"
    assert change.fields["due_on"][1] == str(new_date)
    services.set_state(followup, state=State.CANCELLED, by=coordinator, expected_version=ANY_VERSION)
    with pytest.raises(ValidationError):
        services.reschedule(
            followup, due_on=new_date, reason="again", by=coordinator, expected_version=ANY_VERSION
        )


def test_followup_takes_its_country_from_its_commitment(coordinator, country_pl):
    commitment = factories.CommitmentFactory(country=country_pl)
    followup = services.create_followup(
        factories.FollowUpFactory.build(project=None, commitment=commitment, owner=coordinator),
        by=coordinator,
    )
    assert followup.country == country_pl
    assert Change.objects.filter(followup=followup, action="created").exists()
