"""The projects list (and board) filtered by arrangement, partner company and location."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories
from tests.projects.joint_data import partner_company, repair_hub, shell_licence
from tracker.projects.models import Project

pytestmark = pytest.mark.django_db

URL = reverse("projects:list")
HX = {"HX-Request": "true"}


@pytest.fixture
def projects(db):
    vistula = partner_company("vistula", "PL", name="Vistula Defence Systems")
    nordkapp = partner_company("nordkapp", "NO", name="Nordkapp Munitions")
    hub = repair_hub(vistula, reference="UOP-2026-101")
    licence = shell_licence(nordkapp, reference="UOP-2026-102")
    licence.partner_companies.add(vistula)
    other = factories.ProjectFactory(reference="UOP-2026-103", title="Financing only")
    return {"vistula": vistula, "nordkapp": nordkapp, "hub": hub, "licence": licence, "other": other}


def references(client, query: str, url: str = URL) -> list[str]:
    response = client.get(f"{url}?{query}")
    assert response.status_code == 200
    return [p.reference for p in response.context["page"].object_list]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("arrangement=joint_venture", ["UOP-2026-101"]),
        ("arrangement=licence", ["UOP-2026-102"]),
        ("arrangement=localised_assembly", []),
        ("location=abroad", ["UOP-2026-101"]),
        ("location=ukraine", ["UOP-2026-102"]),
        ("location=abroad&arrangement=licence", []),
        ("q=nordkapp", ["UOP-2026-102"]),
        ("q=vistula+defence", ["UOP-2026-101", "UOP-2026-102"]),
    ],
)
def test_filters_narrow_the_list(client, viewer, projects, query, expected):
    client.force_login(viewer)
    assert references(client, query) == expected


def test_filter_by_partner_company(client, viewer, projects):
    client.force_login(viewer)
    assert references(client, f"company={projects['nordkapp'].pk}") == ["UOP-2026-102"]
    assert references(client, f"company={projects['vistula'].pk}") == ["UOP-2026-101", "UOP-2026-102"]


def test_abroad_means_a_country_other_than_ukraine_and_none_is_neither(client, viewer, projects):
    projects["other"].location_country = "DE"
    projects["other"].save()
    factories.ProjectFactory(reference="UOP-2026-104")  # no location: neither in Ukraine nor abroad
    client.force_login(viewer)
    assert references(client, "location=abroad") == ["UOP-2026-101", "UOP-2026-103"]
    assert references(client, "location=ukraine") == ["UOP-2026-102"]


@pytest.mark.parametrize("query", ["arrangement=franchise", "location=mars", "company=abc", "company=99999"])
def test_bad_values_are_ignored_with_a_note(client, viewer, projects, query):
    client.force_login(viewer)
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == 3
    assert "was ignored" in response.content.decode()


def test_menus_offer_the_arrangements_companies_and_locations(client, viewer, projects):
    factories.OrganisationFactory(code="plant", name="Plant Not A Company")
    client.force_login(viewer)
    html = client.get(URL).content.decode()
    menu = html[html.index('name="company"') : html.index("</select>", html.index('name="company"'))]
    assert "Vistula Defence Systems (Poland)" in menu and "Nordkapp Munitions (Norway)" in menu
    assert "Plant Not A Company" not in menu
    assert '<option value="joint_venture">Joint venture</option>' in html
    assert '<option value="abroad">abroad</option>' in html


def test_the_board_takes_the_same_filters(client, viewer, projects):
    client.force_login(viewer)
    response = client.get(reverse("projects:board"), {"location": "abroad"})
    cards = [card.reference for column in response.context["columns"] for card in column.cards]
    assert cards == ["UOP-2026-101"]


def test_company_menu_is_kept_between_pages(client, viewer, projects, settings):
    """With FILTER_CHOICES_SECONDS on, the company menu is read once, like the other menus."""
    settings.FILTER_CHOICES_SECONDS = 60
    client.force_login(viewer)
    client.get(URL)
    with CaptureQueriesContext(connection) as queries:
        client.get(URL)
    assert not any("\"kind\" = 'partner_company'" in q["sql"] for q in queries.captured_queries)


@pytest.mark.parametrize("headers", [{}, HX])
def test_query_count_does_not_grow_with_companies(client, viewer, projects, headers):
    client.force_login(viewer)
    url = f"{URL}?location=abroad&arrangement=joint_venture&company={projects['vistula'].pk}&q=hub"

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url, headers=headers).status_code == 200
        return len(queries)

    before = count()
    for n in range(10):
        project = repair_hub(projects["vistula"], reference=f"UOP-2026-2{n:02d}", title=f"Hub {n}")
        project.partner_companies.add(partner_company(f"company-{n}", "CZ"))
    assert Project.objects.count() == 13
    assert count() == before
