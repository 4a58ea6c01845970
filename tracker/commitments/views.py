"""Commitment pages: the list, one commitment with its ledger, and the forms that change it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tracker.accounts.roles import commitments_read_only_reason
from tracker.commitments import services
from tracker.commitments.forms import (
    AmendmentForm,
    CommitmentEditForm,
    CommitmentFilterForm,
    CommitmentForm,
    DeliveryForm,
    PaymentForm,
    SourceFormSet,
    StageForm,
)
from tracker.commitments.models import Commitment, Package, Stage
from tracker.core.forms import apply_edit, is_id
from tracker.core.pages import as_of, paginate, render_page, wants_partial
from tracker.history.editing import ANY_VERSION
from tracker.history.lines import timeline
from tracker.projects.models import Project
from tracker.projects.views import commitments_context
from tracker.reference.models import Partner
from tracker.savedviews.defaults import default_view_redirect
from tracker.savedviews.models import ListName

DETAIL = "commitments/detail.html"
# The commitment page shows the latest changes; older ones stay in the admin's history.


def _visible(request: HttpRequest):
    return Commitment.objects.visible_to(request.user).select_related(
        "partner", "priority", "project", "package", "capability", "channel", "seller_company"
    )


def _for_change(request: HttpRequest, pk: int) -> Commitment:
    """The commitment if the user may change it: 404 when unseen, 403 when only readable."""
    commitment = get_object_or_404(_visible(request), pk=pk)
    if not commitment.can_edit(request.user):
        raise PermissionDenied
    return commitment


def commitment_list(request: HttpRequest) -> HttpResponse:
    """Commitments the user may see, filtered and paginated."""
    if opened := default_view_redirect(request, ListName.COMMITMENTS):
        return opened
    form = CommitmentFilterForm(request.GET, user=request.user)
    commitments = form.sorting.order(
        form.filter(
            Commitment.objects.visible_to(request.user).select_related("partner", "priority", "project")
        )
    )
    page = paginate(request, commitments)
    if form.as_of_date:
        page.object_list = [commitment.as_it_was() for commitment in page.object_list]
    context = {
        "form": form,
        "page": page,
        "can_create": Commitment.may_create(request.user),
        "read_only_reason": commitments_read_only_reason(request.user),
        "columns": form.sorting.headers(),
        "as_of": form.as_of_date,
    }
    return render_page(request, "commitments/list.html", context, partial="results")


def _ledger_context(request: HttpRequest, commitment: Commitment, **extra) -> dict:
    """What the ledger part of the page shows, with fresh forms unless bound ones are given."""
    editable = commitment.can_edit(request.user)
    context = {
        "commitment": commitment,
        "deliveries": commitment.deliveries.select_related("recorded_by"),
        "payments": commitment.payments.select_related("recorded_by"),
        "amendments": commitment.amendments.select_related("amended_by"),
        "changes": timeline(commitment, request.user),
        "can_edit": editable,
        "read_only_reason": "" if editable else commitments_read_only_reason(request.user),
        **extra,
    }
    if editable:
        if commitment.accepts_deliveries and commitment.quantity is not None:
            context.setdefault("delivery_form", DeliveryForm(commitment=commitment, prefix="delivery"))
        if commitment.accepts_deliveries and commitment.amount is not None:
            context.setdefault("payment_form", PaymentForm(commitment=commitment, prefix="payment"))
        if commitment.stage != Stage.WITHDRAWN:
            context.setdefault("amend_form", AmendmentForm(commitment=commitment, prefix="amend"))
        if len(commitment.allowed_stages()) > 1:
            context.setdefault("stage_form", StageForm(commitment=commitment, prefix="stage"))
    return context


def _ledger(request: HttpRequest, commitment: Commitment, **extra) -> HttpResponse:
    # The sources are read only where the whole page shows them, not by the ledger partial.
    context = _ledger_context(request, commitment, sources=commitment.sources.all(), **extra)
    return render_page(request, DETAIL, context, partial="ledger")


def commitment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One commitment: its promise, progress, deliveries, amendments, sources and history;
    ?as_of= adds its state on that day."""
    commitment = get_object_or_404(_visible(request), pk=pk)
    if day := as_of(request):
        then = Commitment.objects.with_state(day).filter(pk=pk).first()
        return _ledger(request, commitment, as_of=day, then=then.as_it_was() if then else None)
    return _ledger(request, commitment)


def _done(request: HttpRequest, commitment: Commitment, message: str) -> HttpResponse:
    """After a change: a message, then the fresh ledger (htmx) or the page again (plain form)."""
    messages.success(request, message)
    if not wants_partial(request):
        return redirect(commitment)
    return _ledger(request, get_object_or_404(_visible(request), pk=commitment.pk), changed=True)


def _ledger_action(request: HttpRequest, commitment: Commitment, name: str, form, save, message: str):
    """Run one ledger form through its service: the fresh ledger on success, else the form again
    (as `<name>_form`, with `<name>_conflict` when someone saved first)."""
    saved, conflict = apply_edit(form, save)
    if saved:
        return _done(request, commitment, message)
    return _ledger(request, commitment, **{f"{name}_form": form, f"{name}_conflict": conflict})


def _record_action(request: HttpRequest, commitment: Commitment, name: str, form, save, message: str):
    """An arrival or payment: from the project page's panel (`answer=project`) the answer is that
    panel again, its figures and rows recomputed; from the commitment page, its ledger."""
    if request.POST.get("answer") != "project" or commitment.project_id is None:
        return _ledger_action(request, commitment, name, form, save, message)
    saved, _conflict = apply_edit(form, save)  # arrivals and payments are never stale
    if not wants_partial(request):
        if saved:
            messages.success(request, message)
            return redirect(commitment.project)
        return _ledger(request, commitment, **{f"{name}_form": form})
    if saved:
        messages.success(request, message)
    project = get_object_or_404(Project.objects.visible_to(request.user), pk=commitment.project_id)
    bound = {} if saved else {name: form}
    context = commitments_context(request, project, bound_for=commitment.pk, **bound)
    context["recorded"] = commitment.pk if saved else None
    return render_page(
        request, "projects/detail.html", context, partial="commitments", status=200 if saved else 422
    )


@require_POST
def record_delivery(request: HttpRequest, pk: int) -> HttpResponse:
    """Record goods that arrived; the progress and the arrivals list answer in place."""
    commitment = _for_change(request, pk)
    form = DeliveryForm(request.POST, commitment=commitment, prefix="delivery")

    def save(data: dict) -> None:
        # The delivery form carries no version: deliveries add up, and the service checks
        # each against the locked row (stage and what remains), whatever changed meanwhile.
        services.record_delivery(commitment, by=request.user, expected_version=ANY_VERSION, **data)

    return _record_action(request, commitment, "delivery", form, save, _("Arrival recorded."))


@require_POST
def record_payment(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a payment; the progress and the payments list answer in place."""
    commitment = _for_change(request, pk)
    form = PaymentForm(request.POST, commitment=commitment, prefix="payment")

    def save(data: dict) -> None:
        # Like arrivals, payments add up and are checked against the locked row.
        services.record_payment(commitment, by=request.user, expected_version=ANY_VERSION, **data)

    return _record_action(request, commitment, "payment", form, save, _("Payment recorded."))


@require_POST
def amend(request: HttpRequest, pk: int) -> HttpResponse:
    """Change the promised quantity or amount, with a reason."""
    commitment = _for_change(request, pk)
    form = AmendmentForm(request.POST, commitment=commitment, prefix="amend")

    def save(data: dict) -> None:
        services.amend_commitment(
            commitment,
            reason=data["reason"],
            new_quantity=data["new_quantity"],
            new_amount=data["new_amount"],
            note=data["note"],
            by=request.user,
            expected_version=data["version"],
        )

    return _ledger_action(request, commitment, "amend", form, save, _("Promise amended."))


@require_POST
def change_stage(request: HttpRequest, pk: int) -> HttpResponse:
    """Move the commitment to another stage through the allowed moves."""
    commitment = _for_change(request, pk)
    form = StageForm(request.POST, commitment=commitment, prefix="stage")

    def save(data: dict) -> None:
        services.change_stage(
            commitment,
            stage=data["stage"],
            comment=data["comment"],
            by=request.user,
            expected_version=data["version"],
        )

    return _ledger_action(request, commitment, "stage", form, save, _("Stage changed."))


def _create_initial(request: HttpRequest) -> dict:
    """Prefill from ?project=<id>, ?package=<id> or ?partner=<code>; unknown values are ignored."""
    initial = {}
    project_id = request.GET.get("project", "")
    if is_id(project_id):
        project = Project.objects.visible_to(request.user).filter(pk=project_id).first()
        if project:
            initial.update(project=project, priority=project.priority_id, capability=project.capability_id)
    package_id = request.GET.get("package", "")
    if is_id(package_id):
        package = Package.objects.visible_to(request.user).filter(pk=package_id).first()
        if package:
            initial.update(package=package, partner=package.partner_id, announced_on=package.announced_on)
    code = request.GET.get("partner", "")[:40]
    if code and (partner := Partner.objects.coded(code).first()):
        initial["partner"] = partner
    return initial


def commitment_create(request: HttpRequest) -> HttpResponse:
    """Record a new commitment with its sources."""
    if not Commitment.may_create(request.user):
        raise PermissionDenied
    data = request.POST if request.method == "POST" else None
    form = CommitmentForm(data, user=request.user, initial=_create_initial(request))
    sources = SourceFormSet(data, prefix="sources")
    if data is not None and form.is_valid() and sources.is_valid():
        commitment = services.create_commitment(
            form.save(commit=False),
            by=request.user,
            sources=[source.cleaned_data for source in sources if source.has_changed()],
        )
        messages.success(request, _("Commitment recorded."))
        return redirect(commitment)
    return render_page(request, "commitments/form.html", {"form": form, "sources": sources})


def commitment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit the descriptive fields; a newer saved version is shown instead of overwritten."""
    commitment = _for_change(request, pk)
    data = request.POST if request.method == "POST" else None
    form = CommitmentEditForm(data, instance=commitment, user=request.user)

    def save(data: dict) -> None:
        values = {name: data[name] for name in CommitmentEditForm.Meta.fields}
        services.update_commitment(commitment, values, by=request.user, expected_version=data["version"])

    saved, conflict = apply_edit(form, save) if data is not None else (False, None)
    if saved:
        messages.success(request, _("Commitment saved."))
        return redirect(commitment)
    context = {"form": form, "commitment": commitment, "conflict": conflict}
    return render_page(request, "commitments/form.html", context)
