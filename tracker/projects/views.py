"""Project pages: list, board, project page with inline status, create and edit."""

from urllib.parse import urlsplit

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import reswap, retarget

from tracker.commitments.models import Commitment
from tracker.contacts.models import Contact
from tracker.core.conflicts import StaleEdit
from tracker.core.pages import paginate, render_page, wants_partial
from tracker.followups.models import FollowUp
from tracker.history.lines import with_rows
from tracker.projects import services
from tracker.projects.board import build_board
from tracker.projects.forms import ProjectFilterForm, ProjectForm, StatusForm
from tracker.projects.milestone_forms import milestone_formset, milestones_valid
from tracker.projects.models import Project

LIST_RELATED = ("enterprise", "priority", "owner")


def project_list(request: HttpRequest) -> HttpResponse:
    """Filtered, sorted, paginated projects; htmx gets only the results."""
    form = ProjectFilterForm(request.GET)
    projects = form.order(form.filter(Project.objects.visible_to(request.user).select_related(*LIST_RELATED)))
    context = {"form": form, "page": paginate(request, projects), "columns": form.sort_columns()}
    return render_page(request, "projects/list.html", context, partial="results")


def project_board(request: HttpRequest) -> HttpResponse:
    """Projects in columns by status, with the list's filters."""
    form = ProjectFilterForm(request.GET)
    return render_page(request, "projects/board.html", _board_context(request, form), partial="board")


def _board_context(request: HttpRequest, form: ProjectFilterForm, **extra) -> dict:
    projects = form.filter(Project.objects.visible_to(request.user).select_related(*LIST_RELATED))
    columns = build_board(projects)
    for column in columns:
        for card in column.cards:
            card.editable = card.can_edit(request.user)
    board_url = reverse("projects:board")
    query = request.GET.urlencode() if request.method == "GET" else _query_of(request.POST.get("next", ""))
    return {
        "form": form,
        "columns": columns,
        "board_url": f"{board_url}?{query}" if query else board_url,
        "list_url": reverse("projects:list"),
        **extra,
    }


def _query_of(url: str) -> str:
    """Only the query string of a posted `next`, so a redirect never leaves the board."""
    return urlsplit(url).query


def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Everything about one project, with its inline status form and timeline."""
    project = get_object_or_404(_projects(request), pk=pk)
    return render_page(request, "projects/detail.html", _detail_context(request, project))


def _projects(request: HttpRequest):
    related = ("enterprise", "priority", "capability", "owner")
    return Project.objects.visible_to(request.user).select_related(*related)


def _editable_project(request: HttpRequest, pk: int) -> Project:
    """404 when the user may not see the project, 403 when they may see but not change it."""
    project = get_object_or_404(_projects(request), pk=pk)
    if not project.can_edit(request.user):
        raise PermissionDenied
    return project


def _detail_context(request: HttpRequest, project: Project, **extra) -> dict:
    user = request.user
    context = {
        "project": project,
        "can_edit": project.can_edit(user),
        "status_form": StatusForm(project=project),
        "countries": project.candidate_countries.all(),
        "companies": project.partner_companies.all(),
        "milestones": project.milestones.in_order(),
        "commitments": Commitment.objects.visible_to(user).filter(project=project).select_related("country"),
        "contacts": Contact.objects.visible_to(user).filter(projects=project).select_related("country"),
        "followups": FollowUp.objects.visible_to(user).filter(project=project).select_related("owner"),
        "changes": with_rows(project.changes.select_related("actor"), user),
        "today": timezone.localdate(),
    }
    context.update(extra)
    return context


@require_POST
def project_status(request: HttpRequest, pk: int) -> HttpResponse:
    """Move status/health through the allowed moves, from the project page or a board card."""
    project = _editable_project(request, pk)
    on_board = "next" in request.POST
    form = StatusForm(request.POST, project=project)
    conflict = None
    if form.is_valid():
        try:
            project = services.change_status(project, by=request.user, **form.change())
        except StaleEdit as stale:
            conflict = stale
            project = _projects(request).get(pk=pk)
            form = _rebased(StatusForm, request.POST, stale, project=project)
        except ValidationError as error:
            form.add_error(None if hasattr(error, "error_dict") else "status", error)
        else:
            messages.success(
                request,
                _("%(project)s: status “%(status)s”, health “%(health)s”.")
                % {
                    "project": project.reference,
                    "status": project.get_status_display(),
                    "health": project.get_health_display(),
                },
            )
            if on_board:
                return _board_after_move(request, project)
            if not wants_partial(request):
                return redirect(project)
            context = _detail_context(request, project, saved=True, swap_timeline=True)
            return render_page(request, "projects/detail.html", context, partial="status")
    status = 409 if conflict else 422
    if on_board:
        if not wants_partial(request):
            notes = [str(conflict)] if conflict else [" ".join(errors) for errors in form.errors.values()]
            for note in notes:
                messages.error(request, f"{project.reference}: {note}")
            return redirect(reverse("projects:board") + _query_suffix(request))
        project.editable = True
        context = {"project": project, "move_form": form, "conflict": conflict}
        context["board_url"] = request.POST["next"]
        return render_page(request, "projects/board.html", context, partial="card", status=status)
    context = _detail_context(request, project, status_form=form, conflict=conflict)
    return render_page(request, "projects/detail.html", context, partial="status", status=status)


def _query_suffix(request: HttpRequest) -> str:
    query = _query_of(request.POST.get("next", ""))
    return f"?{query}" if query else ""


def _board_after_move(request: HttpRequest, project: Project) -> HttpResponse:
    """Back to the board; htmx gets the whole board again so the card sits in its new column."""
    if not wants_partial(request):
        return redirect(reverse("projects:board") + _query_suffix(request))
    form = ProjectFilterForm(QueryDict(_query_of(request.POST["next"])))
    context = _board_context(request, form, moved=project.pk)
    response = render_page(request, "projects/board.html", context, partial="board")
    return reswap(retarget(response, "#board"), "outerHTML")


def _rebased(form_class, data: QueryDict, stale: StaleEdit, **kwargs):
    """The user's input again, now based on the saved version, so saving re-applies it."""
    data = data.copy()
    data["version"] = str(stale.current.version)
    return form_class(data, **kwargs)


def project_create(request: HttpRequest) -> HttpResponse:
    """A new project: coordinators for any enterprise, industry staff for their own."""
    user = request.user
    if not (user.is_coordinator or (user.is_industry and user.organisation_id)):
        raise PermissionDenied
    form = ProjectForm(request.POST or None, user=user)
    milestones = milestone_formset(request.POST or None)
    if request.method == "POST" and form.is_valid() and milestones_valid(milestones):
        project = services.create_project(
            form.save(commit=False),
            by=user,
            candidate_countries=form.cleaned_data["candidate_countries"],
            partner_companies=form.cleaned_data["partner_companies"],
            milestones=milestones.dates(),
        )
        messages.success(request, _("Project %(reference)s created.") % {"reference": project.reference})
        return redirect(project)
    status = 422 if request.method == "POST" else 200
    context = {"form": form, "milestones": milestones}
    return render_page(request, "projects/form.html", context, status=status)


def project_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit a project's details with a lost-update check."""
    project = _editable_project(request, pk)
    title = str(project)  # the form writes the input into `project` while validating
    form = ProjectForm(request.POST or None, instance=project, user=request.user)
    milestones = milestone_formset(request.POST or None, project)
    conflict = None
    if request.method == "POST" and form.is_valid() and milestones_valid(milestones):
        try:
            services.edit_project(
                project,
                form.values(),
                milestones=milestones.dates(),
                by=request.user,
                expected_version=form.cleaned_data["version"],
            )
        except StaleEdit as stale:
            conflict = stale
            project = _projects(request).get(pk=pk)
            form = _rebased(ProjectForm, request.POST, stale, instance=project, user=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Project %(reference)s saved.") % {"reference": project.reference})
            return redirect(project)
    status = 409 if conflict else 422 if request.method == "POST" else 200
    context = {
        "form": form,
        "milestones": milestones,
        "project": project,
        "title": title,
        "conflict": conflict,
    }
    return render_page(request, "projects/form.html", context, status=status)
