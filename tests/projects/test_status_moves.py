"""Project status and health move only through the allowed moves, with history."""

import pytest
from django.core.exceptions import ValidationError

from tests import factories
from tracker.core.conflicts import StaleEdit
from tracker.history.editing import ANY_VERSION
from tracker.history.models import Change
from tracker.projects import services
from tracker.projects.models import STATUS_MOVES, Status

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("old", "new"), [(old, new) for old, moves in STATUS_MOVES.items() for new in sorted(moves)]
)
def test_every_allowed_move_is_accepted(old, new, coordinator):
    project = factories.ProjectFactory(status=old)
    services.change_status(
        project, status=new, health="on_track", by=coordinator, comment="moving", expected_version=ANY_VERSION
    )
    project.refresh_from_db()
    assert project.status == new


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (old, new)
        for old in Status.values
        for new in Status.values
        if new != old and new not in STATUS_MOVES[old]
    ],
)
def test_every_other_move_is_refused_with_a_clear_message(old, new, coordinator):
    project = factories.ProjectFactory(status=old)
    with pytest.raises(ValidationError) as error:
        services.change_status(
            project, status=new, health="on_track", by=coordinator, expected_version=ANY_VERSION
        )
    assert "cannot move from" in str(error.value)
    project.refresh_from_db()
    assert project.status == old
    assert not Change.objects.filter(project=project).exists()


def test_status_change_records_old_new_actor_and_comment(coordinator):
    project = factories.ProjectFactory(status=Status.IDENTIFIED)
    services.change_status(
        project,
        status=Status.SEEKING_PARTNERS,
        health="at_risk",
        health_reason="No partner yet",
        by=coordinator,
        comment="Presented to embassies",
        expected_version=ANY_VERSION,
    )
    change = Change.objects.get(project=project)
    assert change.action == "status"
    assert change.actor == coordinator
    assert change.comment == "Presented to embassies"
    assert change.fields["status"] == ["identified", "seeking_partners"]
    assert change.fields["health"] == ["on_track", "at_risk"]


def test_health_off_track_needs_a_reason(coordinator):
    project = factories.ProjectFactory()
    with pytest.raises(ValidationError) as error:
        services.change_status(
            project, status=project.status, health="off_track", by=coordinator, expected_version=ANY_VERSION
        )
    assert "health_reason" in error.value.message_dict


def test_saving_over_a_newer_version_is_refused(coordinator):
    project = factories.ProjectFactory(status=Status.IDENTIFIED)
    services.change_status(
        project, status=Status.SEEKING_PARTNERS, health="on_track", by=coordinator, expected_version=1
    )
    with pytest.raises(StaleEdit) as conflict:
        services.update_project(project, {"title": "Stale title"}, by=coordinator, expected_version=1)
    assert conflict.value.current.version == 2
    assert ("title", project.title, "Stale title") in [
        (str(label).lower(), theirs, yours) for label, theirs, yours in conflict.value.differences
    ]
    project.refresh_from_db()
    assert project.title != "Stale title"
