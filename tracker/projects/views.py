"""Project pages: list, board with card moves, project page with inline status, create and edit."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django_htmx.http import reswap, retarget

from tracker.commitments.forms import ledger_forms
from tracker.commitments.models import Commitment
from tracker.contacts.models import Contact
from tracker.core import bulk
from tracker.core.conflicts import StaleEdit
from tracker.core.pages import as_of, paginate, render_page, wants_partial
from tracker.followups.models import FollowUp
from tracker.history.lines import with_rows
from tracker.projects import services
from tracker.projects.board import build_board
from tracker.projects.forms import ProjectBulkForm, ProjectFilterForm, ProjectForm, StatusForm
from tracker.projects.milestone_forms import milestone_formset, milestones_valid
from tracker.projects.models import Project
from tracker.savedviews.defaults import default_view_redirect
from tracker.savedviews.models import ListName

LIST_RELATED = ("enterprise", "priority", "owner")


def project_list(request: HttpRequest) -> HttpResponse:
    """Filtered, sorted, paginated projects; htmx gets only the results."""
    if opened := default_view_redirect(request, ListName.PROJECTS):
        return opened
    form = ProjectFilterForm(request.GET)
    projects = form.order(form.filter(Project.objects.visible_to(request.user).select_related(*LIST_RELATED)))
    page = paginate(request, projects)
    if form.as_of_date:
        page.object_list = [project.as_it_was() for project in page.object_list]
    # Bulk changes: coordinators, and industry staff for their own projects (not as of a date).
    can_bulk = Project.may_create(request.user) and not form.as_of_date
    if can_bulk:
        for project in page.object_list:
            project.editable = project.can_edit(request.user)
    context = {
        "form": form,
        "page": page,
        "columns": form.sort_columns(),
        "can_create": Project.may_create(request.user),
        "can_bulk": can_bulk,
        "bulk_form": ProjectBulkForm(auto_id="bulk-%s") if can_bulk else None,
        "as_of": form.as_of_date,
    }
    return render_page(request, "projects/list.html", context, partial="results")


def project_board(request: HttpRequest) -> HttpResponse:
    """Projects in columns by status, with the list's filters."""
    return render_page(request, "projects/board.html", _board_context(request), partial="board")


def _board_context(request: HttpRequest, **extra) -> dict:
    """The board as filtered by the query string (a move's query carries the board's)."""
    form = ProjectFilterForm(request.GET)
    projects = form.filter(Project.objects.visible_to(request.user).select_related(*LIST_RELATED))
    columns = build_board(projects)
    for column in columns:
        for card in column.cards:
            card.editable = card.can_edit(request.user)
    closed = [column for column in columns if column.closed]
    moved = extra.get("moved")
    return {
        "form": form,
        "columns": columns,
        "closed_total": sum(column.total for column in closed),
        # A card just moved into a closed status stays in sight.
        "show_closed": any(card.pk == moved for column in closed for card in column.cards),
        "list_url": reverse("projects:list"),
        **extra,
    }


def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Everything about one project, with its inline status form and timeline."""
    project = get_object_or_404(_projects(request), pk=pk)
    context = _detail_context(request, project)
    if day := as_of(request):
        then = Project.objects.with_status(day).filter(pk=pk).first()
        context |= {"as_of": day, "then": then.as_it_was() if then else None}
    return render_page(request, "projects/detail.html", context)


def _projects(request: HttpRequest):
    related = ("enterprise", "priority", "capability", "owner")
    return Project.objects.visible_to(request.user).select_related(*related)


def _editable_project(request: HttpRequest, pk: int) -> Project:
    """404 when the user may not see the project, 403 when they may see but not change it."""
    project = get_object_or_404(_projects(request), pk=pk)
    if not project.can_edit(request.user):
        raise PermissionDenied
    return project


def commitments_context(
    request: HttpRequest, project: Project, *, bound_for: int | None = None, **bound
) -> dict:
    """The project page's commitments panel: its figures, the rows, and the arrival and payment
    forms of the commitments the user may change (`bound`: the forms as posted for the
    commitment `bound_for`, with their errors). The commitments' views answer with it when a
    form of this panel records something (projects/detail.html#commitments)."""
    user = request.user
    commitments = list(
        Commitment.objects.visible_to(user)
        .filter(project=project)
        .select_related("partner", "priority", "project")
    )
    for commitment in commitments:
        commitment.record_forms = ledger_forms(
            commitment, user, **(bound if commitment.pk == bound_for else {})
        )
        commitment.record_open = commitment.pk == bound_for and bool(bound)
    return {
        "project": project,
        "commitments": commitments,
        "can_add_commitment": Commitment.may_create(user),
        "commitment_rows_url": reverse("commitments:list") + f"?project={project.pk}",
    }


def _detail_context(request: HttpRequest, project: Project, **extra) -> dict:
    user = request.user
    context = {
        **commitments_context(request, project),
        "can_edit": project.can_edit(user),
        "status_form": StatusForm(project=project),
        "countries": project.candidate_countries.all(),
        "companies": project.partner_companies.all(),
        "milestones": project.milestones.in_order(),
        "contacts": Contact.objects.visible_to(user).filter(projects=project).select_related("country"),
        "followups": FollowUp.objects.visible_to(user).filter(project=project).select_related("owner"),
        "changes": with_rows(project.changes.select_related("actor"), user),
        "today": timezone.localdate(),
    }
    context.update(extra)
    return context


def _apply_status(request: HttpRequest, pk: int) -> tuple[Project, StatusForm, StaleEdit | None]:
    """The posted status move through the one status service, for the project page and the board.

    Returns the project as saved now, the bound form (with the rule's refusal on it), and the
    conflict when someone saved first; the move was saved when there is neither.
    """
    project = _editable_project(request, pk)
    form = StatusForm(request.POST, project=project)
    if not form.is_valid():
        return project, form, None
    try:
        project = services.change_status(project, by=request.user, **form.change())
    except StaleEdit as stale:
        project = _projects(request).get(pk=pk)
        return project, _rebased(StatusForm, request.POST, stale, project=project), stale
    except ValidationError as error:
        form.add_error(None if hasattr(error, "error_dict") else "status", error)
        return project, form, None
    messages.success(
        request,
        _("%(project)s: status “%(status)s”, health “%(health)s”.")
        % {
            "project": project.reference,
            "status": project.get_status_display(),
            "health": project.get_health_display(),
        },
    )
    return project, form, None


@require_POST
def project_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The project page's status panel: move status/health; htmx gets the panel (and timeline)."""
    project, form, conflict = _apply_status(request, pk)
    if conflict is None and form.is_valid():
        if not wants_partial(request):
            return redirect(project)
        context = _detail_context(request, project, saved=True, swap_timeline=True)
        return render_page(request, "projects/detail.html", context, partial="status")
    context = _detail_context(request, project, status_form=form, conflict=conflict)
    status = 409 if conflict else 422
    return render_page(request, "projects/detail.html", context, partial="status", status=status)


@require_POST
def project_move(request: HttpRequest, pk: int) -> HttpResponse:
    """A board card's move to another status. The move's query string holds the board's
    filters, so the board answers (or is redirected to) as it was filtered."""
    project, form, conflict = _apply_status(request, pk)
    saved = conflict is None and form.is_valid()
    if not wants_partial(request):
        if not saved:
            notes = [str(conflict)] if conflict else [" ".join(errors) for errors in form.errors.values()]
            for note in notes:
                messages.error(request, f"{project.reference}: {note}")
        query = request.GET.urlencode()
        return redirect(reverse("projects:board") + (f"?{query}" if query else ""))
    if saved:
        # The whole board again, so that the card sits in its new column.
        context = _board_context(request, moved=project.pk)
        response = render_page(request, "projects/board.html", context, partial="board")
        return reswap(retarget(response, "#board"), "outerHTML")
    project.editable = True
    context = {"project": project, "move_form": form, "conflict": conflict}
    status = 409 if conflict else 422
    return render_page(request, "projects/board.html", context, partial="card", status=status)


def _rebased(form_class, data: QueryDict, stale: StaleEdit, **kwargs):
    """The user's input again, now based on the saved version, so saving re-applies it."""
    data = data.copy()
    data["version"] = str(stale.current.version)
    return form_class(data, **kwargs)


def project_create(request: HttpRequest) -> HttpResponse:
    """A new project: coordinators for any enterprise, industry staff for their own."""
    user = request.user
    if not Project.may_create(user):
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


@require_POST
def project_bulk(request: HttpRequest) -> HttpResponse:
    """Change the status, owner or target date of the selected projects: each through the
    single edit's service; refusals are listed with their reasons, the rest is saved."""
    user = request.user
    if not Project.may_create(user):  # coordinators, and industry staff for their own
        raise PermissionDenied
    back = bulk.back_to_list(request, reverse("projects:list"))
    form = ProjectBulkForm(request.POST)
    try:
        items = bulk.parse_items(request.POST.getlist("item"))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(back)
    if not items:
        messages.error(request, _("Select at least one project."))
    elif not form.is_valid():
        messages.error(request, bulk.form_errors(form))
    else:
        projects = Project.objects.visible_to(user).select_related("enterprise")
        outcome = services.bulk_change(projects, items, by=user, **form.change())
        bulk.report(
            request,
            outcome,
            lambda n: ngettext("%(count)s project changed.", "%(count)s projects changed.", n) % {"count": n},
        )
    return redirect(back)
