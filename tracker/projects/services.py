"""Operations on projects: create, edit, and status/health changes with history."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from tracker.core.transitions import check_move
from tracker.history.editing import Version, create_with_history, save_changes
from tracker.history.models import Action
from tracker.projects.models import STATUS_MOVES, Health, Project, Status


def create_project(project: Project, *, by, candidate_countries=()) -> Project:
    """Save a new project and record its creation."""
    return create_with_history(project, by=by, m2m={"candidate_countries": candidate_countries})


def update_project(project: Project, values: dict, *, by, expected_version: Version) -> Project:
    """Save edited fields of a project; status moves still go through the table."""
    return save_changes(project, values, by=by, expected_version=expected_version, check=_check_status_health)


def change_status(
    project: Project,
    *,
    status: str,
    health: str,
    health_reason: str = "",
    by,
    comment: str = "",
    expected_version: Version,
) -> Project:
    """Move a project's status and/or health through the allowed moves, with a comment."""
    return save_changes(
        project,
        {"status": status, "health": health, "health_reason": health_reason},
        by=by,
        expected_version=expected_version,
        action=Action.STATUS,
        comment=comment,
        check=_check_status_health,
    )


def _check_status_health(current: Project, values: dict) -> None:
    if "status" in values:
        check_move(_("Status"), Status.choices, STATUS_MOVES, current.status, values["status"])
    health = values.get("health", current.health)
    if health != Health.ON_TRACK and not values.get("health_reason", current.health_reason).strip():
        raise ValidationError(
            {"health_reason": _("Say why the project is at risk or off track.")}, code="required"
        )
