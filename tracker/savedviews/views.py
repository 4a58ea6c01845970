"""Saved views: save the current list's filters, see them all, choose a default, delete."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tracker.core.pages import render_page
from tracker.savedviews import services
from tracker.savedviews.forms import SaveViewForm
from tracker.savedviews.models import LIST_URLS, ListName, SavedView


def saved_views(request: HttpRequest) -> HttpResponse:
    """Every view the user may open, by list, with their defaults."""
    views = SavedView.objects.visible_to(request.user).with_default(request.user).select_related("owner")
    by_list = {value: (label, []) for value, label in ListName.choices}
    for view in views:
        by_list[view.list_name][1].append(view)
    lists = [(value, label, reverse(LIST_URLS[value]), items) for value, (label, items) in by_list.items()]
    return render_page(request, "savedviews/list.html", {"lists": lists})


@require_POST
def save(request: HttpRequest) -> HttpResponse:
    """Save the list's current query under a name; then open the list with it."""
    form = SaveViewForm(request.POST)
    if form.is_valid():
        try:
            view = services.save_view(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("View “%(name)s” saved.") % {"name": view.name})
            return redirect(view.get_absolute_url())
    else:
        messages.error(request, _("The view was not saved: give it a name of at most 80 characters."))
    return _back(request)


def _visible_view(request: HttpRequest, pk: int) -> SavedView:
    return get_object_or_404(SavedView.objects.visible_to(request.user), pk=pk)


@require_POST
def make_default(request: HttpRequest, pk: int) -> HttpResponse:
    view = _visible_view(request, pk)
    services.make_default(view, by=request.user)
    messages.success(request, _("The list now opens with “%(name)s”.") % {"name": view.name})
    return _back(request)


@require_POST
def clear_default(request: HttpRequest, list_name: str) -> HttpResponse:
    if list_name not in ListName.values:
        raise PermissionDenied
    services.clear_default(list_name, by=request.user)
    messages.success(request, _("The list opens without a view again."))
    return _back(request)


@require_POST
def delete(request: HttpRequest, pk: int) -> HttpResponse:
    view = _visible_view(request, pk)
    services.delete_view(view, by=request.user)
    messages.success(request, _("View “%(name)s” deleted.") % {"name": view.name})
    return _back(request)


def _back(request: HttpRequest) -> HttpResponse:
    """Back to the page the form was on (a local address only), else the views page."""
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = reverse("savedviews:list")
    return redirect(target)
