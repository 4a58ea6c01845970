"""Helpers for the security tests: two-factor sign-in switched on, an authenticator, its codes."""

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


@pytest.fixture
def mfa_on(settings):
    """Two-factor sign-in required as in production (the suite starts with it off)."""
    settings.MFA_REQUIRED_ROLES = ["coordinator", "admin"]


def add_authenticator(user) -> TOTPDevice:
    """A confirmed authenticator app for `user`, as if they had enrolled."""
    return TOTPDevice.objects.create(user=user, name="authenticator app", confirmed=True)


def app_code(device: TOTPDevice, offset_steps: int = 0) -> str:
    """The six-digit code the user's app shows now (or `offset_steps` periods away)."""
    device.refresh_from_db()
    return f"{totp(device.bin_key, step=device.step, drift=offset_steps):06d}"
