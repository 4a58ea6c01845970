"""Sessions: a new key at sign-in, idle and absolute expiry, every session of a deactivated
user ended at once; passwords checked by Django's validators."""

import datetime

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from tests import factories
from tracker.security.models import Session

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


def test_signing_in_gives_a_new_session_key(client):
    factories.coordinator(username="olena")
    session = client.session  # a session an attacker could have planted before sign-in
    session["planted"] = True
    session.save()
    planted_key = session.session_key
    client.cookies[settings.SESSION_COOKIE_NAME] = planted_key

    response = client.post(LOGIN, {"username": "olena", "password": factories.PASSWORD})

    assert response.status_code == 302
    new_key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert new_key != planted_key
    assert not Session.objects.filter(session_key=planted_key).exists()
    assert Session.objects.get(session_key=new_key).user.username == "olena"


def test_idle_session_expires_and_activity_keeps_it_alive(client, coordinator):
    assert settings.SESSION_IDLE_RESOLUTION < settings.SESSION_IDLE_SECONDS
    idle = datetime.timedelta(seconds=settings.SESSION_IDLE_SECONDS)
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        client.force_login(coordinator)
        clock.move_to(start + idle * 0.9)
        assert client.get("/").status_code == 200
        clock.move_to(start + idle * 1.8)  # past the first deadline, within the renewed one
        assert client.get("/").status_code == 200
        clock.move_to(start + idle * 2.8 + datetime.timedelta(seconds=1))
        response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_session_ends_at_its_absolute_lifetime_however_active(client, coordinator, settings):
    settings.SESSION_ABSOLUTE_SECONDS = 3 * settings.SESSION_IDLE_SECONDS // 2
    step = datetime.timedelta(seconds=settings.SESSION_IDLE_SECONDS // 2)
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        client.force_login(coordinator)
        for moment in (step, step * 2, step * 3 - datetime.timedelta(seconds=2)):
            clock.move_to(start + moment)
            assert client.get("/").status_code == 200
        clock.move_to(start + step * 3 + datetime.timedelta(seconds=1))
        response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
    assert "_auth_user_id" not in client.session


def test_default_lifetimes_are_an_hour_idle_and_twelve_hours_at_most():
    assert settings.SESSION_IDLE_SECONDS == 3600
    assert settings.SESSION_ABSOLUTE_SECONDS == 12 * 3600


def test_deactivating_a_user_ends_all_their_sessions_at_once(coordinator):
    laptop, phone, colleague = Client(), Client(), Client()
    laptop.force_login(coordinator)
    phone.force_login(coordinator)
    other = factories.viewer()
    colleague.force_login(other)
    assert Session.objects.filter(user=coordinator).count() == 2

    coordinator.is_active = False
    coordinator.save()

    assert not Session.objects.filter(user=coordinator).exists()
    assert Session.objects.filter(user=other).count() == 1
    coordinator.is_active = True
    coordinator.save()  # coming back does not revive the old sessions
    assert laptop.get("/").status_code == 302
    assert phone.get("/").status_code == 302
    assert colleague.get("/").status_code == 200


def test_deactivating_in_the_admin_ends_the_sessions(client, coordinator):
    admin = factories.coordinator(username="root", is_staff=True, is_superuser=True)
    victim_browser = Client()
    victim_browser.force_login(coordinator)
    client.force_login(admin)
    url = f"/admin/accounts/user/{coordinator.pk}/change/"
    form = client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(is_active="", countries=[], groups=[], user_permissions=[], organisation="")
    data["date_joined_0"], data["date_joined_1"] = "2026-01-01", "10:00:00"
    data["last_login_0"] = data["last_login_1"] = ""
    data.pop("date_joined", None)
    data.pop("last_login", None)
    data.pop("password", None)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert victim_browser.get("/").status_code == 302


def test_a_long_passphrase_is_accepted_and_signs_in(client):
    user = factories.viewer(username="taras")
    passphrase = "the partner embassy meets on thursdays at the old river hall"
    assert len(passphrase) == 60
    validate_password(passphrase, user)
    form = SetPasswordForm(user, {"new_password1": passphrase, "new_password2": passphrase})
    assert form.is_valid(), form.errors
    form.save()
    response = client.post(LOGIN, {"username": "taras", "password": passphrase})
    assert response.status_code == 302


@pytest.mark.parametrize("password", ["short-pass1", "123456789012345", "password1234"])
def test_short_numeric_or_common_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password, factories.viewer())


def test_activity_is_written_at_most_once_per_resolution(client, coordinator, django_assert_num_queries):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        client.force_login(coordinator)
        session_key = client.session.session_key
        at_sign_in = Session.objects.get(session_key=session_key).session_data
        clock.move_to(start + datetime.timedelta(seconds=settings.SESSION_IDLE_RESOLUTION + 1))
        client.get("/accounts/two-factor/")  # records activity: one session write
        written = Session.objects.get(session_key=session_key).session_data
        client.get("/accounts/two-factor/")  # within the resolution: nothing written
        assert Session.objects.get(session_key=session_key).session_data == written != at_sign_in


def test_expired_sessions_are_cleared_by_the_daily_task(coordinator):
    from tracker.celery import app
    from tracker.security.tasks import clear_expired_sessions

    current, stale = Client(), Client()
    current.force_login(coordinator)
    stale.force_login(factories.viewer())
    past = timezone.now() - datetime.timedelta(seconds=1)
    Session.objects.exclude(user=coordinator).update(expire_date=past)

    clear_expired_sessions()

    assert list(Session.objects.values_list("user", flat=True)) == [coordinator.pk]
    app.loader.import_default_modules()  # what a worker does at start: find every tasks module
    assert settings.CELERY_BEAT_SCHEDULE["clear-expired-sessions"]["task"] in app.tasks
