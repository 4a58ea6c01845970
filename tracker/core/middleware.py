"""htmx-aware responses: sign-in redirects leave the fragment, messages travel in a header."""

import json

from django.conf import settings
from django.contrib.messages import get_messages
from django.http import HttpResponse
from django.shortcuts import resolve_url


class HtmxRedirectMiddleware:
    """Turn a redirect to sign-in during an htmx request into a full-page HX-Redirect,
    and hand Django messages to htmx responses through an HX-Trigger event."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not getattr(request, "htmx", False):
            return response
        login_url = resolve_url(settings.LOGIN_URL)
        if response.status_code in (301, 302) and response.get("Location", "").startswith(login_url):
            redirect = HttpResponse(status=204)
            redirect["HX-Redirect"] = response["Location"]
            return redirect
        if 300 <= response.status_code < 400 or "HX-Redirect" in response:
            return response  # messages stay stored for the page that follows
        messages = [{"level": message.level_tag, "text": str(message)} for message in get_messages(request)]
        if messages:
            trigger = json.loads(response.get("HX-Trigger", "{}") or "{}")
            trigger["messages"] = messages
            response["HX-Trigger"] = json.dumps(trigger)
        return response
