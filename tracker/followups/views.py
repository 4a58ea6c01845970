"""Follow-up pages: my open follow-ups by urgency, one follow-up, and closing or re-dating in place."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, QuerySet, Value
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST
from django_htmx.http import reswap, retarget

from tracker.commitments.models import Commitment
from tracker.contacts.models import Contact
from tracker.core import bulk
from tracker.core.forms import apply_edit
from tracker.core.pages import page_of, render_page, wants_partial
from tracker.core.sorting import SortColumn, Sorting
from tracker.followups import services
from tracker.followups.forms import FollowUpBulkForm, RescheduleForm, StateForm
from tracker.followups.models import FollowUp, State, urgency, urgency_of
from tracker.history.lines import timeline
from tracker.projects.models import Project
from tracker.reference.models import Priority
from tracker.savedviews.defaults import default_view_redirect
from tracker.savedviews.models import ListName

MINE = "followups/mine.html"
# Grouping happens on one page of rows, so the page is longer than a plain list's.
MINE_PAGE_SIZE = 50
GROUPS = {
    "overdue": gettext_lazy("Overdue"),
    "week": gettext_lazy("Due this week"),
    "later": gettext_lazy("Later"),
}
DONE = {
    State.DONE: gettext_lazy("Marked done."),
    State.CANCELLED: gettext_lazy("Cancelled."),
    State.OPEN: gettext_lazy("Reopened."),
}
# The order inside the urgency groups: by due date unless the reader picks another.
SORTS = {
    "due": SortColumn(("due_on",), gettext_lazy("Due date")),
    "title": SortColumn(("title",), gettext_lazy("Action")),
    "owner": SortColumn(("owner__first_name", "owner__last_name"), gettext_lazy("Owner")),
}
DEFAULT_SORT = "due"
RELATED = ("owner", "country", "project", "commitment__partner", "contact__country")


def _priority(params: QueryDict) -> Priority | None:
    """The priority named by ?priority=, if there is one (a bad value shows all)."""
    value = params.get("priority", "")
    if not value.isdigit() or len(value) > 9:
        return None
    return Priority.objects.filter(pk=value).first()


def _followups(user, followups=None):
    """Follow-ups the user may see, with whether they may also see each one's subject.

    An owner may be asked to act on something outside their own view; the page then names
    only what they may see. Coordinators see everything, so they skip the subqueries.
    """
    if followups is None:
        followups = FollowUp.objects.visible_to(user)
    followups = followups.select_related(*RELATED)
    if user.scope.sees_all:
        return followups.annotate(
            contact_seen=Value(True), commitment_seen=Value(True), project_seen=Value(True)
        )
    return followups.annotate(
        contact_seen=Exists(Contact.objects.visible_to(user).filter(pk=OuterRef("contact_id"))),
        commitment_seen=Exists(Commitment.objects.visible_to(user).filter(pk=OuterRef("commitment_id"))),
        project_seen=Exists(Project.objects.visible_to(user).filter(pk=OuterRef("project_id"))),
    )


def listed_followups(
    request: HttpRequest,
    *,
    by_when: bool = True,
    priority: Priority | None = None,
    params: QueryDict | None = None,
) -> QuerySet:
    """The open follow-ups listed for these GET parameters (`params`, else the request's),
    unpaged: the user's own, or with ?scope=all every one they may see; narrowed by
    ?priority= and ?when=."""
    params = request.GET if params is None else params
    followups = FollowUp.objects.visible_to(request.user).open()
    if params.get("scope") != "all":
        followups = followups.filter(owner=request.user)
    if priority := priority or _priority(params):
        followups = followups.with_priority().filter(priority_key=priority.pk)
    conditions = urgency(timezone.localdate())
    if by_when and params.get("when") in conditions:
        followups = followups.filter(conditions[params["when"]])
    return followups


def my_followups(request: HttpRequest) -> HttpResponse:
    """My open follow-ups (?scope=all: every open one I may see), grouped by urgency; htmx
    (the page links) gets only the groups."""
    if opened := default_view_redirect(request, ListName.FOLLOWUPS):
        return opened
    return render_page(request, MINE, _mine_context(request, request.GET), partial="results")


def _mine_context(request: HttpRequest, params: QueryDict, changed: FollowUp | None = None) -> dict:
    """The follow-ups page for the query `params`. `changed`: the follow-up just acted on,
    shown in the group of its (new) due date even when no longer open, so that it can be
    reopened where it was."""
    user, today = request.user, timezone.localdate()
    priority = _priority(params)
    followups = _followups(user, listed_followups(request, by_when=False, priority=priority, params=params))
    conditions = urgency(today)
    counts = followups.aggregate(**{key: Count("id", filter=q) for key, q in conditions.items()})
    when = params.get("when") if params.get("when") in conditions else ""
    if when:
        followups = followups.filter(conditions[when])
    sorting = Sorting(SORTS, DEFAULT_SORT, params.get("sort"))
    page = page_of(Paginator(sorting.order(followups), MINE_PAGE_SIZE), params.get("page"))
    grouped = {key: [] for key in GROUPS}
    rows = list(page.object_list)
    if changed is not None and all(row.pk != changed.pk for row in rows):
        group = urgency_of(changed.due_on, today)
        if changed.state != State.OPEN and (not when or when == group):
            rows.append(changed)
    for followup in rows:  # in the reader's sort order; the changed row last in its group
        followup.editable = followup.can_edit(user)  # not every one of "all" is the user's to act on
        followup.changed = changed is not None and followup.pk == changed.pk
        grouped[urgency_of(followup.due_on, today)].append(followup)
    return {
        "page": page,
        "groups": [(key, GROUPS[key], grouped[key], counts[key]) for key in GROUPS if grouped[key]],
        "tabs": [(key, GROUPS[key], counts[key]) for key in GROUPS],
        "when": when,
        "show_all": params.get("scope") == "all",
        "priority": priority,
        "today": today,
        "columns": sorting.headers(),
        "params": params,
        "bulk_form": FollowUpBulkForm(auto_id="bulk-%s"),
        # An action's answer is rendered for a POST: the bulk form goes back to the page.
        "next_url": reverse("followups:mine") + (f"?{params.urlencode()}" if params else ""),
    }


def _listing(request: HttpRequest) -> QueryDict | None:
    """The query of the follow-ups page an htmx row action came from, or None when it came
    from elsewhere (a follow-up's own page)."""
    current = getattr(request.htmx, "current_url_abs_path", None) or ""
    path, _, query = current.partition("?")
    return QueryDict(query) if path == reverse("followups:mine") else None


def _history_context(request: HttpRequest, followup: FollowUp) -> dict:
    return {
        "followup": followup,
        "changes": timeline(followup, request.user),
        "editable": followup.can_edit(request.user),
        "today": timezone.localdate(),
    }


def followup_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One follow-up: what it is about, its owner and due date, the actions, its history."""
    followup = get_object_or_404(_followups(request.user), pk=pk)
    return render_page(request, "followups/detail.html", _history_context(request, followup))


def _for_change(request: HttpRequest, pk: int) -> FollowUp:
    """The follow-up if the user may act on it: 404 when unseen, 403 when only readable."""
    followup = get_object_or_404(_followups(request.user), pk=pk)
    if not followup.can_edit(request.user):
        raise PermissionDenied
    return followup


def _answer(request: HttpRequest, followup: FollowUp, message: str = "", **bound) -> HttpResponse:
    """After an action: the row again for htmx. A plain form goes back where it came from,
    or to the follow-up page showing what was wrong (`bound`: the form with errors, a conflict)."""
    if message:
        messages.success(request, message)
    if wants_partial(request):
        if not bound and (params := _listing(request)) is not None:
            # On the follow-ups page the row may change group, and the counts change: the
            # groups come again, with the counted tabs swapped out of band.
            # Links in the answer (tabs, pages) keep the page's filters: they read request.GET.
            request.GET = params
            context = _mine_context(request, params, changed=followup) | {"oob": True}
            response = render_page(request, MINE, context, partial="results")
            return reswap(retarget(response, "#results"), "innerHTML")
        today = timezone.localdate()
        context = {"followup": followup, "editable": True, "today": today, "changed": not bound, **bound}
        return render_page(request, MINE, context, partial="row")
    if not bound:
        target = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
            target = followup.get_absolute_url()
        return redirect(target)
    return render_page(request, "followups/detail.html", {**_history_context(request, followup), **bound})


def _row_action(
    request: HttpRequest, followup: FollowUp, name: str, form, save, message: str
) -> HttpResponse:
    """Run one row form through its service and answer with the row (or the page, or a redirect)."""
    saved, conflict = apply_edit(form, save)
    if saved or conflict:
        followup = _refetch(request, followup.pk)
    if saved:
        return _answer(request, followup, message=message)
    return _answer(request, followup, **{f"{name}_form": form, "conflict": conflict})


@require_POST
def mark_done(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark done, cancel or reopen a follow-up, with an optional comment."""
    followup = _for_change(request, pk)

    def save(data: dict) -> None:
        services.set_state(
            followup,
            state=data["state"],
            by=request.user,
            comment=data["comment"],
            expected_version=data["version"],
        )

    message = DONE.get(request.POST.get("state"), "")  # used only once the state proved valid
    return _row_action(request, followup, "state", StateForm(request.POST), save, message)


@require_POST
def reschedule(request: HttpRequest, pk: int) -> HttpResponse:
    """Move the due date of an open follow-up, with the reason."""
    followup = _for_change(request, pk)

    def save(data: dict) -> None:
        services.reschedule(
            followup,
            due_on=data["due_on"],
            reason=data["reason"],
            by=request.user,
            expected_version=data["version"],
        )

    form = RescheduleForm(request.POST)
    return _row_action(request, followup, "reschedule", form, save, _("Due date moved."))


def _refetch(request: HttpRequest, pk: int) -> FollowUp:
    return _followups(request.user).get(pk=pk)


@require_POST
def followup_bulk(request: HttpRequest) -> HttpResponse:
    """Close or reopen, re-assign or re-date the selected follow-ups: each through the single
    action's service; refusals are listed with their reasons, the rest is saved."""
    user = request.user
    back = bulk.back_to_list(request, reverse("followups:mine"))
    form = FollowUpBulkForm(request.POST)
    try:
        items = bulk.parse_items(request.POST.getlist("item"))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(back)
    if not items:
        messages.error(request, _("Select at least one follow-up."))
    elif not form.is_valid():
        messages.error(request, bulk.form_errors(form))
    else:
        followups = FollowUp.objects.visible_to(user).select_related("country")
        outcome = services.bulk_change(followups, items, by=user, **form.change())
        bulk.report(
            request,
            outcome,
            lambda n: (
                ngettext("%(count)s follow-up changed.", "%(count)s follow-ups changed.", n) % {"count": n}
            ),
        )
    return redirect(back)
