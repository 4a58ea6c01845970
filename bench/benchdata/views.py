"""The benchmark's references: the floor (what the full middleware stack costs with no page
behind it) and the bare list (what a Django developer gets without trying: the same 25
projects as the project list, with select_related, Django's Paginator and a plain table).
Routed by bench/urls.py only; the product never serves them."""

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from tracker.projects.models import Project


@login_not_required
@require_GET
def floor(request: HttpRequest) -> HttpResponse:
    """A response through every middleware that touches no database (routed by bench/urls.py only)."""
    return HttpResponse("ok", content_type="text/plain")


@require_GET
def bare_list(request: HttpRequest) -> HttpResponse:
    """The projects the user may see, 25 a page in the project list's default order, in a
    7-column table: the reference every page's throughput is compared with."""
    projects = (
        Project.objects.visible_to(request.user)
        .select_related("enterprise", "priority", "owner")
        .order_by("reference", "pk")
    )
    page = Paginator(projects, 25).get_page(request.GET.get("page"))
    return render(request, "bench/bare_list.html", {"page": page})
