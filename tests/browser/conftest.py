"""Browser journeys: Playwright's sync API driving Debian's Chromium against live_server."""

import os

import pytest
from playwright.sync_api import sync_playwright

from tests import factories

# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses to run
# inside one unless told that this thread is not really async.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


# Every page of every journey reports the Content Security Policy violations it meets (the
# page's securitypolicyviolation events, which htmx's inline styles or a stray inline script
# would raise); a journey that met any fails. The init script runs through the DevTools
# protocol, outside the page's policy.
CSP_WATCH = """document.addEventListener("securitypolicyviolation", (event) => {
  const where = `${event.sourceFile}:${event.lineNumber} (${event.sample})`;
  window.cspViolation(`${event.violatedDirective} blocked ${event.blockedURI || "inline"} at ${where}`);
});"""


@pytest.fixture
def new_page(browser, live_server, request):
    """Open a fresh browser context (its own cookies) per call; all are closed afterwards.

    Fails the test if any page met a CSP violation, unless it is marked csp_violations_expected."""
    contexts = []
    violations: list[str] = []

    def make(width: int = 1280, height: int = 900):
        context = browser.new_context(viewport={"width": width, "height": height}, base_url=live_server.url)
        context.set_default_timeout(10_000)
        context.expose_binding(
            "cspViolation", lambda source, text: violations.append(f"{source['page'].url}: {text}")
        )
        context.add_init_script(CSP_WATCH)
        contexts.append(context)
        return context.new_page()

    make.csp_violations = violations
    yield make
    for context in contexts:
        context.close()
    if not request.node.get_closest_marker("csp_violations_expected"):
        assert violations == [], "Content Security Policy violations"


def sign_in(page, username: str, password: str = factories.PASSWORD) -> None:
    """Sign in through the real form and wait for the home page."""
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    # "**/" would match the sign-in page itself; wait until the browser has left it.
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
