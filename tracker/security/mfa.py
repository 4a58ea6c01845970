"""Two-factor sign-in with django-otp: who must use it, enrolling an authenticator app,
recovery codes, and checking a code typed at sign-in."""

import re
from base64 import b32encode

import django_otp
import qrcode
import qrcode.image.svg
from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tracker.accounts.models import User

RECOVERY_CODE_COUNT = 10
# Set at sign-in: the user had turned two-factor sign-in on, so this session must verify too.
ENROLLED_SESSION_KEY = "mfa_enrolled"
TOTP_CODE = re.compile(r"^[0-9]{6}$")


def must_use_mfa(user: User) -> bool:
    """Whether MFA_REQUIRED_ROLES obliges this user to use a second factor."""
    required = settings.MFA_REQUIRED_ROLES
    is_admin = user.is_staff or user.is_superuser
    return user.role in required or ("admin" in required and is_admin)


def needs_second_factor(request: HttpRequest) -> bool:
    """Whether the signed-in user must still type a code in this session."""
    user = request.user
    if not user.is_authenticated or user.is_verified():
        return False
    return must_use_mfa(user) or bool(request.session.get(ENROLLED_SESSION_KEY))


def has_authenticator(user: User) -> bool:
    """Whether the user has a confirmed authenticator app."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def pending_authenticator(user: User) -> TOTPDevice:
    """The authenticator being set up: the same secret until it is confirmed, so reloading the
    page does not invalidate what the user already scanned."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name="authenticator app", confirmed=False)


def secret_text(device: TOTPDevice) -> str:
    """The base32 secret in groups of four, for typing into an app by hand."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_svg(text: str) -> str:
    """An SVG QR code of `text`: one path, no inline style, so it passes the CSP."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    return image.to_string(encoding="unicode")


def normalise(code: str) -> str:
    """Codes are typed with spaces or dashes and in any case; compare them without."""
    return re.sub(r"[\s-]", "", code).lower()


@transaction.atomic
def confirm_authenticator(device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm the app with a code it shows; on success return fresh recovery codes."""
    if not device.verify_token(normalise(code)):
        return None
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return new_recovery_codes(device.user)


@transaction.atomic
def new_recovery_codes(user: User) -> list[str]:
    """Replace the user's recovery codes with RECOVERY_CODE_COUNT new single-use ones."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="recovery codes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def recovery_codes_left(user: User) -> int:
    """How many unused recovery codes the user has."""
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def check_code(user: User, code: str) -> Device | None:
    """The device that accepts `code`: a six-digit code goes to the authenticator app, anything
    else to the recovery codes (a used one is deleted). django-otp throttles each device after
    a wrong code (1, 2, 4… seconds), which stops guessing."""
    code = normalise(code)
    model = TOTPDevice if TOTP_CODE.match(code) else StaticDevice
    device = model.objects.filter(user=user, confirmed=True).first()
    if device is None:
        return None
    return django_otp.verify_token(user, device.persistent_id, code)


def wait_seconds(user: User) -> int:
    """Seconds until the user's devices accept another code after wrong ones (0: now)."""
    waits = [0]
    for model in (TOTPDevice, StaticDevice):
        for device in model.objects.filter(user=user, confirmed=True):
            allowed, details = device.verify_is_allowed()
            if not allowed and details and "locked_until" in details:
                waits.append(int((details["locked_until"] - timezone.now()).total_seconds()) + 1)
    return max(waits)


def turn_off(user: User) -> None:
    """Remove the user's authenticator and recovery codes."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


def mark_verified(request: HttpRequest, device: Device) -> None:
    """Record in the session that this user passed the second factor with `device`."""
    django_otp.login(request, device)
    request.session[ENROLLED_SESSION_KEY] = True
