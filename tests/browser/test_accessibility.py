"""axe-core scans of the main pages: no serious or critical violations, desktop and phone width."""

from decimal import Decimal

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests import factories
from tests.browser.conftest import sign_in
from tracker.commitments.models import Stage
from tracker.history.editing import ANY_VERSION

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world():
    """A project with a commitment, a contact, a follow-up and history, seen by a coordinator."""
    from tracker.projects import services

    coordinator = factories.coordinator(username="olena", first_name="Olena", last_name="Marchenko")
    country = factories.CountryFactory(code="PL")
    project = factories.ProjectFactory(reference="UOP-2026-001", title="Repair hub")
    project.candidate_countries.add(country)
    factories.CommitmentFactory(
        project=project, priority=project.priority, country=country, delivered_quantity=30
    )
    factories.CommitmentFactory(priority=project.priority, country=country, stage=Stage.FULFILLED)
    # Wide figures, as in real totals, so tables overflow their panels at narrow widths.
    factories.CommitmentFactory(
        priority=project.priority,
        country=country,
        quantity=None,
        unit="",
        amount=Decimal("300000000"),
        currency="DKK",
        paid_amount=Decimal("210000000"),
    )
    contact = factories.ContactFactory(country=country)
    contact.projects.add(project)
    factories.FollowUpFactory(project=project, owner=coordinator)
    services.change_status(
        project,
        status="seeking_partners",
        health="at_risk",
        health_reason="Permit",
        by=coordinator,
        expected_version=ANY_VERSION,
    )
    return project


def serious_violations(page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("width", [1280, 390], ids=["desktop", "phone"])
def test_main_pages_have_no_serious_violations(new_page, world, width):
    page = new_page(width=width)
    sign_in(page, "olena")
    problems = {}
    for url in (
        "/",
        "/projects/",
        "/projects/?status=nonsense",
        "/projects/board/",
        f"/projects/{world.pk}/",
    ):
        page.goto(url)
        problems[url] = serious_violations(page)
    assert problems == {url: [] for url in problems}


def test_pages_fit_a_phone_screen(new_page, world):
    page = new_page(width=390, height=844)
    sign_in(page, "olena")
    for url in ("/", "/projects/", f"/projects/{world.pk}/"):
        page.goto(url)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, url


@pytest.mark.parametrize("width", [1280, 390], ids=["desktop", "phone"])
def test_dashboard_totals_fit_their_panels_without_scrolling(new_page, world, width):
    page = new_page(width=width)
    sign_in(page, "olena")
    widths = page.evaluate(
        "[...document.querySelectorAll('.panel .table-wrap')].map(w => [w.scrollWidth, w.clientWidth])"
    )
    assert widths and all(scroll <= client for scroll, client in widths), widths
