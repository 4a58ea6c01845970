"""The home page."""

from django.http import HttpRequest, HttpResponse

from tracker.core.pages import as_of, render_page
from tracker.dashboard.figures import build_dashboard


def dashboard(request: HttpRequest) -> HttpResponse:
    """The home page: per priority, what is promised, delivered, due and stuck."""
    context = build_dashboard(request.user, as_of=as_of(request))
    return render_page(request, "dashboard/dashboard.html", context)
