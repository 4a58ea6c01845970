"""Package pages (a package is a partner's announcement): its items, payers and what arrived;
a new package and its corrections."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from tracker.commitments.forms import PACKAGE_FIELDS, PackageEditForm, PackageForm
from tracker.commitments.models import Commitment, Package
from tracker.commitments.services import record_package, update_package
from tracker.core.forms import apply_edit
from tracker.core.pages import as_of, render_page
from tracker.figures.totals import Totals, left_out, total, totals
from tracker.history.lines import timeline
from tracker.reference.models import CapabilityCategory, Partner

ITEM_ROWS = 50


def package_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One package: its items the user may see, its total, and each payer's share."""
    package = get_object_or_404(Package.objects.visible_to(request.user).select_related("partner"), pk=pk)
    items = Commitment.objects.visible_to(request.user).filter(package=package)
    day = as_of(request)
    payer_totals = totals(items, group_by="partner_id", as_of=day)
    rows_url = f"{reverse('commitments:list')}?{urlencode({'package': package.pk})}"
    payers = Partner.objects.filter(pk__in=payer_totals).order_by("name")
    context = {
        "package": package,
        "totals": total(items, day),
        "as_of": day,
        "rows_url": rows_url,
        "payers": [
            (payer, payer_totals.get(payer.pk, Totals()), f"{rows_url}&{urlencode({'partner': payer.code})}")
            for payer in payers
        ],
        "commitments": items.select_related("partner", "priority", "project")[:ITEM_ROWS],
        "item_count": items.count(),
        # Said on the page: a total must not pass for the whole package when rows are left out.
        "hidden_items": left_out(request.user, Commitment.objects.filter(package=package), as_of=day).get(
            None, 0
        ),
        "capabilities": {c.pk: c.display_name for c in CapabilityCategory.objects.all()},
        "can_add": Commitment.may_create(request.user, package.partner),
        "can_edit": package.can_edit(request.user),
        "changes": timeline(package, request.user),
    }
    return render_page(request, "partners/package.html", context)


def package_create(request: HttpRequest) -> HttpResponse:
    """Record an announced package; its items are then recorded as commitments in it."""
    if not Commitment.may_create(request.user):
        raise PermissionDenied
    initial = {}
    if partner := Partner.objects.coded(request.GET.get("partner", "")[:40]).first():
        initial["partner"] = partner
    form = PackageForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        package = record_package(form.save(commit=False), by=request.user)
        messages.success(request, _("Package recorded. Add its items as commitments."))
        return redirect(package)
    return render_page(
        request, "partners/package_form.html", {"form": form}, status=422 if form.errors else 200
    )


def package_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct a package; a newer saved version is shown instead of overwritten."""
    package = get_object_or_404(Package.objects.visible_to(request.user).select_related("partner"), pk=pk)
    if not package.can_edit(request.user):
        raise PermissionDenied
    data = request.POST if request.method == "POST" else None
    form = PackageEditForm(data, instance=package, user=request.user)

    def save(data: dict) -> None:
        values = {name: data[name] for name in PACKAGE_FIELDS}
        update_package(package, values, by=request.user, expected_version=data["version"])

    saved, conflict = apply_edit(form, save) if data is not None else (False, None)
    if saved:
        messages.success(request, _("Package saved."))
        return redirect(package)
    context = {"form": form, "package": package, "conflict": conflict}
    return render_page(request, "partners/package_form.html", context, status=422 if form.errors else 200)
