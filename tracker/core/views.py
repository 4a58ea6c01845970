"""Views that belong to no domain app: the health check, the favicon and the 400 page."""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.templatetags.static import static
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from tracker.core.health import run_checks
from tracker.core.pages import render_page


@login_not_required
@never_cache
@require_GET
def healthz(request):
    """200 when every registered part answers (the database, the broker, the reminder
    scans); 503 naming the failing part otherwise."""
    healthy, fields = run_checks(timezone.now())
    body = {"status": "ok" if healthy else "fail", **fields}
    return JsonResponse(body, status=200 if healthy else 503)


@login_not_required
@require_GET
def favicon(request: HttpRequest) -> HttpResponse:
    """/favicon.ico, which browsers ask for on pages without our layout (the admin, JSON)."""
    return HttpResponsePermanentRedirect(static("favicon.png"))


@login_not_required
def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """400 with a page that says what to do: Django's own page is a bare "Bad Request".

    Rendered with the request (unlike Django's default) so the page has the site's header;
    a body over DATA_UPLOAD_MAX_MEMORY_SIZE is named as too large.
    """
    context = {
        "too_large": isinstance(exception, RequestDataTooBig),
        "max_megabytes": round(settings.DATA_UPLOAD_MAX_MEMORY_SIZE / 1024 / 1024, 1),
    }
    return render_page(request, "400.html", context, status=400)
