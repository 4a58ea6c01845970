"""Which rows an export holds: the same GET parameters as the list the user is looking at.

ADAPTERS TO SWAP AT MERGE: each `filtered_<kind>(request)` below is a minimal stand-in
for the list page's own filter function (written on another branch). When the list pages
land, make each of these return that function's queryset, so an export always holds
exactly the list on screen. Every function starts from `visible_to(request.user)`.
"""

import datetime

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from tracker.commitments.models import Commitment, Marking, Stage
from tracker.contacts.models import Channel, Contact
from tracker.followups.models import FollowUp, State
from tracker.projects.models import Health, Project, Status
from tracker.search.queries import matching_commitments, matching_contacts, matching_projects

PROJECT_SORTS = {"reference", "title", "status", "health", "target_date", "updated_at"}


def filtered_projects(request: HttpRequest) -> QuerySet:
    """Projects list: priority, status, health, enterprise, capability, country, owner, q, sort."""
    params = request.GET
    qs = Project.objects.visible_to(request.user)
    qs = _reference(qs, "priority", params.get("priority"))
    qs = _reference(qs, "capability", params.get("capability"))
    qs = _reference(qs, "enterprise", params.get("enterprise"))
    qs = _choice(qs, "status", params.get("status"), Status.values)
    qs = _choice(qs, "health", params.get("health"), Health.values)
    country = _country_code(params.get("country"))
    if country:
        qs = qs.filter(
            id__in=Project.candidate_countries.through.objects.filter(partnercountry__code=country).values(
                "project_id"
            )
        )
    owner = params.get("owner", "")
    if owner == "me":
        qs = qs.filter(owner=request.user)
    elif owner.isdigit():
        qs = qs.filter(owner_id=int(owner))
    qs = matching_projects(qs, params.get("q", ""))
    sort = params.get("sort", "")
    if sort.removeprefix("-") in PROJECT_SORTS:
        return qs.order_by(sort, "id")
    return qs.order_by("reference")


def filtered_commitments(request: HttpRequest) -> QuerySet:
    """Commitments list: priority, stage, country (ISO code), project, capability, marking, q."""
    params = request.GET
    qs = Commitment.objects.visible_to(request.user)
    qs = _reference(qs, "priority", params.get("priority"))
    qs = _reference(qs, "capability", params.get("capability"))
    qs = _choice(qs, "stage", params.get("stage"), Stage.values)
    qs = _choice(qs, "marking", params.get("marking"), Marking.values)
    country = _country_code(params.get("country"))
    if country:
        qs = qs.filter(country__code=country)
    project = params.get("project", "").strip()
    if project.isdigit():
        qs = qs.filter(project_id=int(project))
    elif project:
        qs = qs.filter(project__reference=project[:40])
    return matching_commitments(qs, params.get("q", "")).order_by("-announced_on", "-id")


def filtered_contacts(request: HttpRequest) -> QuerySet:
    """Contacts list: q, country, channel, date range (held_from, held_to)."""
    params = request.GET
    qs = Contact.objects.visible_to(request.user)
    country = _country_code(params.get("country"))
    if country:
        qs = qs.filter(country__code=country)
    qs = _choice(qs, "channel", params.get("channel"), Channel.values)
    start, end = _date(params.get("held_from")), _date(params.get("held_to"))
    if start:
        qs = qs.filter(held_on__gte=start)
    if end:
        qs = qs.filter(held_on__lte=end)
    return matching_contacts(qs, params.get("q", "")).order_by("-held_on", "-id")


def filtered_followups(request: HttpRequest) -> QuerySet:
    """My follow-ups: open ones, mine (all for a coordinator with scope=all); when = overdue,
    week (due by Sunday) or later."""
    user, today = request.user, timezone.localdate()
    week_end = today + datetime.timedelta(days=6 - today.weekday())
    qs = FollowUp.objects.visible_to(user).filter(state=State.OPEN)
    if not (request.GET.get("scope") == "all" and user.is_coordinator):
        qs = qs.filter(owner=user)
    when = request.GET.get("when", "")
    if when == "overdue":
        qs = qs.filter(due_on__lt=today)
    elif when == "week":
        qs = qs.filter(due_on__gte=today, due_on__lte=week_end)
    elif when == "later":
        qs = qs.filter(due_on__gt=week_end)
    return qs.order_by("due_on", "id")


def _reference(qs: QuerySet, name: str, value: str | None) -> QuerySet:
    """Filter on a reference row given by id or by code; anything else is ignored."""
    value = (value or "").strip()[:60]
    if value.isdigit():
        return qs.filter(**{f"{name}_id": int(value)})
    if value:
        return qs.filter(**{f"{name}__code": value})
    return qs


def _choice(qs: QuerySet, name: str, value: str | None, allowed: list[str]) -> QuerySet:
    return qs.filter(**{name: value}) if value in allowed else qs


def _country_code(value: str | None) -> str:
    value = (value or "").strip().upper()
    return value if len(value) == 2 and value.isalpha() and value.isascii() else ""


def _date(value: str | None) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat((value or "").strip()[:10])
    except ValueError:
        return None


__all__ = ["filtered_commitments", "filtered_contacts", "filtered_followups", "filtered_projects"]
