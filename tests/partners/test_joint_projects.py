"""A partner page lists the joint projects its companies take part in."""

import pytest

from tests import factories
from tests.page_checks import client_for
from tests.projects.joint_data import partner_company, repair_hub, shell_licence
from tests.queries import assert_fixed_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def companies(country_pl):
    factories.CountryFactory(code="NO")
    return {
        "vistula": partner_company("vistula", "PL", name="Vistula Defence Systems"),
        "nordkapp": partner_company("nordkapp", "NO", name="Nordkapp Munitions"),
    }


def joint_section(html: str) -> str:
    start = html.index('id="joint-projects-heading"')
    return html[start : html.index("</section>", start)]


def test_partner_page_lists_the_joint_projects_of_its_companies(viewer, companies):
    hub = repair_hub(companies["vistula"], title="Armour repair hub")
    licence = shell_licence(companies["nordkapp"], title="Licensed shells")
    section = joint_section(client_for(viewer).get("/partners/pl/").text)
    assert hub.reference in section and "Armour repair hub" in section
    assert "Vistula Defence Systems" in section and "Joint venture" in section
    assert "Rzeszów, Poland (abroad)" in section
    assert licence.reference not in section
    norway = joint_section(client_for(viewer).get("/partners/no/").text)
    assert "Licensed shells" in norway and "Dnipro, Ukraine (in Ukraine)" in norway
    assert "Vistula" not in norway


def test_a_project_with_two_companies_of_the_country_is_listed_once_naming_both(viewer, companies):
    hub = repair_hub(companies["vistula"])
    hub.partner_companies.add(partner_company("baltic", "PL", name="Baltic Armour"), companies["nordkapp"])
    section = joint_section(client_for(viewer).get("/partners/pl/").text)
    assert section.count(hub.reference) == 1
    assert "Baltic Armour, Vistula Defence Systems" in section
    assert "Nordkapp" not in section


def test_archived_projects_are_not_listed_and_countries_without_companies_have_no_section(viewer, companies):
    repair_hub(companies["vistula"], is_archived=True)
    assert 'id="joint-projects-heading"' not in client_for(viewer).get("/partners/pl/").text
    factories.CountryFactory(code="DE")
    assert 'id="joint-projects-heading"' not in client_for(viewer).get("/partners/de/").text


def test_partner_page_costs_the_same_queries_with_more_joint_projects(viewer, companies):
    repair_hub(companies["vistula"])

    def grow():
        for n in range(8):
            project = repair_hub(companies["vistula"], reference=f"UOP-2026-3{n:02d}")
            project.partner_companies.add(partner_company(f"pl-company-{n}", "PL"))

    assert_fixed_queries(client_for(viewer), "/partners/pl/", grow)
