"""Every main page, on the demo data, at 1280 and 390 px and in English and Ukrainian: no
sideways scrolling of the page, a header of one row (desktop) or at most 120 px (phone), no
word broken in the middle in a table, and no serious or critical axe-core finding.

axe-core is the copy pinned by axe-playwright-python (requirements-dev.txt): it is injected
through the DevTools protocol, which the page's Content Security Policy does not restrict
(a <script> tag added to the page would be refused by it)."""

import io

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command

from tests.browser.conftest import sign_in
from tracker.commitments.models import Commitment
from tracker.contacts.models import Contact
from tracker.projects.models import Project

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEMO_PASSWORD = "tracker-demo-2026"
WIDTHS = {"desktop": (1280, 800), "phone": (390, 844)}
DESKTOP_HEADER_MAX = 80  # one row: the brand may take two lines, nothing else wraps
PHONE_HEADER_MAX = 120
ROLES = ["coordinator", "industry", "concern", "embassy-pl", "embassy-de", "viewer"]

# Words (split at spaces and hyphens) drawn on more than one line inside a table cell.
BROKEN_WORDS = """() => {
  const broken = [];
  const range = document.createRange();
  const walker = document.createTreeWalker(document.querySelector("main"), NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const cell = node.parentElement.closest("th, td");
    if (!cell || !node.parentElement.checkVisibility()) continue;
    const word = /[^\\s\\u00a0\\u202f\\-\\u2010-\\u2014\\/]+/g;
    let match;
    while ((match = word.exec(node.data))) {
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
      if (lines.size > 1) broken.push(match[0]);
    }
  }
  return broken;
}"""

HEADER = """() => {
  const header = document.querySelector("header.site-header");
  const tops = [...header.querySelectorAll(".main-nav a")].filter(a => a.checkVisibility())
    .map(a => Math.round(a.getBoundingClientRect().top));
  return {height: header.getBoundingClientRect().height, navRows: new Set(tops).size};
}"""


@pytest.fixture
def demo(settings):
    settings.DEBUG = True  # seed --demo refuses otherwise (known passwords)
    call_command("seed", demo=True, stdout=io.StringIO())
    settings.DEBUG = False
    settings.MFA_REQUIRED_ROLES = []
    project = Project.objects.order_by("reference").first()
    return {
        "dashboard": "/",
        "projects": "/projects/",
        "project": project.get_absolute_url(),
        "board": "/projects/board/",
        "commitments": "/commitments/",
        "commitment": Commitment.objects.order_by("pk").first().get_absolute_url(),
        "partners": "/partners/",
        "partner": "/partners/PL/",
        "contacts": "/contacts/",
        "contact": Contact.objects.order_by("pk").first().get_absolute_url(),
        "contact form": "/contacts/new/",
        "follow-ups": "/follow-ups/",
        "search": "/search/?q=Poland",
        "charts": "/charts/",
        "imports": "/imports/",
        "dashboard as of a past day": "/?as_of=2024-06-30",
    }


def open_as(new_page, live_server, username: str, width: str, language: str):
    page = new_page(*WIDTHS[width])
    sign_in(page, username, DEMO_PASSWORD)
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    return page


def layout_problems(page, width: str) -> list[str]:
    problems = []
    scroll, inner = page.evaluate("[document.scrollingElement.scrollWidth, window.innerWidth]")
    if scroll > inner:
        problems.append(f"page scrolls sideways: {scroll} > {inner}")
    header = page.evaluate(HEADER)
    if width == "desktop" and (header["height"] > DESKTOP_HEADER_MAX or header["navRows"] != 1):
        problems.append(f"header not one row: {header}")
    if width == "phone" and header["height"] > PHONE_HEADER_MAX:
        problems.append(f"header {header['height']} px high")
    broken = page.evaluate(BROKEN_WORDS)
    if broken:
        problems.append(f"words broken in table cells: {broken[:5]}")
    return problems


def serious_findings(page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("language", ["en", "uk"])
@pytest.mark.parametrize("width", list(WIDTHS))
def test_main_pages_fit_and_pass_axe(new_page, live_server, demo, width, language):
    page = open_as(new_page, live_server, "coordinator", width, language)
    problems = {}
    for name, path in demo.items():
        response = page.goto(path)
        assert response.status == 200, path
        assert page.locator("html").get_attribute("lang") == language, path
        found = layout_problems(page, width) + serious_findings(page)
        if found:
            problems[name] = found
    assert problems == {}


@pytest.mark.parametrize("language", ["en", "uk"])
def test_every_roles_dashboard_fits_and_passes_axe(new_page, live_server, demo, language):
    problems = {}
    for username in ROLES:
        for width in WIDTHS:
            page = open_as(new_page, live_server, username, width, language)
            page.goto("/")
            found = layout_problems(page, width) + serious_findings(page)
            if found:
                problems[f"{username} {width}"] = found
    assert problems == {}


def test_phone_menu_button_opens_the_navigation_and_says_so(new_page, live_server, demo):
    page = open_as(new_page, live_server, "coordinator", "phone", "en")
    nav = page.get_by_role("navigation", name="Main")
    button = page.get_by_role("button", name="Menu")
    assert nav.is_hidden() and button.get_attribute("aria-expanded") == "false"
    button.focus()
    page.keyboard.press("Enter")
    assert nav.is_visible() and button.get_attribute("aria-expanded") == "true"
    nav.get_by_role("link", name="Partners").click()
    page.wait_for_url("**/partners/")
    assert page.get_by_role("navigation", name="Main").is_hidden()
    page.get_by_role("button", name="Menu").click()
    page.keyboard.press("Escape")
    assert page.get_by_role("navigation", name="Main").is_hidden()
    assert page.evaluate("document.activeElement.getAttribute('aria-controls')") == "site-menu"


def test_desktop_shows_the_navigation_without_a_menu_button(new_page, live_server, demo):
    page = open_as(new_page, live_server, "coordinator", "desktop", "uk")
    assert page.get_by_role("navigation").first.is_visible()
    assert page.locator(".menu-toggle").is_hidden()
    icon = page.locator("link[rel=icon]").first.get_attribute("href")
    assert page.request.get(icon).status == 200


def test_without_javascript_the_menu_link_opens_the_navigation_and_the_language_button_shows(
    browser, live_server, demo
):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, base_url=live_server.url, java_script_enabled=False
    )
    try:
        page = context.new_page()
        sign_in(page, "coordinator", DEMO_PASSWORD)
        nav = page.get_by_role("navigation", name="Main")
        assert nav.is_hidden()
        page.get_by_role("link", name="Menu").click()
        assert nav.is_visible()
        page.locator(".user-menu > summary").click()
        page.select_option("#language-select", "uk")
        page.get_by_role("button", name="Switch").click()
        page.wait_for_load_state()
        assert page.locator("html").get_attribute("lang") == "uk"
    finally:
        context.close()


def test_filters_fold_behind_a_button_on_phones_only(new_page, live_server, demo):
    phone = open_as(new_page, live_server, "coordinator", "phone", "uk")
    for path in ("/projects/", "/commitments/", "/contacts/"):
        phone.goto(path)
        filters = phone.locator("form.filters")
        assert filters.is_hidden(), path
        phone.locator(".filter-fold > summary").click()
        assert filters.is_visible(), path
    desktop = open_as(new_page, live_server, "coordinator", "desktop", "uk")
    for path in ("/projects/", "/commitments/", "/contacts/"):
        desktop.goto(path)
        assert desktop.locator("form.filters").is_visible(), path
        assert desktop.locator(".filter-fold > summary").is_hidden(), path
