"""The project page shows a joint project: companies, arrangement, location, capacity,
localisation, milestones planned against actual, and what the project needs."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories
from tests.projects.joint_data import days, partner_company, repair_hub, shell_licence
from tracker.projects.models import Milestone, MilestoneKind

pytestmark = pytest.mark.django_db


def page(client, project) -> str:
    response = client.get(reverse("projects:detail", args=[project.pk]))
    assert response.status_code == 200
    return response.content.decode()


def section(html: str, heading_id: str) -> str:
    start = html.index(f'id="{heading_id}"')
    return html[start : html.index("</section>", start)]


def test_every_reader_sees_the_joint_venture_abroad(client, viewer):
    project = repair_hub(partner_company("vistula", "PL", name="Vistula Defence Systems"))
    client.force_login(viewer)
    joint = section(page(client, project), "joint-heading")
    assert "Joint venture" in joint
    assert "Vistula Defence Systems (Poland)" in joint
    assert "Rzeszów, Poland · <strong>abroad</strong>" in joint
    assert "30 repairs per month" in joint
    assert "40%" in joint


def test_milestones_show_planned_against_actual_and_late_ones_are_marked(client, viewer):
    project = repair_hub(partner_company("vistula", "PL"))
    client.force_login(viewer)
    joint = section(page(client, project), "joint-heading")
    rows = joint[joint.index("<tbody>") :].split("<tr")[1:]
    assert [row.split("</th>")[0].rsplit(">", 1)[1] for row in rows] == [
        "Agreement signed",
        "Site ready",
        "First unit",
    ]
    signed, site, first = rows
    assert 'class="late"' in signed and "reached late" in signed
    assert 'class="late"' in site and ">late<" in site
    assert 'class="late"' not in first and "planned" in first


def test_a_licence_in_ukraine_shows_capacity_with_thousands(client, viewer):
    project = shell_licence(partner_company("nordkapp", "NO", name="Nordkapp Munitions"))
    client.force_login(viewer)
    joint = section(page(client, project), "joint-heading")
    assert "Licence" in joint and "Nordkapp Munitions (Norway)" in joint
    assert "Dnipro, Ukraine · <strong>in Ukraine</strong>" in joint
    assert "1,000 rounds per month" in joint and "65%" in joint


def test_a_project_without_joint_production_has_no_such_section(client, viewer):
    project = factories.ProjectFactory()
    client.force_login(viewer)
    assert 'id="joint-production"' not in page(client, project)


@pytest.mark.parametrize(
    ("values", "needed"),
    [
        ({"needed_quantity": 120, "needed_unit": "vehicles"}, "1,000,000 EUR<br>120 vehicles"),
        ({"estimated_value": None, "currency": "", "needed_quantity": 4, "needed_unit": "sets"}, "4 sets"),
        ({}, "1,000,000 EUR"),
        ({"estimated_value": None, "currency": ""}, "—"),
    ],
)
def test_the_page_says_what_the_project_needs(client, viewer, values, needed):
    project = factories.ProjectFactory(**values)
    client.force_login(viewer)
    html = page(client, project)
    assert f'<dt>Needed</dt><dd class="needed">{needed}</dd>' in html


def test_query_count_does_not_grow_with_companies_and_milestones(client, viewer):
    project = shell_licence(partner_company("nordkapp", "NO"))
    client.force_login(viewer)
    url = reverse("projects:detail", args=[project.pk])

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    before = count()
    for n in range(6):
        project.partner_companies.add(partner_company(f"company-{n}", "DE"))
    for kind in MilestoneKind.values:
        Milestone.objects.create(project=project, kind=kind, planned_on=days(10))
    assert count() == before


def test_the_joint_production_section_reads_in_ukrainian(client, viewer):
    project = repair_hub(partner_company("vistula", "PL", name="Vistula Defence Systems"))
    client.force_login(viewer)
    client.cookies["django_language"] = "uk"
    joint = section(page(client, project), "joint-heading")
    assert "Спільне підприємство" in joint
    assert "Vistula Defence Systems (Польща)" in joint
    assert "<strong>за кордоном</strong>" in joint
    assert "30 ремонтів на місяць" in joint
    assert "Угоду підписано" in joint and "досягнуто із запізненням" in joint
