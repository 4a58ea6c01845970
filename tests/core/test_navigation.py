"""The layout every page shares: navigation with the current section, the user, sign-out."""

import pytest
from django.urls import NoReverseMatch, reverse

SECTIONS = [
    ("home", "Dashboard"),
    ("projects:list", "Projects"),
    ("commitments:list", "Commitments"),
    ("partners:list", "Partners"),
    ("contacts:list", "Contacts"),
    ("followups:mine", "My follow-ups"),
]


def existing_url(name: str) -> str | None:
    try:
        return reverse(name)
    except NoReverseMatch:  # built by another part of the app; the layout must not fail without it
        return None


def test_navigation_links_every_section_that_exists(client, coordinator):
    client.force_login(coordinator)
    html = client.get(reverse("projects:list")).content.decode()
    for name, label in SECTIONS:
        url = existing_url(name)
        if url:
            assert f'href="{url}"' in html and f">{label}</a>" in html, name
    assert '<a href="/projects/" aria-current="page">Projects</a>' in html
    assert html.count('aria-current="page"') == 1


@pytest.mark.parametrize(
    ("url", "current"), [("/", "Dashboard"), ("/projects/board/", "Projects"), ("/projects/new/", "Projects")]
)
def test_current_section_is_marked(client, coordinator, url, current):
    client.force_login(coordinator)
    html = client.get(url).content.decode()
    assert f'aria-current="page">{current}</a>' in html


def test_header_shows_the_user_role_and_sign_out(client, industry_user):
    industry_user.first_name, industry_user.last_name = "Maryna", "Rudenko"
    industry_user.save()
    client.force_login(industry_user)
    html = client.get("/").content.decode()
    assert "Maryna Rudenko" in html and "Industry staff" in html
    assert f'action="{reverse("logout")}"' in html
    assert 'name="language"' in html


def test_pages_need_sign_in(client, project):
    for url in ("/", "/projects/", "/projects/board/", f"/projects/{project.pk}/", "/projects/new/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login")), url


def test_not_found_page_uses_the_layout(client, coordinator, settings):
    settings.DEBUG = False
    client.force_login(coordinator)
    response = client.get("/projects/424242/")
    assert response.status_code == 404
    assert "not shared with you" in response.content.decode()


# Pages without a partial answer htmx with the whole page; they still say so to caches.
PAGES = [
    "home",
    "projects:list",
    "projects:board",
    "projects:create",
    "commitments:list",
    "commitments:create",
    "partners:list",
    "contacts:list",
    "contacts:create",
    "followups:mine",
    "search:results",
    "charts:charts",
    "calendar:subscription",
    "imports:upload",
    "notifications:digest_preview",
    "profile",
    "security:two_factor",
]


@pytest.mark.parametrize("name", PAGES)
def test_every_page_varies_on_the_htmx_header(client, coordinator, name):
    client.force_login(coordinator)
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert "HX-Request" in response["Vary"]
