"""Operations on projects: create, edit, and status/health changes with history."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tracker.core.bulk import Outcome, apply_each
from tracker.core.rough_dates import RoughDate, effective_date
from tracker.core.transitions import check_move
from tracker.history import services as history
from tracker.history.editing import Version, create_with_history, save_changes
from tracker.history.models import Action
from tracker.projects.models import (
    STATUS_MOVES,
    Health,
    Milestone,
    Project,
    Status,
    StatusMove,
    milestone_history_key,
)

# A milestone's (planned date, actual date) by kind; (None, None) removes the milestone.
MilestoneDates = dict[str, tuple[datetime.date | None, datetime.date | None]]


@transaction.atomic
def create_project(
    project: Project,
    *,
    by,
    candidate_countries=(),
    partner_companies=(),
    milestones: MilestoneDates | None = None,
) -> Project:
    """Save a new project with its partner companies and milestones, and record its creation."""
    project = create_with_history(
        project,
        by=by,
        m2m={"candidate_countries": candidate_countries, "partner_companies": partner_companies},
    )
    if milestones:
        save_milestones(project, milestones, by=by)
    return project


@transaction.atomic
def edit_project(
    project: Project, values: dict, *, milestones: MilestoneDates, by, expected_version: Version
) -> Project:
    """Save edited fields and milestones of a project in one transaction, with history; the
    version check of the project covers its milestones too."""
    project = update_project(project, values, by=by, expected_version=expected_version)
    save_milestones(project, milestones, by=by)
    return project


def save_milestones(project: Project, milestones: MilestoneDates, *, by, comment: str = "") -> None:
    """Create, re-date or remove the given milestones of a project, and record on the
    project's history each date that changed. Kinds not given are left as they are."""
    existing = {m.kind: m for m in Milestone.objects.filter(project=project, kind__in=list(milestones))}
    changed = {}
    for kind, (planned, actual) in milestones.items():
        milestone = existing.get(kind)
        before = (milestone.planned_on, milestone.actual_on) if milestone else (None, None)
        if before == (planned, actual):
            continue
        for name, old, new in (("planned_on", before[0], planned), ("actual_on", before[1], actual)):
            if old != new:
                changed[milestone_history_key(kind, name)] = [_iso(old), _iso(new)]
        if planned is None and actual is None:
            milestone.delete()
        elif milestone is None:
            Milestone.objects.create(project=project, kind=kind, planned_on=planned, actual_on=actual)
        else:
            milestone.planned_on, milestone.actual_on = planned, actual
            milestone.save(update_fields=["planned_on", "actual_on"])
    if changed:
        history.record(project, Action.CHANGED, actor=by, fields=changed, comment=comment)


def _iso(day: datetime.date | None) -> str | None:
    return str(day) if day is not None else None


def update_project(
    project: Project, values: dict, *, by, expected_version: Version, comment: str = ""
) -> Project:
    """Save edited fields of a project; status moves still go through the table."""
    return save_changes(
        project, values, by=by, expected_version=expected_version, comment=comment, check=_check_edit
    )


def bulk_change(
    projects, items: dict[int, int], *, by, comment: str, status: str = "", owner=None, target_date=None
) -> Outcome:
    """One change (a status, an owner or a target date) to each selected project through the
    same version-checked service as a single edit, each with its own history line carrying the
    shared comment; `items` is {pk: version seen}. A status move keeps each project's health."""

    def change(project: Project, version: int) -> None:
        if status:
            change_status(
                project,
                status=status,
                health=project.health,
                health_reason=project.health_reason,
                by=by,
                comment=comment,
                expected_version=version,
            )
        else:
            values = {"owner": owner} if owner is not None else {"target_date": target_date}
            update_project(project, values, by=by, expected_version=version, comment=comment)

    return apply_each(
        projects.filter(pk__in=list(items)),
        items,
        change,
        name=lambda project: project.reference,
        can_change=lambda project: project.can_edit(by),
    )


def change_status(
    project: Project,
    *,
    status: str,
    health: str,
    health_reason: str = "",
    by,
    comment: str = "",
    expected_version: Version,
    effective: RoughDate | datetime.date | None = None,
) -> Project:
    """Move a project's status and/or health through the allowed moves, with a comment; a
    status move is recorded with the date it took effect (default today)."""
    effective = effective_date(effective)
    moved = {}

    def check(current: Project, values: dict) -> None:
        _check_status_health(current, values)
        moved["from"] = current.status

    with transaction.atomic():
        saved = save_changes(
            project,
            {"status": status, "health": health, "health_reason": health_reason},
            by=by,
            expected_version=expected_version,
            action=Action.STATUS,
            comment=comment,
            check=check,
        )
        if moved["from"] != status:
            StatusMove.objects.create(
                project=saved,
                from_status=moved["from"],
                to_status=status,
                moved_by=by if by and by.is_authenticated else None,
                **effective.stored("effective"),
            )
    return saved


def _check_edit(current: Project, values: dict) -> None:
    if "status" in values and values["status"] != current.status:
        # Only change_status moves a status: it records when the move took effect.
        raise ValidationError({"status": _("Change the status with a status change, giving its date.")})
    _check_status_health(current, values)


def _check_status_health(current: Project, values: dict) -> None:
    if "status" in values:
        check_move(_("Status"), Status.choices, STATUS_MOVES, current.status, values["status"])
    health = values.get("health", current.health)
    if health != Health.ON_TRACK and not values.get("health_reason", current.health_reason).strip():
        raise ValidationError(
            {"health_reason": _("Say why the project is at risk or off track.")}, code="required"
        )
