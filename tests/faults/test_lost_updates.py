"""Two real concurrent transactions edit the same row: exactly one wins, the other is told."""

import threading

import pytest
from django.db import connection

from tests import factories
from tracker.commitments import services as commitment_services
from tracker.core.conflicts import StaleEdit
from tracker.history.editing import ANY_VERSION
from tracker.history.models import Change
from tracker.projects import services as project_services

pytestmark = pytest.mark.django_db(transaction=True)


def race(*jobs) -> list:
    """Run each job in its own thread (its own connection), started together; return outcomes."""
    barrier = threading.Barrier(len(jobs))
    outcomes: list = [None] * len(jobs)

    def run(index, job):
        barrier.wait()
        try:
            outcomes[index] = job()
        except Exception as exc:  # the outcome under test
            outcomes[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


def test_two_status_changes_from_the_same_version_one_wins(coordinator):
    project = factories.ProjectFactory(status="identified")
    other = factories.coordinator(username="second")
    outcomes = race(
        lambda: project_services.change_status(
            project, status="seeking_partners", health="on_track", by=coordinator, expected_version=1
        ),
        lambda: project_services.change_status(
            project, status="on_hold", health="on_track", by=other, expected_version=1
        ),
    )
    conflicts = [o for o in outcomes if isinstance(o, StaleEdit)]
    assert len(conflicts) == 1, outcomes
    project.refresh_from_db()
    assert project.version == 2
    changes = list(Change.objects.filter(project=project))
    assert len(changes) == 1
    assert changes[0].fields["status"][1] == project.status


def test_two_commitment_edits_from_the_same_version_one_wins(coordinator):
    commitment = factories.CommitmentFactory(item="Original")
    outcomes = race(
        lambda: commitment_services.update_commitment(
            commitment, {"item": "First"}, by=coordinator, expected_version=1
        ),
        lambda: commitment_services.update_commitment(
            commitment, {"item": "Second"}, by=coordinator, expected_version=1
        ),
    )
    assert sum(isinstance(o, StaleEdit) for o in outcomes) == 1, outcomes
    commitment.refresh_from_db()
    assert commitment.item in {"First", "Second"}
    assert Change.objects.filter(commitment=commitment).count() == 1


def test_concurrent_deliveries_never_exceed_the_promise(coordinator):
    commitment = factories.CommitmentFactory(quantity=10)
    import datetime

    day = datetime.date(2026, 11, 1)
    outcomes = race(
        *[
            (
                lambda: commitment_services.record_delivery(
                    commitment, delivered_on=day, quantity=4, by=coordinator, expected_version=ANY_VERSION
                )
            )
            for _ in range(3)
        ]
    )
    refused = [o for o in outcomes if isinstance(o, Exception)]
    assert len(refused) == 1, outcomes
    commitment.refresh_from_db()
    assert commitment.delivered_quantity == 8 == sum(d.quantity for d in commitment.deliveries.all())
