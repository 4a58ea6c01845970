"""htmx-aware responses: sign-in redirects leave the fragment, messages travel in a header."""

import json
import re

from django.conf import settings
from django.contrib.messages import get_messages
from django.http import HttpResponse
from django.shortcuts import resolve_url

from tracker.core.pages import parse_as_of


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


# Links a dated page does not date: static files, the admin, sign-in and language, exports
# of lists (their own filters), and the page's own way back to today.
UNDATED = ("/static/", "/admin/", "/accounts/", "/i18n/", "/healthz", "/csp-report/")
ANCHOR = re.compile(r"<a\b[^>]*>")
HREF = re.compile(r'href="(/[^"]*)"')


class AsOfLinksMiddleware:
    """On a page shown "as of" a date (?as_of=YYYY-MM-DD), every link to another page of
    the tracker keeps the date, so a reader who follows the figures stays on that day."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        day = parse_as_of(request.GET.get("as_of", ""))
        if day is None or response.streaming or "text/html" not in response.get("Content-Type", ""):
            return response
        dated = f"as_of={day.isoformat()}"

        def date_link(anchor: re.Match) -> str:
            tag = anchor.group(0)
            if "data-today" in tag:
                return tag
            return HREF.sub(lambda href: f'href="{_with(href.group(1), dated)}"', tag)

        response.content = ANCHOR.sub(date_link, response.content.decode()).encode()
        return response


def _with(url: str, dated: str) -> str:
    if url.startswith(UNDATED) or "as_of=" in url:
        return url
    path, hash_, fragment = url.partition("#")
    joiner = "&amp;" if "?" in path else "?"
    return f"{path}{joiner}{dated}{hash_}{fragment}"
