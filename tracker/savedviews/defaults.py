"""A list opened without parameters opens with the user's default view."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from tracker.core.pages import wants_partial
from tracker.savedviews.models import DefaultView


def default_view_redirect(request: HttpRequest, list_name: str) -> HttpResponse | None:
    """The redirect to the user's default view of this list when the list is opened as a
    page with no parameters at all (one query then, none otherwise); ?view=none opens the
    list as it is. htmx requests (a filter form emptied) are never redirected."""
    if request.GET or request.method != "GET" or wants_partial(request):
        return None
    default = (
        DefaultView.objects.filter(user=request.user, list_name=list_name).select_related("view").first()
    )
    if default is None:
        return None
    return redirect(default.view.get_absolute_url())
