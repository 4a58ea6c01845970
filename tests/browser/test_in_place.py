"""Browser journeys: everything that depends on an action updates in place (follow-up groups
and counts, a project's figures), saved views and bulk changes, in both languages."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests import factories
from tests.browser.conftest import sign_in
from tests.browser.test_csp import watch_csp
from tracker.accounts.models import User
from tracker.commitments.models import Commitment
from tracker.followups.models import FollowUp, State
from tracker.projects.models import Project, Status
from tracker.savedviews.models import DefaultView

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TEXT = {
    "en": {
        "done": "Done",
        "move_date": "Move the due date",
        "new_due": "New due date",
        "reason": "Reason",
        "move": "Move",
        "arrival": "Record arrival",
        "arrived": "arrived",
        "recorded": "Arrival recorded.",
        "save_views": "Save these filters as a view",
        "view_name": "Name of the view",
        "save_view": "Save view",
        "open_with": "Open the list with it",
        "bulk": "Change the selected rows",
        "change": "Change",
        "new_status": "New status",
        "comment": "Comment for every change",
        "changed": "2 projects changed.",
        "not_changed": "Not changed: UOP-2026-203. Someone else changed it after you opened the list.",
    },
    "uk": {
        "done": "Виконано",
        "move_date": "Перенести строк",
        "new_due": "Новий строк",
        "reason": "Причина",
        "move": "Перенести",
        "arrival": "Зареєструвати надходження",
        "arrived": "надійшло {}",
        "recorded": "Надходження зареєстровано.",
        "save_views": "Зберегти ці фільтри як вигляд",
        "view_name": "Назва вигляду",
        "save_view": "Зберегти вигляд",
        "open_with": "Відкривати список із ним",
        "bulk": "Змінити вибрані рядки",
        "change": "Змінити",
        "new_status": "Новий статус",
        "comment": "Коментар до кожної зміни",
        "changed": "Змінено 2 проєкти.",
        "not_changed": "Не змінено: UOP-2026-203. Хтось інший змінив це після того, як ви відкрили список.",
    },
}


@pytest.fixture
def olena(db):
    return factories.coordinator(username="olena", first_name="Olena", last_name="Marchenko")


def signed_in(new_page, language: str, path: str):
    User.objects.filter(username="olena").update(language=language)
    page = new_page()
    violations = watch_csp(page)
    sign_in(page, "olena")
    page.goto(path)
    page.evaluate("window.__marker = 1")
    return page, violations


@pytest.mark.parametrize("language", ["en", "uk"])
def test_follow_ups_move_between_groups_and_counts_follow(new_page, olena, language):
    today = timezone.localdate()
    late = factories.FollowUpFactory(
        owner=olena, title="Late thing", due_on=today - datetime.timedelta(days=2)
    )
    factories.FollowUpFactory(
        owner=olena, title="Other late thing", due_on=today - datetime.timedelta(days=1)
    )
    page, violations = signed_in(new_page, language, "/follow-ups/")
    words = TEXT[language]
    expect(page.locator("#tab-overdue")).to_contain_text("(2)")
    expect(page.locator("#group-count-overdue")).to_have_text("2")
    row = page.locator(f"#followup-{late.pk}")
    row.get_by_text(words["move_date"]).click()
    later = today + datetime.timedelta(days=30)
    row.get_by_label(words["new_due"]).fill(later.isoformat())
    row.get_by_label(words["reason"], exact=True).fill("Asked for time")
    row.get_by_role("button", name=words["move"], exact=True).click()
    # The row now sits in "Later", and every count moved with it.
    expect(page.locator(f"#group-section-later #followup-{late.pk}")).to_be_visible()
    expect(page.locator("#tab-overdue")).to_contain_text("(1)")
    expect(page.locator("#tab-later")).to_contain_text("(1)")
    expect(page.locator("#group-count-overdue")).to_have_text("1")
    # Marking the other one done empties "Overdue"; the row stays, to be reopened.
    other = page.locator("li.followup", has_text="Other late thing")
    other.get_by_role("button", name=words["done"], exact=True).click()
    expect(page.locator("#tab-overdue")).to_contain_text("(0)")
    expect(
        page.locator("li.followup", has_text="Other late thing").locator("button[value=open]")
    ).to_be_visible()
    assert page.evaluate("window.__marker") == 1
    assert FollowUp.objects.get(title="Other late thing").state == State.DONE
    assert not violations


@pytest.mark.parametrize("language", ["en", "uk"])
def test_an_arrival_on_the_project_page_updates_its_figures(new_page, olena, language):
    project = factories.ProjectFactory(reference="UOP-2026-201", title="Shell line")
    commitment = factories.CommitmentFactory(project=project, item="155 mm rounds", quantity=100)
    page, violations = signed_in(new_page, language, f"/projects/{project.pk}/")
    words = TEXT[language]
    panel = page.locator("#project-commitments")
    expect(panel).to_contain_text(words["arrived"].format(0))
    panel.locator("details.action summary").click()
    panel.locator(f"#id_c{commitment.pk}_delivery-quantity").fill("40")
    panel.get_by_role("button", name=words["arrival"]).click()
    expect(panel).to_contain_text(words["arrived"].format(40))
    expect(panel.locator("progress").first).to_have_attribute("value", "40")
    expect(page.locator("#messages")).to_contain_text(words["recorded"])
    assert page.evaluate("window.__marker") == 1
    assert Commitment.objects.get(pk=commitment.pk).delivered_quantity == 40
    assert not violations


@pytest.mark.parametrize("language", ["en", "uk"])
def test_save_filters_as_the_default_view(new_page, olena, language):
    factories.ProjectFactory(reference="UOP-2026-202", status=Status.AGREED)
    page, violations = signed_in(new_page, language, "/projects/")
    words = TEXT[language]
    page.locator("#id_status").select_option("agreed")  # filters in place, the address follows
    expect(page).to_have_url(re.compile(r"status=agreed"))
    page.get_by_text(words["save_views"]).click()
    page.get_by_label(words["view_name"]).fill("Agreed ones")
    page.get_by_label(words["open_with"]).check()
    page.get_by_role("button", name=words["save_view"]).click()
    expect(page.locator(".saved-views a[aria-current=true]")).to_have_text("Agreed ones")
    assert DefaultView.objects.get().view.query == "status=agreed"
    page.goto("/projects/")
    expect(page).to_have_url(re.compile(r"/projects/\?status=agreed$"))
    assert not violations


@pytest.mark.parametrize("language", ["en", "uk"])
def test_bulk_status_change_lists_what_was_refused(new_page, olena, language):
    fresh = [factories.ProjectFactory(reference=f"UOP-2026-20{n}") for n in (4, 5)]
    stale = factories.ProjectFactory(reference="UOP-2026-203")
    page, violations = signed_in(new_page, language, "/projects/?view=none")
    words = TEXT[language]
    for project in [*fresh, stale]:
        page.locator(f"#select-{project.pk}").check()
    Project.objects.filter(pk=stale.pk).update(version=stale.version + 1)  # someone saved it meanwhile
    page.get_by_text(words["bulk"], exact=True).first.click()
    page.locator("#bulk-change").select_option("status")
    page.locator("#bulk-status").select_option("seeking_partners")
    page.locator("#bulk-comment").fill("Weekly review")
    expect(page.locator("label[for=bulk-status]")).to_contain_text(words["new_status"])
    expect(page.locator("label[for=bulk-comment]")).to_contain_text(words["comment"])
    page.get_by_role("button", name=words["bulk"]).click()
    expect(page.locator("#messages")).to_contain_text(words["changed"])
    expect(page.locator("#messages")).to_contain_text(words["not_changed"])
    statuses = dict(Project.objects.values_list("reference", "status"))
    assert statuses == {
        "UOP-2026-204": "seeking_partners",
        "UOP-2026-205": "seeking_partners",
        "UOP-2026-203": "identified",
    }
    assert not violations
