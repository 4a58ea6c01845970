"""The user's language follows them: their profile choice is applied at sign-in."""

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.utils import translation

# Set on the request by the sign-in receiver; the middleware turns it into the cookie.
LANGUAGE_AT_SIGN_IN = "_tracker_language_at_sign_in"


def set_language_cookie(response: HttpResponse, language: str) -> None:
    """Set the cookie LocaleMiddleware reads, with the same options as Django's set_language."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


@receiver(user_logged_in, dispatch_uid="accounts_language_at_sign_in")
def apply_language_at_sign_in(sender, request, user, **kwargs) -> None:
    """Switch to the language kept in the profile (the rest of this response uses it too)."""
    if request is None or user.language not in dict(settings.LANGUAGES):
        return
    translation.activate(user.language)
    request.LANGUAGE_CODE = user.language
    setattr(request, LANGUAGE_AT_SIGN_IN, user.language)


class SignInLanguageMiddleware:
    """Send the language cookie chosen by the sign-in receiver with the sign-in response.

    A signal cannot touch the response, and the language must outlive this request: the
    following pages take it from the cookie, like after the language switch."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        """Pass the request on; add the cookie if a sign-in happened during it."""
        response = self.get_response(request)
        language = getattr(request, LANGUAGE_AT_SIGN_IN, None)
        if language:
            set_language_cookie(response, language)
        return response
