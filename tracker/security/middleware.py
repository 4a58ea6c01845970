"""Request-level controls: absolute session lifetime, the second-factor gate, and the record
of refused requests."""

import logging
import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import SESSION_KEY, logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from tracker.security import mfa
from tracker.security.models import RefusedAccess
from tracker.security.signin import client_address

log = logging.getLogger(__name__)

# Written at every sign-in (tracker.security.signals): when this session's user signed in.
SIGNED_IN_AT_KEY = "signed_in_at"
# When this session last made a request, to the nearest SESSION_IDLE_RESOLUTION seconds.
LAST_SEEN_KEY = "last_seen"

# Views a signed-in user who still owes the second factor may reach: signing out, the
# two-factor pages themselves, the language switch, the health check and CSP reports.
SECOND_FACTOR_EXEMPT_VIEWS = frozenset(
    {
        "logout",
        "admin:logout",
        "security:two_factor",
        "security:verify",
        "set_language",
        "healthz",
        "csp_report",
    }
)


class SessionLifetimeMiddleware:
    """End a session SESSION_IDLE_SECONDS after its last request, and SESSION_ABSOLUTE_SECONDS
    after its sign-in however active it was.

    The time of the last request is kept in the session and written at most once every
    SESSION_IDLE_RESOLUTION seconds, so an ordinary page costs no session write (saving the
    session on every request would add an UPDATE to each of them)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = request.session
        if SESSION_KEY in session:
            now = int(time.time())
            # A session without a sign-in time predates this control: treat it as expired.
            signed_in_at = session.get(SIGNED_IN_AT_KEY)
            last_seen = session.get(LAST_SEEN_KEY, signed_in_at)
            if (
                not isinstance(signed_in_at, int)
                or now - signed_in_at > settings.SESSION_ABSOLUTE_SECONDS
                or now - last_seen > settings.SESSION_IDLE_SECONDS
            ):
                log.info("Session of user %s expired", session.get(SESSION_KEY))
                logout(request)
            elif now - last_seen >= settings.SESSION_IDLE_RESOLUTION:
                session[LAST_SEEN_KEY] = now
        return self.get_response(request)


class SecondFactorRequiredMiddleware:
    """Send a signed-in user who must use two-factor sign-in, and has not passed it in this
    session, to the verify page (or to set it up), whatever URL they ask for, the admin's
    included. Runs for every view, so pages added later are covered without a decorator."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.resolver_match.view_name in SECOND_FACTOR_EXEMPT_VIEWS:
            return None
        if not mfa.needs_second_factor(request):
            return None
        name = "security:verify" if mfa.has_authenticator(request.user) else "security:two_factor"
        target = reverse(name)
        if request.method == "GET" and not request.htmx:
            target += "?" + urlencode({"next": request.get_full_path()})
        if request.htmx:
            response = HttpResponse(status=204)
            response["HX-Redirect"] = target
            return response
        return redirect(target)


class RefusedAccessMiddleware:
    """Record every 403, and every 404 answered by a view on a real route (an object outside
    the user's scope answers 404), as a RefusedAccess row: who, from where, what."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        status = response.status_code
        match = request.resolver_match
        if status == 403 or (status == 404 and match is not None):
            user = request.user if request.user.is_authenticated else None
            RefusedAccess.objects.create(
                user=user,
                username=user.get_username() if user else "",
                ip_address=client_address(request),
                method=request.method[:10],
                path=request.get_full_path()[:500],
                view_name=(match.view_name or "")[:200] if match else "",
                status=status,
            )
            log.warning("Refused %s %s %s to user %s", status, request.method, request.path, user and user.pk)
        return response
