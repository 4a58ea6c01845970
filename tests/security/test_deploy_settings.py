"""Production settings pass `check --deploy`; `make run`'s DEBUG=1 settings still serve http.

Each case starts a fresh Python with a clean environment (settings are read once per process,
and the suite's own environment turns some production switches off)."""

import secrets

import pytest

from tests.fresh_python import run
from tests.fresh_python import settings_under as read_settings

SHOWN = [
    "DEBUG",
    "SECURE_SSL_REDIRECT",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_PROXY_SSL_HEADER",
    "X_FRAME_OPTIONS",
    "SECURE_REFERRER_POLICY",
    "SECRET_KEY_FALLBACKS",
    "MFA_REQUIRED_ROLES",
    "SESSION_COOKIE_AGE",
    "SESSION_SAVE_EVERY_REQUEST",
    "SESSION_ABSOLUTE_SECONDS",
]


def production_env(tmp_path, **extra: str) -> dict[str, str]:
    """What an operator sets in production, and nothing else."""
    return {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "tracker.settings",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "tracker.example.org",
        "EMAIL_HOST": "smtp.example.org",
        "TRACKER_VAR_DIR": str(tmp_path),
        **extra,
    }


def settings_under(env: dict[str, str]) -> dict:
    return read_settings(env, SHOWN)


def test_production_settings_pass_check_deploy_without_warnings(tmp_path):
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], production_env(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_would_catch_a_weakened_setting(tmp_path):
    env = production_env(tmp_path, SESSION_COOKIE_SECURE="0")
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], env)
    assert result.returncode != 0
    assert "security.W012" in result.stdout + result.stderr


def test_production_defaults_are_https_only_with_a_year_of_hsts(tmp_path):
    values = settings_under(production_env(tmp_path))
    assert values["DEBUG"] is False
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["SECURE_HSTS_SECONDS"] >= 365 * 24 * 3600
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert values["SECURE_HSTS_PRELOAD"] is True
    assert values["X_FRAME_OPTIONS"] == "DENY"
    assert values["SECURE_REFERRER_POLICY"] == "same-origin"
    assert values["MFA_REQUIRED_ROLES"] == ["coordinator", "admin"]
    assert values["SECURE_PROXY_SSL_HEADER"] is None  # trusted only when the operator says so
    assert values["SESSION_COOKIE_AGE"] == values["SESSION_ABSOLUTE_SECONDS"]


def test_proxy_header_and_key_fallbacks_come_from_the_environment(tmp_path):
    fallbacks = "old-key-one, old-key-two"
    env = production_env(tmp_path, SECURE_PROXY_SSL_HEADER="1", SECRET_KEY_FALLBACKS=fallbacks)
    values = settings_under(env)
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert values["SECRET_KEY_FALLBACKS"] == ["old-key-one", "old-key-two"]


def test_make_run_settings_serve_plain_http_without_a_second_factor(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "tracker.settings", "DEBUG": "1"}
    values = settings_under({**env, "TRACKER_VAR_DIR": str(tmp_path)})
    assert values["SECURE_SSL_REDIRECT"] is False
    assert values["SESSION_COOKIE_SECURE"] is False
    assert values["CSRF_COOKIE_SECURE"] is False
    assert values["SECURE_HSTS_SECONDS"] == 0
    assert values["MFA_REQUIRED_ROLES"] == []


@pytest.mark.parametrize("secret", ["", None])
def test_production_refuses_to_start_without_a_secret_key(tmp_path, secret):
    env = production_env(tmp_path)
    if secret is None:
        del env["SECRET_KEY"]
    else:
        env["SECRET_KEY"] = secret
    result = run(["manage.py", "check"], env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
