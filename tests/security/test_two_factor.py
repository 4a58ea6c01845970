"""Two-factor sign-in: required roles cannot reach any page, the admin included, until they
pass it; wrong codes are refused; a recovery code works once; MFA_REQUIRED_ROLES decides."""

import re

import pytest
import time_machine
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests import factories
from tests.security.conftest import add_authenticator, app_code
from tracker.security.mfa import new_recovery_codes

pytestmark = pytest.mark.django_db

ENROL = "/accounts/two-factor/"
VERIFY = "/accounts/two-factor/verify/"


@pytest.fixture
def root(db):
    return factories.coordinator(username="root", is_staff=True, is_superuser=True)


def test_required_user_without_an_app_is_sent_to_set_one_up_from_every_page(client, coordinator, mfa_on):
    client.force_login(coordinator)
    for url in ["/", "/admin/", "/admin/accounts/user/", "/accounts/password_change/"]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(ENROL), url


def test_required_user_with_an_app_must_type_a_code_before_any_page(client, root, mfa_on):
    device = add_authenticator(root)
    client.force_login(root)
    for url in ["/", "/admin/"]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == f"{VERIFY}?next={url.replace('/', '%2F')}"
    response = client.post(VERIFY, {"code": app_code(device), "next": "/admin/"})
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/").status_code == 200
    assert client.get("/admin/").status_code == 200


def test_a_post_does_not_get_through_unverified(client, root, mfa_on):
    add_authenticator(root)
    client.force_login(root)
    response = client.post("/admin/accounts/user/add/", {"username": "intruder"})
    assert response.status_code == 302
    assert response["Location"] == VERIFY
    assert not root.__class__.objects.filter(username="intruder").exists()


def test_htmx_request_is_told_to_load_the_verify_page(client, root, mfa_on):
    add_authenticator(root)
    client.force_login(root)
    response = client.get("/", headers={"HX-Request": "true"})
    assert response.status_code == 204
    assert response["HX-Redirect"] == VERIFY


def test_signing_out_works_before_the_second_factor(client, root, mfa_on):
    add_authenticator(root)
    client.force_login(root)
    assert client.post("/accounts/logout/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_a_wrong_code_is_refused(client, root, mfa_on):
    device = add_authenticator(root)
    client.force_login(root)
    wrong = f"{(int(app_code(device)) + 1) % 1_000_000:06d}"
    response = client.post(VERIFY, {"code": wrong})
    assert response.status_code == 400
    assert "not valid" in response.text
    assert client.get("/").status_code == 302


def test_after_a_wrong_code_even_the_right_one_waits(client, root, mfa_on):
    device = add_authenticator(root)
    client.force_login(root)
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        client.post(VERIFY, {"code": "000000" if app_code(device) != "000000" else "111111"})
        response = client.post(VERIFY, {"code": app_code(device)})
        assert response.status_code == 400
        assert "Wait" in response.text
        clock.shift(2)
        assert client.post(VERIFY, {"code": app_code(device)}).status_code == 302


def test_a_recovery_code_works_once(client, root, mfa_on):
    add_authenticator(root)
    codes = new_recovery_codes(root)
    assert len(codes) == 10 and len(set(codes)) == 10
    client.force_login(root)
    assert client.post(VERIFY, {"code": codes[0].upper()}).status_code == 302
    assert client.get("/").status_code == 200
    assert StaticToken.objects.filter(device__user=root).count() == 9

    again = Client()
    again.force_login(root)
    response = again.post(VERIFY, {"code": codes[0]})
    assert response.status_code == 400
    assert again.get("/").status_code == 302


def test_enrolment_shows_the_link_and_qr_code_then_ten_recovery_codes_once(client, coordinator, mfa_on):
    client.force_login(coordinator)
    page = client.get(ENROL)
    assert page.status_code == 200
    uri = re.search(r'<code class="otpauth-uri">([^<]+)</code>', page.text).group(1)
    assert uri.startswith("otpauth://totp/Partner%20Commitments%20Tracker%3Acoord?secret=")
    assert "<svg" in page.text and "<path" in page.text
    assert client.get(ENROL).text.count(uri) == 1  # the same secret on reload

    device = TOTPDevice.objects.get(user=coordinator)
    assert not device.confirmed
    assert client.get("/").status_code == 302
    response = client.post(ENROL, {"code": app_code(device)})
    assert response.status_code == 200
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", response.text)
    assert len(codes) == 10
    assert client.get("/").status_code == 200  # verified by setting it up

    status = client.get(ENROL)
    assert "10 unused recovery codes" in status.text
    assert not any(code in status.text for code in codes)  # shown once only


def test_enrolment_with_a_wrong_code_keeps_the_app_unconfirmed(client, coordinator, mfa_on):
    client.force_login(coordinator)
    client.get(ENROL)
    response = client.post(ENROL, {"code": "12345x"})
    assert response.status_code == 400
    assert not TOTPDevice.objects.get(user=coordinator).confirmed
    assert client.get("/").status_code == 302


def test_an_unverified_session_cannot_replace_the_app(client, root, mfa_on):
    add_authenticator(root)
    client.force_login(root)  # password only: someone who stole it
    response = client.get(ENROL)
    assert response["Location"].startswith(VERIFY)
    response = client.post(ENROL, {"code": "123456"})
    assert response["Location"].startswith(VERIFY)
    assert client.post("/accounts/two-factor/recovery-codes/").status_code == 302
    assert TOTPDevice.objects.filter(user=root).count() == 1
    assert not StaticToken.objects.filter(device__user=root).exists()


def test_password_reset_leads_to_sign_in_and_then_the_second_factor(client, root, mfa_on):
    add_authenticator(root)
    uid = urlsafe_base64_encode(force_bytes(root.pk))
    token = default_token_generator.make_token(root)
    response = client.get(f"/accounts/reset/{uid}/{token}/", follow=True)
    new_password = "a brand new passphrase for the tracker"
    form_url = response.redirect_chain[-1][0]
    response = client.post(form_url, {"new_password1": new_password, "new_password2": new_password})
    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_complete")
    assert "_auth_user_id" not in client.session  # the reset does not sign in
    response = client.post("/accounts/login/", {"username": "root", "password": new_password})
    assert response.status_code == 302
    assert client.get("/")["Location"].startswith(VERIFY)


def test_the_setting_decides_which_roles_must_use_it(client, settings):
    user = factories.viewer(is_staff=True)
    client.force_login(user)
    settings.MFA_REQUIRED_ROLES = []
    assert client.get("/").status_code == 200
    settings.MFA_REQUIRED_ROLES = ["coordinator"]
    assert client.get("/").status_code == 200
    settings.MFA_REQUIRED_ROLES = ["admin"]  # staff counts as admin
    assert client.get("/").status_code == 302
    settings.MFA_REQUIRED_ROLES = ["viewer"]
    assert client.get("/").status_code == 302


def test_optional_user_who_turned_it_on_must_use_it_and_may_turn_it_off(client, viewer, mfa_on):
    client.force_login(viewer)
    assert client.get("/").status_code == 200  # not required for viewers
    client.get(ENROL)
    client.post(ENROL, {"code": app_code(TOTPDevice.objects.get(user=viewer))})

    client.logout()
    client.force_login(viewer)
    assert client.get("/")["Location"].startswith(VERIFY)  # turned on: asked at each sign-in
    client.post(VERIFY, {"code": new_recovery_codes(viewer)[0]})
    assert client.post("/accounts/two-factor/turn-off/").status_code == 302
    assert not TOTPDevice.objects.filter(user=viewer).exists()
    client.logout()
    client.force_login(viewer)
    assert client.get("/").status_code == 200


def test_a_required_user_cannot_turn_it_off(client, coordinator, mfa_on):
    device = add_authenticator(coordinator)
    client.force_login(coordinator)
    client.post(VERIFY, {"code": app_code(device)})
    client.post("/accounts/two-factor/turn-off/")
    assert TOTPDevice.objects.filter(user=coordinator).exists()


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "javascript:alert(1)"])
def test_after_the_code_only_pages_of_this_site_are_followed(client, root, mfa_on, target):
    device = add_authenticator(root)
    client.force_login(root)
    response = client.post(VERIFY, {"code": app_code(device), "next": target})
    assert response.status_code == 302
    assert response["Location"] == "/"


@pytest.mark.parametrize("code", ["", "9" * 1000, "12\x0034", "١٢٣٤٥٦", "<script>"])
def test_malformed_codes_get_a_message_not_an_error(client, root, mfa_on, code):
    add_authenticator(root)
    client.force_login(root)
    assert client.post(VERIFY, {"code": code}).status_code == 400
    other = factories.coordinator()
    client.force_login(other)
    assert client.post(ENROL, {"code": code}).status_code == 400
