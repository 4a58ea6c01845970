"""Settings read the environment strictly, and reading them leaves the disk alone; the
embedded default's folders, Celery's control folder included, appear under the data folder
when Django starts.

The parsing cases execute tracker/settings.py afresh as a module of its own (Django's
settings of this process stay as they are), with exactly the environment shown; the start-up
cases run a fresh Python."""

import importlib.util
import os
from types import ModuleType

import pytest
from django.core.exceptions import ImproperlyConfigured

from tests.fresh_python import ROOT, settings_under


def embedded_env(tmp_path, **extra: str) -> dict[str, str]:
    """`make run`'s environment: no DATABASE_URL, no REDIS_URL, a data folder of our own."""
    return {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "tracker.settings",
        "DEBUG": "1",
        "TRACKER_VAR_DIR": str(tmp_path / "var"),
        **extra,
    }


def read_settings(monkeypatch, env: dict[str, str]) -> ModuleType:
    """tracker/settings.py executed with `env` as the whole environment."""
    monkeypatch.setattr(os, "environ", dict(env))
    spec = importlib.util.spec_from_file_location("settings_under_test", ROOT / "tracker" / "settings.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("name", "value"),
    [("DEBUG", "ture"), ("SECURE_SSL_REDIRECT", "maybe"), ("SCHEDULER_HEALTH_CHECK", "2")],
)
def test_an_unrecognised_yes_no_value_stops_start_up_naming_the_variable(monkeypatch, tmp_path, name, value):
    with pytest.raises(ImproperlyConfigured) as refused:
        read_settings(monkeypatch, embedded_env(tmp_path, **{name: value}))
    assert str(refused.value) == (
        f"{name}='{value}' is not a yes/no value; use one of 1, true, yes, on, 0, false, no, off."
    )


@pytest.mark.parametrize(
    ("name", "value"),
    [("CONN_MAX_AGE", "sixty"), ("EMAIL_PORT", "25.5"), ("REMINDER_DAYS_BEFORE", "two")],
)
def test_a_non_number_where_a_number_is_expected_stops_start_up_naming_the_variable(
    monkeypatch, tmp_path, name, value
):
    env = embedded_env(tmp_path, EMAIL_HOST="smtp.example.org", **{name: value})
    with pytest.raises(ImproperlyConfigured, match=f"^{name}='{value}' is not a whole number, e.g. {name}="):
        read_settings(monkeypatch, env)


@pytest.mark.parametrize(
    ("name", "value", "accepted"),
    [("LOG_LEVEL", "loud", "DEBUG, INFO, WARNING"), ("DIGEST_DAY_OF_WEEK", "someday", "mon, tue")],
)
def test_a_value_outside_its_choices_stops_start_up_naming_them(monkeypatch, tmp_path, name, value, accepted):
    with pytest.raises(
        ImproperlyConfigured, match=f"^{name}='{value}' is not understood; use one of {accepted}"
    ):
        read_settings(monkeypatch, embedded_env(tmp_path, **{name: value}))


def test_accepted_spellings_are_read_and_an_empty_value_means_the_default(monkeypatch, tmp_path):
    env = embedded_env(
        tmp_path, DEBUG=" Yes ", SCHEDULER_HEALTH_CHECK="OFF", CONN_MAX_AGE="", LOG_LEVEL="info"
    )
    settings = read_settings(monkeypatch, env)
    assert settings.DEBUG is True
    assert settings.SCHEDULER_HEALTH_CHECK is False
    assert settings.LOGGING["root"]["level"] == "INFO"
    assert settings.DATABASES["default"]["CONN_MAX_AGE"] == 60


def test_importing_the_settings_creates_no_folder(monkeypatch, tmp_path):
    read_settings(monkeypatch, embedded_env(tmp_path))
    assert list(tmp_path.iterdir()) == []


def test_django_start_up_creates_the_embedded_folders_with_the_control_folder_inside(tmp_path):
    values = settings_under(embedded_env(tmp_path), ["CELERY_BROKER_TRANSPORT_OPTIONS"])
    var = tmp_path / "var"
    assert values["CELERY_BROKER_TRANSPORT_OPTIONS"]["control_folder"] == str(var / "celery" / "control")
    created = sorted(str(path.relative_to(tmp_path)) for path in tmp_path.rglob("*"))
    assert created == ["var", "var/celery", "var/celery/control", "var/celery/processed", "var/celery/queue"]


def test_with_postgresql_and_redis_django_start_up_creates_nothing(tmp_path):
    env = embedded_env(
        tmp_path, DATABASE_URL="postgres://nobody@127.0.0.1:1/none", REDIS_URL="redis://127.0.0.1:1/0"
    )
    settings_under(env, ["DEBUG"])
    assert list(tmp_path.iterdir()) == []
