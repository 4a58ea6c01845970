"""Search finds a joint project by the name of a partner company taking part in it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories
from tests.projects.joint_data import partner_company, repair_hub, shell_licence

pytestmark = pytest.mark.django_db

URL = "/search/"


def project_urls(client, q: str) -> list[str]:
    response = client.get(URL, {"q": q})
    assert response.status_code == 200
    projects = next(g for g in response.context["groups"] if g.kind == "projects")
    return sorted(hit.url for hit in projects.hits)


@pytest.fixture
def projects(db):
    vistula = factories.OrganisationFactory(
        code="vistula",
        name="Vistula Defence Systems",
        name_uk="Вісла Дефенс Системс",
        kind="partner_company",
        country="PL",
    )
    return {
        "hub": repair_hub(vistula, title="Armour repair hub"),
        "licence": shell_licence(partner_company("nordkapp", "NO", name="Nordkapp Munitions")),
        # an enterprise of the same name is not a partner company: its projects are not found by it
        "own": factories.ProjectFactory(
            enterprise=factories.OrganisationFactory(code="vistula-works", name="Vistula Works")
        ),
    }


@pytest.mark.parametrize("q", ["vistula", "Vistula Defence", "vistu", "Вісла", "vistula armour"])
def test_partner_company_names_find_their_projects(client, viewer, projects, q):
    client.force_login(viewer)
    expected = [projects["hub"].get_absolute_url()]
    if q == "vistula armour":  # every word must match the project text or one company's name
        expected = []
    assert project_urls(client, q) == expected


def test_project_text_still_finds_projects_and_the_list_link_agrees(client, viewer, projects):
    client.force_login(viewer)
    assert project_urls(client, "armour repair") == [projects["hub"].get_absolute_url()]
    assert project_urls(client, "nordkapp") == [projects["licence"].get_absolute_url()]
    listed = client.get("/projects/", {"q": "nordkapp"}).context["page"].object_list
    assert [p.reference for p in listed] == [projects["licence"].reference]


def test_archived_projects_stay_hidden(client, viewer, projects):
    projects["hub"].is_archived = True
    projects["hub"].save()
    client.force_login(viewer)
    assert project_urls(client, "vistula") == []


def test_search_costs_the_same_queries_with_companies(client, viewer, projects):
    client.force_login(viewer)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            client.get(URL, {"q": "vistula"})
        return len(queries)

    before = count()
    for n in range(5):
        repair_hub(projects["hub"].partner_companies.get(), reference=f"UOP-2026-4{n:02d}")
    assert count() == before
