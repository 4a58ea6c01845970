"""Two-factor sign-in pages and the CSP violation report endpoint."""

import json
import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from tracker.core.pages import render_page
from tracker.security import mfa
from tracker.security.forms import CodeForm

log = logging.getLogger(__name__)
CSP_REPORT_MAX_BYTES = 16 * 1024


def _next_url(request: HttpRequest) -> str:
    """Where to go after verifying: the page asked for, if it is on this site."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure())
    return target if safe else reverse("home")


@require_http_methods(["GET", "POST"])
def two_factor(request: HttpRequest) -> HttpResponse:
    """Turn two-factor sign-in on (scan, confirm, note the recovery codes) or see its state."""
    user = request.user
    if mfa.has_authenticator(user):
        if not user.is_verified():
            # Only a verified session may see or change an existing second factor; otherwise a
            # stolen password would be enough to replace it.
            return redirect(f"{reverse('security:verify')}?next={reverse('security:two_factor')}")
        context = {
            "codes_left": mfa.recovery_codes_left(user),
            "can_turn_off": not mfa.must_use_mfa(user),
        }
        return render_page(request, "security/two_factor.html", context)
    device = mfa.pending_authenticator(user)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        codes = mfa.confirm_authenticator(device, form.cleaned_data["code"])
        if codes is not None:
            mfa.mark_verified(request, device)
            context = {"codes": codes, "next": _next_url(request)}
            return render_page(request, "security/recovery_codes.html", context)
        form.add_error("code", _("That code does not match. Check the app, then type its newest code."))
    uri = device.config_url
    context = {
        "form": form,
        "otpauth_uri": uri,
        "qr_svg": mfa.qr_svg(uri),
        "secret": mfa.secret_text(device),
        "required": mfa.must_use_mfa(user),
        "next": _next_url(request),
    }
    return render_page(request, "security/enrol.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    """Ask for the second factor of this session: an app code or a recovery code."""
    user = request.user
    if not mfa.has_authenticator(user):
        if mfa.must_use_mfa(user):
            return redirect("security:two_factor")
        return redirect(_next_url(request))
    if user.is_verified():
        return redirect(_next_url(request))
    form = CodeForm(request.POST or None)
    if form.is_valid():
        wait = mfa.wait_seconds(user)
        device = None if wait else mfa.check_code(user, form.cleaned_data["code"])
        if device is not None:
            mfa.mark_verified(request, device)
            log.info("Second factor passed by user %s", user.pk)
            return redirect(_next_url(request))
        log.warning("Second factor refused for user %s", user.pk)
        if wait:
            message = _("Too many wrong codes. Wait %(seconds)d seconds, then try again.")
            form.add_error("code", message % {"seconds": wait})
        else:
            form.add_error("code", _("That code is not valid, or was already used."))
    context = {"form": form, "next": _next_url(request)}
    return render_page(request, "security/verify.html", context, status=400 if form.errors else 200)


@require_POST
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """Replace the recovery codes (the old ones stop working) and show the new ones once."""
    if not (mfa.has_authenticator(request.user) and request.user.is_verified()):
        return redirect("security:two_factor")
    codes = mfa.new_recovery_codes(request.user)
    return render_page(request, "security/recovery_codes.html", {"codes": codes, "next": reverse("home")})


@require_POST
def turn_off(request: HttpRequest) -> HttpResponse:
    """Turn two-factor sign-in off, for users whose role does not require it."""
    user = request.user
    if mfa.must_use_mfa(user) or not user.is_verified():
        return redirect("security:two_factor")
    mfa.turn_off(user)
    request.session[mfa.ENROLLED_SESSION_KEY] = False
    messages.success(request, _("Two-factor sign-in is off."))
    return redirect("security:two_factor")


@csrf_exempt  # browsers post reports without a token; the view changes nothing
@login_not_required  # a report can come from the sign-in page
@require_POST
def csp_report(request: HttpRequest) -> HttpResponse:
    """Log a Content Security Policy violation report sent by a browser (report-uri)."""
    body = request.read(CSP_REPORT_MAX_BYTES + 1)
    if len(body) > CSP_REPORT_MAX_BYTES:
        return HttpResponse(status=413)
    try:
        report = json.loads(body)
    except ValueError:
        return HttpResponse(status=400)
    details = report.get("csp-report") if isinstance(report, dict) else None
    if not isinstance(details, dict):  # the report-uri format: {"csp-report": {...}}
        return HttpResponse(status=400)
    log.warning(
        "CSP violation: %r blocked %r on %r (%r line %r)",
        str(details.get("violated-directive") or details.get("effective-directive"))[:200],
        str(details.get("blocked-uri"))[:300],
        str(details.get("document-uri"))[:300],
        str(details.get("source-file"))[:300],
        details.get("line-number"),
    )
    return HttpResponse(status=204)
