"""The calendar feed of a user's follow-ups, and the page that shows its secret URL."""

import hashlib

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from tracker.calendar.feed import build_feed
from tracker.core.pages import render_page


@require_http_methods(["GET", "POST"])
def subscription(request: HttpRequest) -> HttpResponse:
    """Show the user's feed URL; POST makes a new secret URL or turns the feed off."""
    user = request.user
    if request.method == "POST":
        if request.POST.get("action") == "stop":
            user.stop_calendar_feed()
            messages.success(request, _("Your calendar link is switched off."))
        else:
            user.regenerate_calendar_token()
            messages.success(
                request, _("Your calendar has a new link. The old link no longer works; subscribe again.")
            )
        return redirect("calendar:subscription")
    feed_url = (
        settings.SITE_URL + reverse("calendar:feed", args=[user.calendar_token])
        if user.calendar_token
        else ""
    )
    return render_page(request, "calendar/subscription.html", {"feed_url": feed_url})


@login_not_required
@require_GET
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The iCalendar feed of the token's owner; unknown tokens and inactive users get 404."""
    # The token is unique and indexed: the lookup reveals nothing about other tokens.
    user = get_user_model().objects.filter(calendar_token=token, is_active=True).first()
    if user is None:
        raise Http404
    body = build_feed(user)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="follow-ups.ics"'
    # Calendar apps poll; the ETag lets them skip unchanged feeds, and no-cache makes
    # them ask every time, so a closed or re-dated follow-up shows up at the next poll.
    response["Cache-Control"] = "private, no-cache"
    response["ETag"] = f'"{hashlib.sha256(body).hexdigest()[:32]}"'
    response["X-Robots-Tag"] = "noindex"
    return get_conditional_response(request, etag=response["ETag"], response=response)
