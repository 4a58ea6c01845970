"""The benchmark's floor: what the full middleware stack costs with no page behind it."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET


@login_not_required
@require_GET
def floor(request: HttpRequest) -> HttpResponse:
    """A response through every middleware that touches no database (routed by bench/urls.py only)."""
    return HttpResponse("ok", content_type="text/plain")
