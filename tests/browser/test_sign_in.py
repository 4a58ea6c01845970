import pytest

from tests import factories
from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_user_signs_in_and_sees_their_name(new_page):
    factories.coordinator(username="olena", first_name="Olena", last_name="Marchenko")
    page = new_page()
    sign_in(page, "olena")
    page.locator(".user-menu > summary", has_text="Olena").click()
    assert "Olena Marchenko" in page.locator(".user-menu").inner_text()


def test_wrong_password_shows_a_message_at_the_form(new_page):
    factories.coordinator(username="olena")
    page = new_page()
    sign_in_page = page.goto("/accounts/login/")
    assert sign_in_page.status == 200
    page.get_by_label("Username").fill("olena")
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()
    assert page.get_by_role("alert").is_visible()
    assert "/accounts/login/" in page.url
