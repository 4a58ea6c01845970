"""Pages of the notifications: the digest preview and the one-click unsubscribe."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from tracker.core.pages import render_page
from tracker.notifications import digests
from tracker.notifications import unsubscribe as tokens


@require_GET
def digest_preview(request: HttpRequest) -> HttpResponse:
    """The digest the signed-in user would get if it were sent now."""
    content = digests.build_digest(request.user, timezone.now())
    context = digests.digest_context(content)
    return render_page(request, "notifications/digest_preview.html", context)


# Without sign-in, and without a CSRF token: RFC 8058 one-click unsubscribe has the mail
# client POST "List-Unsubscribe=One-Click" to this address with no cookies. The signed
# token in the address is what authorises the change; it only ever turns the digest off.
# A GET only asks for confirmation, because mail scanners follow links.
@login_not_required
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """Stop the weekly digest of the user the signed token names."""
    user = tokens.user_for(token)
    if user is None:
        return render_page(request, "notifications/unsubscribe.html", {"invalid": True}, status=400)
    done = request.method == "POST"
    if done and user.digest_opt_in:
        user.digest_opt_in = False
        user.save(update_fields=["digest_opt_in"])
    return render_page(request, "notifications/unsubscribe.html", {"person": user, "done": done})
