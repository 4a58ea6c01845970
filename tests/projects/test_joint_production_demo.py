"""The demo data shows a licence for shells in Ukraine and a repair joint venture abroad."""

import pytest
from django.core.management import call_command

from tracker.projects.models import Location, Milestone, Project
from tracker.reference.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("seed", demo=True)


def test_demo_has_a_repair_joint_venture_abroad_with_a_partner_company(demo):
    hub = Project.objects.get(reference="UOP-2026-001")
    assert hub.arrangement == "joint_venture" and hub.location == Location.ABROAD
    assert [c.code for c in hub.partner_companies.all()] == ["vistula-defence"]
    assert (hub.capacity_unit, hub.capacity_period) == ("repairs", "month")


def test_demo_has_a_shell_licence_in_ukraine_with_an_actual_and_a_late_milestone(demo):
    licence = Project.objects.get(reference="UOP-2026-002")
    assert licence.arrangement == "licence" and licence.location == Location.UKRAINE
    assert [c.code for c in licence.partner_companies.all()] == ["nordkapp-munitions"]
    assert (licence.capacity_unit, licence.localisation_share) == ("rounds", 65)
    milestones = list(licence.milestones.in_order())
    assert any(m.actual_on for m in milestones)
    assert any(m.is_late and m.actual_on is None for m in milestones)


def test_both_demo_partner_companies_take_part_in_projects_and_a_second_run_adds_nothing(demo, settings):
    assert set(
        Project.objects.filter(partner_companies__isnull=False).values_list("reference", flat=True)
    ) == {
        "UOP-2026-001",
        "UOP-2026-002",
    }
    before = (Milestone.objects.count(), Project.partner_companies.through.objects.count())
    call_command("seed", demo=True)
    assert (Milestone.objects.count(), Project.partner_companies.through.objects.count()) == before


def test_demo_enterprises_and_partner_companies_are_plainly_fictional(demo):
    # A real plant's name beside invented problems would read as a claim about that plant.
    invented = Organisation.objects.filter(
        kind__in=[Organisation.Kind.ENTERPRISE, Organisation.Kind.PARTNER_COMPANY]
    )
    assert invented.count() >= 5
    for organisation in invented:
        assert organisation.name.endswith("(demo)") and organisation.name_uk.endswith("(демо)"), organisation
