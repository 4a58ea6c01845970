"""Browser journeys on the board: drag and drop through the version-checked move, the
closed summary column, and a board that fits 1280 px, in both languages."""

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.browser.conftest import sign_in
from tests.browser.test_csp import watch_csp
from tracker.accounts.models import User
from tracker.projects import services
from tracker.projects.models import Project, Status

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def hub():
    factories.coordinator(username="olena", first_name="Olena", last_name="Marchenko")
    return factories.ProjectFactory(reference="UOP-2026-001", title="Repair hub")


def open_board(new_page, language: str = "en", width: int = 1280):
    User.objects.filter(username="olena").update(language=language)
    page = new_page(width=width)
    page.csp_violations = watch_csp(page)  # SortableJS must run under the policy too
    sign_in(page, "olena")
    page.goto("/projects/board/")
    page.evaluate("window.__marker = 1")
    return page


def drag(page, card_id: str, column: str) -> None:
    """Drag with the mouse in small steps, as a person would (native drag and drop)."""
    page.locator(f"#{card_id} .card-title").drag_to(page.locator(f"#cards-{column}"))


@pytest.mark.parametrize("language", ["en", "uk"])
def test_drag_a_card_to_another_column(new_page, hub, language):
    page = open_board(new_page, language)
    drag(page, f"card-{hub.pk}", Status.SEEKING_PARTNERS)
    expect(page.locator(f"#cards-seeking_partners #card-{hub.pk}")).to_be_visible()
    expect(page.locator("#count-seeking_partners")).to_have_text("1")
    expect(page.locator("#count-identified")).to_have_text("0")
    expect(page.locator("#messages")).to_contain_text("UOP-2026-001")
    assert page.evaluate("window.__marker") == 1
    assert not page.csp_violations
    hub.refresh_from_db()
    assert hub.status == Status.SEEKING_PARTNERS


def test_a_drop_the_move_table_forbids_changes_nothing(new_page, hub):
    page = open_board(new_page)
    drag(page, f"card-{hub.pk}", Status.AGREED)  # Identified cannot go straight to Agreed
    expect(page.locator(f"#cards-identified #card-{hub.pk}")).to_be_visible()
    page.wait_for_timeout(300)
    hub.refresh_from_db()
    assert hub.status == Status.IDENTIFIED


def test_drag_into_the_folded_closed_column(new_page, hub):
    page = open_board(new_page)
    closed = page.locator("#closed-columns")
    expect(closed).not_to_have_attribute("open", "")
    page.locator(f"#card-{hub.pk} .card-title").hover()
    page.mouse.down()
    page.mouse.move(600, 400, steps=5)
    expect(closed).to_have_attribute("open", "")  # opened for the drag
    page.locator("#cards-cancelled").hover()
    page.mouse.move(*_centre(page, "#cards-cancelled"), steps=5)
    page.mouse.up()
    expect(page.locator(f"#cards-cancelled #card-{hub.pk}")).to_be_visible()
    expect(page.locator("#count-cancelled")).to_have_text("1")
    assert not page.csp_violations
    hub.refresh_from_db()
    assert hub.status == Status.CANCELLED


def _centre(page, selector: str) -> tuple[float, float]:
    box = page.locator(selector).bounding_box()
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


@pytest.mark.parametrize("language", ["en", "uk"])
def test_a_stale_drop_says_so_and_puts_the_card_back(new_page, hub, language):
    page = open_board(new_page, language)
    # Someone else changes the project after the board was opened.
    services.change_status(
        Project.objects.get(pk=hub.pk),
        status=Status.IDENTIFIED,
        health="at_risk",
        health_reason="Late",
        by=None,
        expected_version=hub.version,
    )
    drag(page, f"card-{hub.pk}", Status.SEEKING_PARTNERS)
    card = page.locator(f"#cards-identified #card-{hub.pk}")
    message = "Someone else saved this record" if language == "en" else "Хтось інший зберіг цей запис"
    expect(card.locator(".conflict")).to_contain_text(message)
    expect(card.locator("details.card-move-box")).to_have_attribute("open", "")
    expect(page.locator("#count-identified")).to_have_text("1")
    assert not page.csp_violations
    hub.refresh_from_db()
    assert hub.status == Status.IDENTIFIED


@pytest.mark.parametrize("language", ["en", "uk"])
def test_the_board_fits_1280_px_and_the_closed_column_opens(new_page, hub, language):
    for status in Status.values:
        factories.ProjectFactory.create_batch(2, status=status, title="Long project title " * 3)
    page = open_board(new_page, language)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    expect(page.locator(".board > section")).to_have_count(7)
    expect(page.locator("#cards-completed")).to_be_hidden()
    page.locator("#closed-columns > summary").click()
    expect(page.locator("#cards-completed .board-card")).to_have_count(2)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
