"""Which rows an export holds: exactly the list the user is looking at, through the list
pages' own filter forms, always starting from what the user may see."""

from django.db.models import QuerySet
from django.http import HttpRequest

from tracker.commitments.forms import CommitmentFilterForm
from tracker.commitments.models import Commitment
from tracker.contacts.forms import ContactFilterForm
from tracker.contacts.models import Contact
from tracker.followups.views import listed_followups
from tracker.projects.forms import ProjectFilterForm
from tracker.projects.models import Project


def filtered_projects(request: HttpRequest) -> QuerySet:
    """The projects list's rows for these GET parameters, in its order."""
    form = ProjectFilterForm(request.GET)
    return form.order(form.filter(Project.objects.visible_to(request.user)))


def filtered_commitments(request: HttpRequest) -> QuerySet:
    """The commitments list's rows for these GET parameters."""
    form = CommitmentFilterForm(request.GET, user=request.user)
    return form.filter(Commitment.objects.visible_to(request.user))


def filtered_contacts(request: HttpRequest) -> QuerySet:
    """The contacts list's rows for these GET parameters."""
    form = ContactFilterForm(request.GET, user=request.user)
    return form.filter(Contact.objects.visible_to(request.user))


def filtered_followups(request: HttpRequest) -> QuerySet:
    """My follow-ups' rows for these GET parameters."""
    return listed_followups(request).order_by("due_on", "id")
