"""Joint-production projects for the priority-3 tests: partner companies, a joint venture
abroad and a licence in Ukraine, with milestones."""

import datetime

from django.utils import timezone

from tests import factories
from tracker.projects.models import Arrangement, CapacityPeriod, Milestone, MilestoneKind
from tracker.reference.models import Organisation


def partner_company(code: str, country: str, name: str = "") -> Organisation:
    return factories.OrganisationFactory(
        code=code, name=name or code.title(), kind=Organisation.Kind.PARTNER_COMPANY, country=country
    )


def days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def repair_hub(company: Organisation, **fields):
    """A joint venture repairing armoured vehicles in Poland, with one late milestone."""
    project = factories.ProjectFactory(
        reference=fields.pop("reference", "UOP-2026-101"),
        title=fields.pop("title", "Armour repair hub"),
        arrangement=Arrangement.JOINT_VENTURE,
        location_country="PL",
        location_city="Rzeszów",
        capacity_quantity=30,
        capacity_unit="repairs",
        capacity_period=CapacityPeriod.MONTH,
        localisation_share=40,
        **fields,
    )
    project.partner_companies.add(company)
    Milestone.objects.create(
        project=project, kind=MilestoneKind.AGREEMENT_SIGNED, planned_on=days(-60), actual_on=days(-50)
    )
    Milestone.objects.create(project=project, kind=MilestoneKind.SITE_READY, planned_on=days(-10))
    Milestone.objects.create(project=project, kind=MilestoneKind.FIRST_UNIT, planned_on=days(90))
    return project


def shell_licence(company: Organisation | None = None, **fields):
    """A licence for shell production in Ukraine."""
    project = factories.ProjectFactory(
        reference=fields.pop("reference", "UOP-2026-102"),
        title=fields.pop("title", "Licensed shells"),
        arrangement=Arrangement.LICENCE,
        location_country="UA",
        location_city="Dnipro",
        capacity_quantity=1000,
        capacity_unit="rounds",
        capacity_period=CapacityPeriod.MONTH,
        localisation_share=65,
        **fields,
    )
    if company is not None:
        project.partner_companies.add(company)
    return project
