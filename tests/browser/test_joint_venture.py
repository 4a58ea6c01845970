"""Browser journey: record a joint venture repairing vehicles abroad, then find it again."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests import factories
from tests.browser.conftest import sign_in
from tests.browser.test_accessibility import serious_violations
from tests.projects.joint_data import repair_hub
from tracker.projects.models import Project
from tracker.reference.models import Organisation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world():
    factories.coordinator(username="olena", first_name="Olena", last_name="Marchenko")
    factories.OrganisationFactory(code="riverbend-repair", name="Riverbend Repair Works")
    factories.PriorityFactory(code="joint-production", number=3, name="Joint production and repair")
    factories.CapabilityFactory(code="maintenance", name="Maintenance and repair")
    factories.OrganisationFactory(
        code="vistula-defence",
        name="Vistula Defence Systems",
        kind=Organisation.Kind.PARTNER_COMPANY,
        country="PL",
    )
    factories.ProjectFactory(reference="UOP-2026-002", title="Shell line at home", location_country="UA")


def test_record_a_joint_venture_abroad_and_filter_the_list_by_it(new_page, world):
    page = new_page()
    sign_in(page, "olena")
    page.goto("/projects/new/")
    page.get_by_label("Reference code").fill("UOP-2026-001")
    page.get_by_label("Title").fill("Repair hub for armoured vehicles")
    page.get_by_label("Enterprise").select_option(label="Riverbend Repair Works")
    page.get_by_label("Priority").select_option(label="Joint production and repair")
    page.get_by_label("Capability").select_option(label="Maintenance and repair")
    page.get_by_label("Assistance needed").select_option("repair_base")
    joint = page.get_by_role("group", name="Joint production and repair")
    joint.get_by_label("Arrangement").select_option("joint_venture")
    joint.get_by_label("Vistula Defence Systems (Poland)").check()
    joint.get_by_label("Location country").select_option("PL")
    joint.get_by_label("Location city").fill("Rzeszów")
    joint.get_by_label("Planned capacity").fill("30")
    joint.get_by_label("Capacity unit").select_option("repairs")
    joint.get_by_label("Capacity period").select_option("month")
    joint.get_by_label("Localisation share (%)").fill("40")
    signed_on = timezone.localdate() + datetime.timedelta(days=45)
    page.get_by_role("group", name="Milestone: Agreement signed").get_by_label("Planned date").fill(
        signed_on.isoformat()
    )
    page.get_by_role("button", name="Create project").click()

    project = Project.objects.get(reference="UOP-2026-001")
    expect(page).to_have_url(re.compile(rf"/projects/{project.pk}/$"))
    section = page.locator("#joint-production")
    expect(section).to_contain_text("Joint venture")
    expect(section).to_contain_text("Vistula Defence Systems (Poland)")
    expect(section).to_contain_text("Rzeszów, Poland · abroad")
    expect(section).to_contain_text("30 repairs per month")
    expect(section).to_contain_text("40%")
    expect(section.locator("table.milestones tbody tr")).to_have_count(1)
    expect(section.locator("table.milestones")).to_contain_text("Agreement signed")
    expect(page.locator("#timeline")).to_contain_text("Milestone “Agreement signed”, planned date")

    page.goto("/projects/")
    rows = page.locator("#results tbody tr")
    expect(rows).to_have_count(2)
    page.get_by_label("Location", exact=True).select_option("abroad")
    expect(page).to_have_url(re.compile(r"location=abroad"))
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("UOP-2026-001")
    page.get_by_label("Partner company").select_option(label="Vistula Defence Systems (Poland)")
    expect(rows).to_have_count(1)
    page.get_by_label("Arrangement").select_option("licence")
    expect(page.locator("#results")).to_contain_text("No projects match")


@pytest.mark.parametrize("width", [1280, 390], ids=["desktop", "phone"])
def test_joint_production_page_and_form_have_no_serious_violations(new_page, world, width):
    project = repair_hub(Organisation.objects.get(code="vistula-defence"))
    page = new_page(width=width)
    sign_in(page, "olena")
    problems = {}
    for url in (f"/projects/{project.pk}/", f"/projects/{project.pk}/edit/"):
        page.goto(url)
        problems[url] = serious_violations(page)
    assert problems == {url: [] for url in problems}
