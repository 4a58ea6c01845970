"""A user's own profile (language and the weekly digest) and the language switch."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django.views.i18n import set_language as django_set_language

from tracker.accounts.forms import ProfileForm
from tracker.accounts.language import set_language_cookie
from tracker.accounts.models import User
from tracker.accounts.roles import what_you_may_do
from tracker.core.pages import render_page


@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    """Show and save the signed-in user's language and digest choice."""
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        translation.activate(user.language)
        messages.success(request, _("Your profile is saved."))
        response = redirect("profile")
        # The pages follow the language cookie, so they switch along with the emails.
        set_language_cookie(response, user.language)
        return response
    return render_page(request, "accounts/profile.html", {"form": form})


@login_not_required
def set_language(request: HttpRequest) -> HttpResponse:
    """Django's language switch (anyone, also on the sign-in page); a signed-in user's choice
    is also kept in their profile, so emails and the next sign-in use it."""
    response = django_set_language(request)
    language = request.POST.get("language")
    if request.method == "POST" and request.user.is_authenticated and language in dict(settings.LANGUAGES):
        # update() rather than save(): the switch must not bump or overwrite other profile fields.
        User.objects.filter(pk=request.user.pk).exclude(language=language).update(language=language)
    return response


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    """403 with what the user's role may do instead (Django's own page only says no)."""
    return render_page(request, "403.html", {"alternatives": what_you_may_do(request.user)}, status=403)
