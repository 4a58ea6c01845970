"""Sign-in lock-out with django-axes: which address a request comes from, how failures are
counted per account-at-address and per address, and the 429 page a locked-out client gets."""

import ipaddress
import logging

from axes.backends import AxesStandaloneBackend
from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse

from tracker.core.pages import render_page

log = logging.getLogger(__name__)


def client_address(request: HttpRequest) -> str | None:
    """The client's IP address: REMOTE_ADDR, or with TRUSTED_PROXY_COUNT proxies in front the
    X-Forwarded-For entry they added (entries further left are whatever the client sent)."""
    count = settings.TRUSTED_PROXY_COUNT
    if count > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        if len(forwarded) >= count:
            try:
                return str(ipaddress.ip_address(forwarded[-count]))
            except ValueError:
                log.warning("Ignoring a malformed X-Forwarded-For header")
    return request.META.get("REMOTE_ADDR") or None


class LockoutBackend(AxesStandaloneBackend):
    """Refuses sign-in while the account-at-address or the address is locked out.

    `authenticate()` without a request (the test client's `login()`, a shell) has no address
    to count against, so it is let through to the password check instead of failing outright;
    every sign-in over HTTP passes the request (Django's LoginView and the admin's do)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


class AddressAwareHandler(AxesDatabaseHandler):
    """Axes' database handler with two limits: AXES_FAILURE_LIMIT for one username at one
    address, the larger SIGNIN_ADDRESS_FAILURE_LIMIT for a whole address, which may be an
    office of many people behind one NAT. Axes compares one number with AXES_FAILURE_LIMIT,
    so the address count is scaled onto that limit."""

    def get_failures(self, request, credentials=None) -> int:
        # One queryset per entry of AXES_LOCKOUT_PARAMETERS, in its order.
        account_attempts, address_attempts = self.get_user_attempts(request, credentials)
        account = account_attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0
        address = address_attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0
        return max(account, address * settings.AXES_FAILURE_LIMIT // settings.SIGNIN_ADDRESS_FAILURE_LIMIT)


def lockout_response(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """The page a locked-out client gets: 429 with Retry-After, the same for any username so
    that it tells nothing about which accounts exist."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    log.warning("Sign-in locked out for address %s", client_address(request))
    response = render_page(request, "security/locked_out.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    return response
